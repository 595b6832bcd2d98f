"""The answers in examples/answers/ are the API's real answers to the example questions.

Each examples/<name>.graphql runs with its <name>.json variables against the ingested corpus;
the answer (its `data`) must equal examples/answers/<name>.json, which the README quotes. When
the extractor or the reasoning changes an answer on purpose, refresh them with `make examples`
(UPDATE_EXAMPLES=1) and read the diff."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
ANSWERS = EXAMPLES / "answers"
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.graphql"))


@pytest.mark.parametrize("name", NAMES)
async def test_the_recorded_answer_is_the_real_one(client, name):
    query = (EXAMPLES / f"{name}.graphql").read_text(encoding="utf-8")
    variables_file = EXAMPLES / f"{name}.json"
    variables = json.loads(variables_file.read_text(encoding="utf-8")) if variables_file.exists() else {}
    body = await client.post(query, variables)
    assert not body.get("errors"), body.get("errors")
    answer = json.dumps(body["data"], ensure_ascii=False, indent=2) + "\n"
    recorded = ANSWERS / f"{name}.json"
    if os.environ.get("UPDATE_EXAMPLES") == "1":
        ANSWERS.mkdir(exist_ok=True)
        recorded.write_text(answer, encoding="utf-8")
    assert recorded.exists(), f"no recorded answer for {name}: run `make examples`"
    assert answer == recorded.read_text(encoding="utf-8"), f"{name}: the answer changed; run `make examples` and read the diff"
