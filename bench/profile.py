"""Where the time goes: pyinstrument profiles of the headline request, the 100 000-claim
check and the ingest, written to bench/results/profiles/*.txt.

    .venv/bin/python -m bench.profile [--scale 1]

Requests run in-process through the ASGI app (no socket), so the profile shows the server's
own work: parsing and validating the document, resolvers, the store client, serialisation.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import time
from pathlib import Path

import httpx
from pyinstrument import Profiler

from bench import generate, workload
from bench.figures import RESULTS
from bench.run import WORK
from graphapi.app import create_app
from graphapi.config import Settings
from graphapi.store import open_store
from ingest.pipeline import ingest_paths

PROFILES = RESULTS / "profiles"


def _save(profiler: Profiler, name: str) -> Path:
    PROFILES.mkdir(parents=True, exist_ok=True)
    path = PROFILES / f"{name}.txt"
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    return path


async def profile(scale: int, requests: int) -> list[Path]:
    corpus = WORK / f"profile-corpus-{scale}x"
    generate.write_corpus(corpus, scale)
    store_dir = WORK / f"profile-store-{scale}x"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = open_store(Settings(graph_uri=str(store_dir / "talent.rdb")))
    await store.open()
    written = []
    try:
        profiler = Profiler(async_mode="enabled")
        with profiler:
            await ingest_paths(store, [corpus])
        written.append(_save(profiler, f"ingest-{scale}x"))

        app = create_app(Settings(graph_uri="unused.rdb"), store=store)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as client:
                for _ in range(20):  # warm caches (parser, validation, entity resolver)
                    await client.post("/graphql", json=workload.HEADLINE)
                profiler = Profiler(async_mode="enabled", interval=0.0005)
                started = time.perf_counter()
                # A new request each time: what computing the answer costs (a repeated one comes
                # from the response cache, graphapi/api/responses.py).
                with profiler:
                    for n in range(requests):
                        await client.post("/graphql", json=workload.headline_unseen(n))
                per_request = (time.perf_counter() - started) / requests * 1000
                written.append(_save(profiler, f"qualifying-{scale}x"))
                print(f"qualifyingTiers in-process, computed each time: {per_request:.1f} ms per request (profiled)")

                answer = (await client.post("/graphql", json={"query": workload.BENEFITS})).json()
                claims = workload.claims_batch(workload.benefit_ids_by_tier(answer["data"]), 100_000)
                body = workload.dedup_bulk_body(claims)
                profiler = Profiler(async_mode="enabled")
                started = time.perf_counter()
                with profiler:
                    await client.post("/graphql", json=body)
                print(f"checkDuplicateEnjoyment 100 000 claims in-process: {time.perf_counter() - started:.2f} s (profiled)")
                written.append(_save(profiler, f"dedup-{scale}x"))
    finally:
        await store.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    for path in asyncio.run(profile(args.scale, args.requests)):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
