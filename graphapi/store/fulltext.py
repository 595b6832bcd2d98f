"""Full-text search text handling for both backends: pure functions, no I/O.

Search semantics, the same on both backends: the user's text is split into *phrases*, the
maximal runs of letters and digits after NFKC normalisation and lower-casing (spaces and
punctuation separate phrases), and a provision matches when its text contains every phrase.

FalkorDB 4.x (RediSearch) cannot match a Chinese phrase such as 购房津贴: its `chinese`
tokenizer segments text into words, and a phrase that is not one of its words finds nothing.
So the FalkorDB adapter indexes a `searchTerms` property built by `index_terms`: for each run
of the text, its overlapping character bigrams in order, then the run's distinct characters.
`redisearch_query` turns a phrase of n >= 2 characters into an exact RediSearch phrase of its
n - 1 bigrams: consecutive bigram tokens exist exactly where the text holds the phrase, so the
match is a true substring match, not "the words somewhere". A one-character phrase becomes a
unigram term. The characters written after each run keep the bigrams of two runs apart, so a
phrase never matches across punctuation. The index has no stopwords and no stemming (see
cypher/falkordb/schema.cypher), so no token is dropped or rewritten.

Escaping is by construction: only letters and digits reach a query string, so RediSearch
operators (| - @ * ~ ( ) " % : …) and Lucene ones cannot appear, whatever the user typed.

Neo4j: Lucene's `cjk` analyzer makes the bigrams itself; each phrase becomes a quoted Lucene
phrase and the phrases are joined by AND (Lucene's default operator is OR). A one-character
phrase becomes `(c* OR *c)`: inside a run the cjk analyzer emits only bigrams, so the
character is found as the start or the end of one (Neo4j's parser allows leading wildcards).
"""

from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"[^\W_]+")  # letters and digits of any script; \w minus the underscore


def normalize(text: str) -> str:
    """NFKC (full-width Ａ１ -> A1, compatibility forms) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[str]:
    """The runs of letters and digits of `text`, normalised, in order."""
    return _RUN.findall(normalize(text))


def phrases(text: str) -> list[str]:
    """The distinct phrases a query must all match, in the order typed ([] if none)."""
    return list(dict.fromkeys(runs(text)))


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(text: str) -> str:
    """The FalkorDB `searchTerms` value: per run, its bigrams in order, then its characters."""
    tokens: list[str] = []
    for run in runs(text):
        tokens.extend(bigrams(run))
        tokens.extend(dict.fromkeys(run))
    return " ".join(tokens)


def redisearch_query(text: str) -> str:
    """FalkorDB query string: every phrase as an exact bigram phrase ('' when nothing to search)."""
    parts = []
    for phrase in phrases(text):
        parts.append(phrase if len(phrase) == 1 else '"' + " ".join(bigrams(phrase)) + '"')
    return " ".join(parts)


def lucene_query(text: str) -> str:
    """Neo4j query string: every phrase as a Lucene phrase, joined by AND ('' when nothing to search)."""
    parts = []
    for phrase in phrases(text):
        parts.append(f"({phrase}* OR *{phrase})" if len(phrase) == 1 else f'"{phrase}"')
    return " AND ".join(parts)
