"""Property tests on mutated corpus documents: the parser never crashes, and never loses or
duplicates text, whatever lines are deleted, repeated, swapped, cut or inserted."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.documents import parse_text
from ingest.errors import DocumentError
from tests.ingest.support import (
    PREFIXES,
    corpus_path,
    lost_lines,
    parsed_corpus,
    provision_words,
    source_words,
)

SOURCES = {prefix: corpus_path(prefix).read_text(encoding="utf-8") for prefix in PREFIXES}

# Inserted lines: genre-like text with markers, brackets and numbering mixed in.
_PIECES = ["第三条", "第2章", "（一）", "(二)", "1.", "（1）", "一、", "附件", "附件1", "《", "》", "“", "”", "，", "。",
           "；", "：", "试行", "征求意见稿", "的通知", "人才", "补贴", "万元", "2018年6月5日", "云发〔2018〕4号", " ", "\t"]
junk_line = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join).map(lambda s: s + "人才")


@st.composite
def mutated_documents(draw):
    prefix = draw(st.sampled_from(PREFIXES))
    lines = SOURCES[prefix].split("\n")
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["delete", "repeat", "swap", "blank", "junk", "half-width", "cut"]))
        i = draw(st.integers(0, len(lines) - 1))
        if operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "repeat":
            lines.insert(i, lines[i])
        elif operation == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "blank":
            lines.insert(i, "")
        elif operation == "junk":
            lines.insert(i, draw(junk_line))
        elif operation == "half-width":
            lines[i] = lines[i].replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")
        elif operation == "cut" and (text := "\n".join(lines)):
            lines = text[: draw(st.integers(1, len(text)))].split("\n")
    return "\n".join(lines)


@given(mutated_documents())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_documents_lose_and_duplicate_nothing(text):
    try:
        document = parse_text(text, "mutated.txt")
    except DocumentError as error:
        assert error.reason and "could not be parsed" not in error.reason  # a named problem, not a crash
        return
    assert lost_lines(text, document) == []
    assert provision_words(document) <= source_words(text)
    ids = [p.id for policy in document.policies for p in policy.provisions]
    assert len(ids) == len(set(ids))


@given(st.binary(max_size=2000))
@settings(max_examples=150, deadline=None)
def test_random_bytes_give_a_document_or_a_document_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.txt"
    path.write_bytes(data)
    from ingest.documents import parse_file

    try:
        parse_file(path)
    except DocumentError as error:
        assert "could not be parsed" not in error.reason


def test_the_text_check_notices_a_lost_provision():
    """The no-text-lost check above can fail: drop one provision and it does."""
    document = parsed_corpus("001")
    (policy,) = document.policies
    dropped = dataclasses.replace(policy, provisions=[p for p in policy.provisions if not p.id.endswith("art_11__item_5")])
    damaged = dataclasses.replace(document, policies=[dropped])
    assert lost_lines(SOURCES["001"], damaged) == [
        "（五）培育奖励。对在支持期内新入选A、B、C的官渡高层次人才（团队）入选者，分别给予50万元、20万元、5万元奖励。"
        "同时入选国家级、省级和市级重点人才工程和重点人才项目的，按从高从优不重复享受的原则执行。"
    ]
