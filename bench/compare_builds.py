"""Behaviour stays across a refactoring: rebuild the read models, the public plans and evidence
packs over one stored history with two checkouts of the code, and compare the bytes.

    python -m bench.compare_builds history events.json [--plans 400]        # once
    python -m bench.compare_builds rebuild events.json after.json           # this checkout
    PYTHONPATH=<older tree> python -P bench/compare_builds.py rebuild events.json before.json
    cmp before.json after.json

`history` writes a bench municipality history (and the demo's, which has complaints) as stored
events; `rebuild` decodes them with the checkout's own code and writes every row of the plans,
history and complaints read models (applied in memory, one batch), every plan as the API shows
it, and the SHA-256 of evidence packs (two periods, every format, two cuts) for 150 plans.
With `-P` and the older tree first on `PYTHONPATH`, every module but this script comes from the
older tree (e.g. one made by `git archive <commit> | tar -x -C <dir>`; decision 0017).
A tool, not product code: each function is one pass over the history, read top to bottom.
"""

from __future__ import annotations

import argparse
import json
from base64 import b64decode, b64encode
from collections import defaultdict
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from api.demo import DemoLoader
from api.schemas import PlanOut
from application.service import Planspor
from bench.clock import recorded_clock
from bench.vocabulary import DEFAULT_MUNICIPALITIES
from bench.world import Spec
from domain.evidence import FORMATS, Period, build_pack, digest
from domain.plan import Plan
from projections.base import Batch
from projections.complaints import ComplaintsModel
from projections.history import HistoryModel
from projections.plans import PlansModel

PERIODS = (
    Period(date(2021, 1, 1), date(2026, 11, 30)),
    Period(date(2025, 6, 1), date(2025, 12, 31)),
)


def _app() -> Planspor:
    return Planspor({"PERSISTENCE_MODULE": "eventsourcing.popo"})


def history(path: str, plans: int) -> None:
    app = _app()
    spec = Spec(dict(app.env), 1, list(DEFAULT_MUNICIPALITIES), date(2026, 11, 30), 0)
    world, stored = spec.world(app.mapper), []
    with recorded_clock(world.clock):
        for index in range(plans):
            events, _ = world.plan(index, plans)
            stored += [app.mapper.to_stored_event(e) for e in events]
    DemoLoader(app).load()
    stored += list(app.recorder.select_notifications(1, 10**7))
    rows = [
        {
            "id": str(s.originator_id),
            "v": s.originator_version,
            "topic": s.topic,
            "state": b64encode(s.state).decode(),
        }
        for s in stored
    ]
    with open(path, "w") as out:
        json.dump(rows, out)


def rebuild(path: str, out_path: str) -> None:
    app = _app()
    with open(path) as source:
        stored = json.load(source)
    events = [
        app.mapper.to_domain_event(
            StoredEvent(UUID(e["id"]), e["v"], e["topic"], b64decode(e["state"]))
        )
        for e in stored
    ]
    topics = [e["topic"] for e in stored]
    result = {"read_models": _read_models(events, topics), **_plans(events, topics)}
    with open(out_path, "w") as out:
        json.dump(result, out, sort_keys=True)


def _read_models(events: list[Any], topics: list[str]) -> dict[str, Any]:
    """Every row of each read model, applied in memory over the whole history."""
    result: dict[str, Any] = {}
    for model in (PlansModel(), HistoryModel(), ComplaintsModel()):
        batch, wanted = Batch(keys=model.tables), set(model.topics)
        for position, (event, topic) in enumerate(zip(events, topics, strict=True), 1):
            if topic in wanted:
                model.apply(event, position, batch)
        dump = [
            json.dumps(r, sort_keys=True, default=str)
            for rows in batch.rows.values()
            for r in rows.values()
        ]
        appended = [
            json.dumps(r, sort_keys=True, default=str)
            for rows in batch.appended.values()
            for r in rows
        ]
        result[model.name] = {"rows": sorted(dump), "appended": appended}
    return result


def _plans(events: list[Any], topics: list[str]) -> dict[str, Any]:
    """Each plan as the API shows it, and evidence-pack hashes for the first 150 plans."""
    by_plan: dict[str, list[Any]] = defaultdict(list)
    for event, topic in zip(events, topics, strict=True):
        if topic.startswith("domain.plan:Plan."):
            by_plan[str(event.originator_id)].append(event)
    shown, packs = {}, {}
    for number, (plan_id, history_) in enumerate(by_plan.items()):
        plan: Plan | None = None
        for event in history_:
            plan = event.mutate(plan)
        assert plan is not None
        shown[plan_id] = PlanOut.of(plan).model_dump_json()
        if number < 150:
            for period in PERIODS:
                for name in FORMATS:
                    for cut in (len(history_) // 2 or 1, len(history_)):
                        key = f"{plan_id}|{period.start}|{name}|{cut}"
                        packs[key] = digest(build_pack(history_[:cut], period, cut, name))
    return {"plans": shown, "packs": packs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=("history", "rebuild"))
    parser.add_argument("events")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--plans", type=int, default=400)
    args = parser.parse_args()
    if args.step == "history":
        history(args.events, args.plans)
    else:
        rebuild(args.events, args.out)


if __name__ == "__main__":
    main()
