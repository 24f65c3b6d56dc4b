"""Rebuild every read model from the whole log; print events/s and peak memory.

    python -m bench.rebuild_worker ENV_JSON PAGE_SIZE STOP [GROUPS]

GROUPS (default `history,plans,complaints/virksom`) says which models are built together in
one process; the groups run in parallel processes, each reading and decoding the log for its own
models' topics. Two processes for two cores: `virksom` costs about what the other three cost
together, and a third process only added a third pass of reading and decoding the log
(municipality, 2026-12-03: 15.5 to 16.1 s and 235 MB in all, against 18.8 to 19.7 s and
339 MB with `history/plans,complaints/virksom`; docs/operations.md). `all` builds every model
in one process (the runner as `planspor project run` uses it). Run as a subprocess by
`bench.measure`, so that its peak resident memory is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import sys
from time import perf_counter
from typing import Any

import psycopg

from adapters.database import conninfo, schema_lock
from adapters.readmodels import builds as rebuilds
from adapters.readmodels import registry, runner
from adapters.readmodels.catalog import MODELS, fingerprint
from application.service import Planspor

GROUPS = "history,plans,complaints/virksom"


def build(
    env: dict[str, str], builds: dict[str, int], page_size: int, stop: int
) -> tuple[float, list[float], float]:
    """Catch the given builds up with the log in this process; return its peak RSS in MB, the
    peak so far as each tenth of the log was passed (flat in the size of the log: the peak is
    reached early and does not climb with the position), and the CPU seconds the catch-up took
    in this process (less disturbed than wall time by what else the machine runs)."""
    with schema_lock(conninfo(env)):  # the groups start at once: create/check tables in turn
        app = Planspor(env=env)
    views = {model: runner.open_view(env, model, build) for model, build in builds.items()}
    follower = runner.Runner(app, views, page_size, stop=stop or None)
    tenths: list[float] = []

    def passed(position: int, head: int) -> None:
        while len(tenths) < 10 and position >= (len(tenths) + 1) * min(head, stop or head) / 10:
            tenths.append(_peak_mb())

    began = _cpu_seconds()
    try:
        follower.catch_up(passed)
    finally:
        follower.close()
        app.close()
    return _peak_mb(), tenths, _cpu_seconds() - began


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(env_json: str, page_size: int, stop: int, groups: str = GROUPS) -> None:
    env = json.loads(env_json)
    names = [list(MODELS)] if groups == "all" else [g.split(",") for g in groups.split("/")]
    chosen = [model for group in names for model in group]
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        builds = {model: registry.next_build(conn, model) for model in chosen}
        events = _events(conn, stop, chosen)
    for model, number in builds.items():  # tables created before the processes race to
        runner.open_view(env, model, number).datastore.close()
    started = perf_counter()
    if len(names) == 1:
        built = [build(env, builds, page_size, stop)]  # the one group: every model chosen
    else:
        with multiprocessing.get_context("spawn").Pool(len(names)) as pool:
            jobs = [(env, {m: builds[m] for m in group}, page_size, stop) for group in names]
            built = pool.starmap(build, jobs)
    seconds = perf_counter() - started
    vacuumed = perf_counter()
    _finish(env, builds, stop)
    vacuum_seconds = perf_counter() - vacuumed
    report = _report(events, seconds, [peak for peak, _, _ in built], builds, page_size, names)
    report["peak_rss_mb_by_tenth"] = [tenths for _, tenths, _ in built]
    report["python_cpu_s_by_group"] = [round(cpu, 2) for _, _, cpu in built]
    report["python_cpu_us_per_event"] = round(sum(c for _, _, c in built) / max(events, 1) * 1e6, 1)
    report["vacuum_seconds"] = vacuum_seconds
    print(json.dumps(report))


def _events(conn: psycopg.Connection[Any], stop: int, models: list[str]) -> int:
    """Events of the log (up to `stop`) that some of the models read."""
    topics = sorted({t for model in models for t in MODELS[model].topics})
    row = conn.execute(
        "SELECT count(*) FROM planspor_events WHERE topic = ANY(%s) AND notification_id <= %s",
        [topics, stop or 2**62],
    ).fetchone()
    return int(row[0]) if row else 0


def _report(
    events: int,
    seconds: float,
    peaks: list[float],
    builds: dict[str, int],
    page_size: int,
    groups: list[list[str]],
) -> dict[str, Any]:
    return {
        "notifications": events,
        "seconds": seconds,
        "peak_rss_mb": max(peaks),
        "peak_rss_mb_all_processes": sum(peaks),
        "processes": len(groups),
        "groups": ["+".join(group) for group in groups],
        "builds": builds,
        "page_size": page_size,
    }


def _finish(env: dict[str, str], builds: dict[str, int], stop: int) -> None:
    """A prefix: drop the new builds (the live read models stay as they are); the whole log:
    vacuum and analyse the new builds and make them the live ones, as `planspor project rebuild`
    does (so the reads measured next find the tables as a rebuild leaves them), drop the old."""
    with psycopg.connect(conninfo(env)) as conn:
        for model, build in builds.items():
            if stop:
                registry.drop(conn, model, build)
                continue
            rebuilds.vacuum(env, model, build)
            previous = registry.switch(conn, model, build, fingerprint(model))
            if previous is not None and previous != build:
                registry.drop(conn, model, previous)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:5])
