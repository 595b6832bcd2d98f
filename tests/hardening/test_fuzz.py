"""schemathesis generates operations for every field of the schema (arguments of every shape,
nested selections) and sends them to the app: never a 5xx, never an error without a code, never
an INTERNAL one, never a trace. Bounded so that it runs in about a minute."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from starlette.applications import Starlette

from graphapi.api.errors import ErrorCode
from graphapi.app import create_app
from graphapi.config import Settings
from graphapi.schema_export import sdl
from graphapi.store.base import GraphStore
from tests.hardening.conftest import API_KEYS, EDITOR_KEY, corpus_in

CODES = {code.value for code in ErrorCode} - {ErrorCode.INTERNAL.value}
EXAMPLES = 100  # per field: some 1 300 operations in all, about 20 s


@pytest.fixture(scope="module")
async def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[GraphStore]:
    """The corpus in a store of its own: ingestDocument is fuzzed with a valid key and may load."""
    store = await corpus_in(tmp_path_factory.mktemp("fuzz") / "corpus.rdb")
    yield store
    await store.close()


@pytest.fixture(scope="module")
def fuzz_app(fuzz_store: GraphStore) -> Iterator[Starlette]:
    # The app opens the store itself, on schemathesis's own event loop (it attaches to the
    # server the fixture started), and is shut down with the module.
    path = Path(fuzz_store.path)  # type: ignore[attr-defined]
    yield create_app(Settings(graph_uri=str(path), api_keys=API_KEYS, request_timeout=10))
    schemathesis.python.asgi.shutdown_lifespans()


# From the schema's SDL (what `make schema` commits): one test per field.
schema = schemathesis.graphql.from_file(sdl())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_error_coded(fuzz_app, case):
    response = case.call(app=fuzz_app, headers={"authorization": f"Bearer {EDITOR_KEY}"})
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text and 'File "' not in response.text
    body = response.json()
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        assert code in CODES, (case.body, error)
