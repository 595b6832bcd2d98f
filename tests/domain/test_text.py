"""Name normalisation: one key for every way a name is written."""

import pytest

from graphapi.domain import text
from graphapi.domain.text import normalize, normalize_with_offsets, to_simplified


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("長江學者特聘教授", "长江学者特聘教授"),  # traditional script (003 is traditional)
        ("國家傑出青年科學基金", "国家杰出青年科学基金"),
        ("諾貝爾獎", "诺贝尔奖"),
        ("“长江学者奖励计划”特聘教授", "长江学者奖励计划特聘教授"),  # curly quotes
        ('"长江学者奖励计划"特聘教授', "长江学者奖励计划特聘教授"),  # straight quotes
        ("「长江学者奖励计划」特聘教授", "长江学者奖励计划特聘教授"),  # corner brackets
        ("『百人计划』", "百人计划"),
        ("《云南省“千人计划”实施办法》", "云南省千人计划实施办法"),  # book-title marks
        ("外国人来华工作许可证（Ａ类）", "外国人来华工作许可证a类"),  # full-width letter, parentheses
        ("外国人来华工作许可证(A类)", "外国人来华工作许可证a类"),
        ("云南省 “千人计划”\n（高层次人才）", "云南省千人计划高层次人才"),  # spaces and line breaks
        ("深圳市\u3000杰出人才", "深圳市杰出人才"),  # ideographic space
    ],
)
def test_variants_share_one_key(written: str, canonical: str) -> None:
    assert normalize(written) == normalize(canonical) == canonical


@pytest.mark.parametrize("number", ["云党人才〔2018〕4号", "云党人才【2018】4号", "云党人才［2018］4号", "云党人才[2018]4号"])
def test_square_brackets_fold_to_one_pair(number: str) -> None:
    assert normalize(number) == "云党人才[2018]4号"


def test_simplified_text_is_left_alone() -> None:
    sentence = "显著著作著名，乾坤，于是"
    assert to_simplified(sentence) == sentence


def test_to_simplified_keeps_other_characters() -> None:
    assert to_simplified("第十一條（一）A類 2023年") == "第十一条（一）A类 2023年"


def test_one_converter_serves_every_call() -> None:
    assert text._converter() is text._converter()


def test_offsets_point_back_into_the_original() -> None:
    original = "根據“鵬城英才計劃”的意見"
    key, offsets = normalize_with_offsets(original)
    assert key == "根据鹏城英才计划的意见"
    assert len(offsets) == len(key)
    start = key.index("鹏城英才计划")
    end = start + len("鹏城英才计划")
    assert original[offsets[start] : offsets[end - 1] + 1] == "鵬城英才計劃"


def test_empty_and_blank_text() -> None:
    assert normalize("") == ""
    assert normalize(" \n\t“”") == ""
