"""Search-hit snippets (graphapi.domain.snippets), on texts written for the test."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graphapi.domain.snippets import make_snippet

LONG = (
    "第五条 引进人才的待遇。全职在本区工作满三年的高层次人才，按照认定类别享受相应待遇，"
    "其中A类人才给予购房津贴最高不超过800万元，B类人才给予购房津贴最高不超过400万元，"
    "C类人才按照购房总价的30%给予补贴，补贴分五年发放，每年发放20%。"
)


def test_short_text_is_marked_whole() -> None:
    assert make_snippet("给予购房津贴。", "购房津贴") == "给予【购房津贴】。"


def test_window_around_the_first_match_with_ellipses() -> None:
    snippet = make_snippet(LONG, "购房津贴", width=20)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "【购房津贴】" in snippet
    shown = snippet.replace("【", "").replace("】", "").strip("…")
    assert len(shown) == 20
    assert shown in LONG
    assert LONG.index(shown) < LONG.index("购房津贴") < LONG.index(shown) + 20


def test_every_match_in_the_window_is_marked() -> None:
    snippet = make_snippet(LONG, "购房津贴", width=len(LONG))
    assert snippet.count("【购房津贴】") == 2
    assert "…" not in snippet


def test_several_phrases() -> None:
    assert make_snippet("每年发放20%，分五年发放。", "五年 发放") == "每年【发放】20%，分【五年】【发放】。"


def test_match_at_the_start_and_at_the_end() -> None:
    assert make_snippet(LONG, "第五条", width=10) == "【第五条】 引进人才的待…"
    # punctuation is not part of a phrase, so the % stays outside the mark
    assert make_snippet(LONG, "每年发放20%", width=12) == "…年发放，【每年发放20】%。"


def test_no_match_or_nothing_to_match_gives_the_opening() -> None:
    assert make_snippet(LONG, "龘", width=8) == "第五条 引进人才…"
    assert make_snippet(LONG, "。，“”", width=8) == "第五条 引进人才…"
    assert make_snippet("", "购房") == ""


def test_matching_ignores_width_and_case_and_keeps_the_original_text() -> None:
    assert make_snippet("支持ＡＩ产业人才", "ai") == "支持【ＡＩ】产业人才"
    assert make_snippet("支持AI产业人才", "ＡＩ产业") == "支持【AI产业】人才"
    assert make_snippet("ﬁnance人才", "fin") == "【ﬁn】ance人才"


def test_whitespace_is_collapsed() -> None:
    assert make_snippet("购房\n\n  津贴", "津贴") == "购房 【津贴】"


@given(
    text=st.text(alphabet=st.sampled_from("购房津贴补助 ，。Aa1"), max_size=80),
    query=st.text(alphabet=st.sampled_from("购房津贴 ，A"), max_size=6),
    width=st.integers(min_value=1, max_value=40),
)
def test_snippet_is_a_marked_piece_of_the_text(text: str, query: str, width: int) -> None:
    snippet = make_snippet(text, query, width)
    shown = snippet.replace("【", "").replace("】", "").removeprefix("…").removesuffix("…")
    assert shown in " ".join(text.split())
    assert len(shown) <= max(width, len(query))
