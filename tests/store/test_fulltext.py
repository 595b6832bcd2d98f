"""The full-text text handling on its own: phrases, bigram index terms, query strings."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from graphapi.store.fulltext import index_terms, lucene_query, normalize, phrases, redisearch_query
from tests.store.support import HOSTILE


def test_phrases_are_runs_of_letters_and_digits() -> None:
    assert phrases("购房津贴") == ["购房津贴"]
    assert phrases("购房 津贴，购房") == ["购房", "津贴"]
    assert phrases("Ａ类人才（一）80%") == ["a类人才", "一", "80"]
    assert phrases("。，“”()[]|-@*~\"'") == []
    assert phrases("snake_case") == ["snake", "case"]


def test_index_terms_are_bigrams_then_characters_per_run() -> None:
    assert index_terms("购房津贴") == "购房 房津 津贴 购 房 津 贴"
    assert index_terms("给予购房。津贴") == "给予 予购 购房 给 予 购 房 津贴 津 贴"
    assert index_terms("A类") == "a类 a 类"
    assert index_terms("。") == ""


def test_redisearch_query() -> None:
    assert redisearch_query("购房津贴") == '"购房 房津 津贴"'
    assert redisearch_query("购房") == '"购房"'
    assert redisearch_query("津") == "津"
    assert redisearch_query("购房津贴，津 to") == '"购房 房津 津贴" 津 "to"'
    assert redisearch_query("“”。") == ""


def test_lucene_query() -> None:
    assert lucene_query("购房津贴") == '"购房津贴"'
    assert lucene_query("购房 津贴") == '"购房" AND "津贴"'
    assert lucene_query("津") == "(津* OR *津)"
    assert lucene_query("“”。") == ""


# Everything a query string may hold besides letters and digits; anything else could be syntax.
REDISEARCH_SAFE = re.compile(
    r'^(?:"[^\W_]{2}(?: [^\W_]{2})*"|[^\W_])?(?: (?:"[^\W_]{2}(?: [^\W_]{2})*"|[^\W_]))*$'
)
LUCENE_SAFE = re.compile(r'^(?:(?:"[^\W_]{2,}"|\(([^\W_])\* OR \*\1\))(?: AND (?=.))?)*$')


def test_hostile_text_leaves_only_letters_and_digits() -> None:
    for text in HOSTILE:
        assert REDISEARCH_SAFE.fullmatch(redisearch_query(text)), text
        assert LUCENE_SAFE.fullmatch(lucene_query(text)), text


def redisearch_finds(terms: str, query: str) -> bool:
    """RediSearch semantics over space-separated tokens: every quoted phrase must appear as
    consecutive tokens, every bare term as a token."""
    tokens = terms.split()
    for part in re.findall(r'"[^"]*"|\S+', query):
        wanted = part.strip('"').split()
        if not any(tokens[i : i + len(wanted)] == wanted for i in range(len(tokens) - len(wanted) + 1)):
            return False
    return True


texts = st.text(alphabet=st.sampled_from("购房津贴补助生活一次性 ，。A1a-"), max_size=30)


@given(text=texts, query=texts)
def test_bigram_phrases_match_exactly_where_the_text_holds_every_phrase(text: str, query: str) -> None:
    wanted = phrases(query)
    if not wanted:
        assert redisearch_query(query) == ""
        return
    holds_all = all(phrase in normalize(text) for phrase in wanted)
    assert redisearch_finds(index_terms(text), redisearch_query(query)) == holds_all
