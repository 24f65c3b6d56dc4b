"""Generate a synthetic but realistic plan history straight into the event store, for benchmarks.

Each plan is lived through the real domain commands (so every event is valid), with effective
times over the past ~6 years and recorded timestamps at or after them (see `bench.clock`). Plans
are built in chunks; each chunk's events are encoded by the application's mapper and
bulk-inserted with COPY (`bench.store`). Each plan's events go in version order and plans follow
one another, so the notification log is NOT globally sorted by recorded time (benchmarks need
not care). Person-index and idempotency aggregates are not written; snapshots are, where the
application would have taken them. Plan `i` is seeded from (seed, i): the same seed gives the same
history (except the random UUIDs the domain assigns), whatever the chunk size or worker count.

    python -m bench.generate --plans 2000 [--seed 1] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import Any

from psycopg.conninfo import make_conninfo

from adapters.database import database_url, ensure_database, eventsourcing_env, start_embedded
from adapters.settings import Settings
from application.service import Planspor
from bench.parallel import chunks
from bench.report import GenerationReport
from bench.store import CopyWriter, database_size
from bench.vocabulary import DEFAULT_MUNICIPALITIES
from bench.world import Spec
from domain.plan import Plan

CHUNK_SIZE = 250


def generate(
    app: Planspor,
    *,
    plans: int,
    seed: int = 1,
    municipalities: list[str] | None = None,
    today: date | None = None,
    chunk_size: int = CHUNK_SIZE,
    snapshots: bool = True,
    workers: int = 1,
) -> GenerationReport:
    """Write `plans` synthetic plans into `app`'s PostgreSQL event store; report what it wrote."""
    spec = Spec(
        env=dict(app.env),
        seed=seed,
        municipalities=list(municipalities or DEFAULT_MUNICIPALITIES),
        today=today or date.today(),
        snapshot_every=app.snapshotting_intervals.get(Plan, 0) if snapshots else 0,
    )
    tasks = (range(i, min(plans, i + chunk_size)) for i in range(0, plans, chunk_size))
    report = GenerationReport()
    started = perf_counter()
    with CopyWriter(app) as writer:
        for batch, generated in chunks(spec, tasks, plans, workers, app.mapper):
            writer.put(batch)
            report.snapshots += len(batch.snapshots)
            for plan in generated:
                report.add(plan)
    report.seconds = perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    app = Planspor(env=eventsourcing_env(settings, _url(settings, args.embedded, args.dbname)))
    try:
        report = generate(
            app,
            plans=args.plans,
            seed=args.seed,
            municipalities=args.municipalities.split(",") if args.municipalities else None,
            today=date.fromisoformat(args.today) if args.today else None,
            chunk_size=args.chunk_size,
            snapshots=not args.no_snapshots,
            workers=args.workers,
        )
        summary: dict[str, Any] = report.summary() | {"database_bytes": database_size(app)}
    finally:
        app.close()
    print(json.dumps(summary, indent=2))
    return 0


def _url(settings: Settings, embedded: str | None, dbname: str | None) -> str:
    url = start_embedded(Path(embedded), dbname="postgres") if embedded else database_url(settings)
    if dbname:
        ensure_database(url, dbname)
        url = make_conninfo(url, dbname=dbname)
    return url


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--plans", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", help="reference date, YYYY-MM-DD (default: today)")
    parser.add_argument("--municipalities", help="comma-separated kommunenummer")
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)
    parser.add_argument("--no-snapshots", action="store_true")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--embedded", help="start an embedded PostgreSQL in this directory")
    parser.add_argument("--dbname", help="write to this (fresh) database on that server")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
