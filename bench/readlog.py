"""What the read log costs: a content read with and without its log record, side by side in one
run (in-process, the two interleaved request by request, so both see the same machine).

"Without" is the read's own work: the plan from the read cache, the access decision, the content.
"With" adds the record `Planspor.grant_read` writes before content is shown (one row of
`planspor_read_log`, one INSERT in autocommit: decision record 0022). The application never
reads without the record; only this measurement leaves it out."""

from __future__ import annotations

import argparse
import json
import os
import platform
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg

from adapters.database import conninfo, eventsourcing_env
from adapters.embedded import join
from adapters.settings import Settings
from api.plan_views import plan_json
from api.schemas import PlanOut
from application.access import Action
from application.service import Planspor
from bench import latency
from domain.evidence import Period, build_pack, digest
from domain.values import Actor, Role

PERIOD = Period(date(2000, 1, 1), date(2099, 12, 31))
Content = Callable[[Planspor, UUID, int], Any]


def _plan(app: Planspor, plan_id: UUID, turn: int) -> Any:
    return plan_json(app._cached(plan_id).plan)


def _as_of(instants: list[datetime]) -> Content:
    """Folded and written anew on every call: `plan_json` keeps the JSON of a version, so the
    second call of a turn (same instant) would otherwise be served from it."""

    def content(app: Planspor, plan_id: UUID, turn: int) -> Any:
        cached = app._cached(plan_id)
        version = app.read_cache.version_at(cached, instants[turn % len(instants)]) or 1
        return PlanOut.of(app.read_cache.at_version(cached, version)).model_dump_json()

    return content


def _pack(app: Planspor, plan_id: UUID, turn: int) -> Any:
    events = app._cached(plan_id).events
    pack = build_pack(list(events), PERIOD, app.recorder.max_notification_id() or 0)
    return digest(pack)


def measure(app: Planspor, target: dict[str, Any], requests: int = 100) -> dict[str, Any]:
    plan_id = UUID(target["plan_id"])
    actor = Actor(
        person_id="bench",
        name="Bench",
        role=Role.COORDINATING_UNIT,
        municipality=target["municipality"],
    )
    # over the plan's whole life, as before 2026-12-04, so the ratio stays comparable
    instants = [datetime.fromisoformat(i) for i in target["instants_over_life"]]
    reads: dict[str, Content] = {"plan": _plan, "plan_as_of": _as_of(instants), "pack": _pack}
    return {
        "requests": requests,
        "reads": {
            name: _side_by_side(app, actor, plan_id, content, requests)
            for name, content in reads.items()
        },
        "behind_plan_writes": _behind_writes(app, actor, plan_id, requests),
    }


def _behind_writes(app: Planspor, actor: Actor, plan_id: UUID, requests: int) -> dict[str, Any]:
    """The record alone, without and then with a writer that holds the events table's write
    lock 5 ms out of every 10 (as plan writes at 100/s would; it writes nothing). Reads recorded
    as events queued behind it; recorded in the read log's own table they should not."""
    plan = app._cached(plan_id).plan
    grant = app.policy.on_plan(actor, Action.READ_CONTENT, plan, datetime.now(UTC).date())

    def records() -> dict[str, Any]:
        took = []
        for _ in range(requests):
            began = time.perf_counter()
            app._log_read(actor, grant, "bench", {}, plan)
            took.append((time.perf_counter() - began) * 1000)
        return latency.summary(took)

    alone = records()
    stop = threading.Event()
    writer = threading.Thread(target=_lock_holder, args=(conninfo(dict(app.env)), stop))
    writer.start()
    try:
        queued = records()
    finally:
        stop.set()
        writer.join()
    return {"alone": alone, "with_writes": queued}


def _lock_holder(url: str, stop: threading.Event) -> None:
    with psycopg.connect(url) as conn:
        while not stop.is_set():
            with conn.transaction():
                conn.execute("LOCK TABLE planspor_events IN EXCLUSIVE MODE")
                time.sleep(0.005)
            time.sleep(0.005)


def _side_by_side(
    app: Planspor, actor: Actor, plan_id: UUID, content: Content, requests: int
) -> dict[str, Any]:
    took: dict[bool, list[float]] = {False: [], True: []}
    for turn in range(requests + 1):
        for logged in (False, True) if turn % 2 else (True, False):  # neither always first
            began = time.perf_counter()
            plan = app._cached(plan_id).plan
            grant = app.policy.on_plan(actor, Action.READ_CONTENT, plan, datetime.now(UTC).date())
            if logged:
                app._log_read(actor, grant, "bench", {}, plan)
            content(app, plan_id, turn)
            if turn:  # the first turn warms up
                took[logged].append((time.perf_counter() - began) * 1000)
    without, with_log = latency.summary(took[False]), latency.summary(took[True])
    return {
        "without_record": without,
        "with_record": with_log,
        "ratio": with_log["p50_ms"] / without["p50_ms"],
        "ratio_p99": with_log["p99_ms"] / without["p99_ms"],
    }


def main() -> None:
    """`python -m bench.readlog [--requests N]`: the in-process figures above for both bench
    histories (read models built), written to `<date>-<host>-readlog.json`."""
    parser = argparse.ArgumentParser(prog="python -m bench.readlog", description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--datasets", default="municipality,national")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    admin = join(root / "var" / "bench")
    out: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(),
        "host": platform.node(),
        "load_average_at_start": os.getloadavg(),
        "datasets": {},
    }
    for name in args.datasets.split(","):
        url = admin.replace("/postgres?", f"/planspor_bench_{name}?", 1)
        env = eventsourcing_env(Settings(), url)
        app = Planspor(env=env)
        try:
            out["datasets"][name] = measure(app, latency.targets(env), args.requests)
        finally:
            app.close()
    out["load_average_at_end"] = os.getloadavg()
    target = (
        root / "bench" / "results" / f"{date.today().isoformat()}-{platform.node()}-readlog.json"
    )
    target.write_text(json.dumps(out, indent=2, default=str))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
