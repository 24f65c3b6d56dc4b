"""Rebuild throughput: the batch runner over the whole log, against the library's stock
`ProjectionRunner` (one event per transaction) on a prefix of the same log, and the ceiling:
reading the notification log in large pages without decoding, and decoding it."""

from __future__ import annotations

import json
import subprocess
import sys
from time import perf_counter
from typing import Any

import psycopg

from adapters.database import conninfo
from adapters.readmodels import registry, runner
from adapters.readmodels.catalog import MODELS
from application.service import Planspor
from bench.rebuild_worker import GROUPS

PAGE = 5000


def ceiling(app: Planspor, limit: int | None = None) -> dict[str, float]:
    """Rows per second reading the log in pages (no decoding), and decoding them as well."""
    topics = sorted({t for model in MODELS.values() for t in model.topics})
    read = decoded = 0
    read_seconds = decode_seconds = 0.0
    start = 1
    while limit is None or read < limit:
        began = perf_counter()
        page = app.recorder.select_notifications(start=start, limit=PAGE, topics=topics)
        read_seconds += perf_counter() - began
        if not page:
            break
        if decoded < 200_000:
            began = perf_counter()
            for notification in page:
                app.mapper.to_domain_event(notification)
            decode_seconds += perf_counter() - began
            decoded += len(page)
        read += len(page)
        start = page[-1].id + 1
    return {
        "rows": read,
        "read_rows_per_s": read / read_seconds,
        "decode_events_per_s": decoded / decode_seconds if decode_seconds else 0.0,
    }


def batch_rebuild(
    env: dict[str, str], stop: int | None = None, groups: str = GROUPS, page: int = PAGE
) -> dict[str, Any]:
    """All read models rebuilt from the whole log, the groups of models in parallel processes
    (`bench.rebuild_worker`; `groups="all"`: one process), peak memory included."""
    worker = [sys.executable, "-m", "bench.rebuild_worker", json.dumps(env)]
    output = subprocess.run(  # noqa: S603
        [*worker, str(page), str(stop or 0), groups],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["events_per_s"] = result["notifications"] / result["seconds"]
    return result


def stock(app: Planspor, env: dict[str, str], events: int) -> dict[str, Any]:
    """The stock runner, one model after the other, over the first `events` notifications.

    Each model subscribes to its own topics only, so each waits for the last of *its* events
    among the first `events` notifications of the log."""
    first = app.recorder.select_notifications(start=1, limit=events)
    seconds: dict[str, float] = {}
    for name, model in MODELS.items():
        own = [n for n in first if n.topic in set(model.topics)]
        if not own:
            continue
        with psycopg.connect(conninfo(env)) as conn:
            registry.ensure(conn)
            build = registry.next_build(conn, name)
        began = perf_counter()
        with runner.stock_runner(env, name, build) as stock_runner:
            stock_runner.wait(own[-1].id, timeout=3600)
        seconds[name] = perf_counter() - began
        _drop_builds(env, {name: build})
    total = sum(seconds.values())
    return {
        "notifications": len(first),
        "seconds_per_model": seconds,
        "events_per_s": len(first) / total,
    }


def _drop_builds(env: dict[str, str], builds: dict[str, int]) -> None:
    with psycopg.connect(conninfo(env)) as conn:
        for model, build in builds.items():
            registry.drop(conn, model, build)
