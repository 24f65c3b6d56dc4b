"""Evidence packs on the largest plan of a dataset, without HTTP: where the time goes (finding the
plan's version at a position, loading its events, building the pack, hashing it, rendering the
document), and proof that a rebuild at the same position gives the same hash."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.postgres import PostgresApplicationRecorder

from adapters.database import conninfo
from adapters.positions import PostgresPositions
from api.evidence_document import render
from application.service import Planspor
from domain.evidence import Period, build_pack, digest
from domain.plan import Plan

PERIOD = Period(date(2000, 1, 1), date(2099, 12, 31))


def largest_plan(env: dict[str, str]) -> tuple[UUID, int]:
    with psycopg.connect(conninfo(env)) as conn:
        row = conn.execute(  # the aggregate with most events is a plan (the others have few)
            "SELECT originator_id, max(originator_version) FROM planspor_events "
            "GROUP BY originator_id ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
    assert row is not None
    return row[0], int(row[1])


def _events(app: Planspor, plan_id: UUID, version: int | None) -> list[Plan.Event]:
    return [e for e in app.events.get(plan_id, lte=version) if isinstance(e, Plan.Event)]


def _timed(call: Callable[[], Any], runs: int) -> tuple[Any, dict[str, float]]:
    result, times = None, []
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return result, {
        "p50_ms": round(statistics.median(times), 2),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
    }


def measure(app: Planspor, env: dict[str, str], runs: int = 20) -> dict[str, Any]:
    plan_id, events = largest_plan(env)
    assert isinstance(app.recorder, PostgresApplicationRecorder)
    positions = PostgresPositions(app.recorder)
    head = app.recorder.max_notification_id() or 0
    version, locate = _timed(lambda: positions.version_at(plan_id, head), runs)
    plan_events, load = _timed(lambda: _events(app, plan_id, version), runs)
    pack, build = _timed(lambda: build_pack(plan_events, PERIOD, head), runs)
    sha, hashing = _timed(lambda: digest(pack), runs)
    _, document = _timed(lambda: render(pack, sha), runs)
    again = digest(build_pack(_events(app, plan_id, version), PERIOD, head))
    return {
        "plan_events": events,
        "pack_bytes": len(str(pack).encode()),
        "find_version_at_position": locate,
        "load_events": load,
        "build_pack": build,
        "sha256": hashing,
        "render_document": document,
        "rebuilt_hash_equal": again == sha,
    }
