"""The shown plan kept per (plan, version) is the plan's own `PlanOut`, and a new version is
shown anew."""

from __future__ import annotations

import json
from uuid import uuid4

from api import plan_views
from api.event_schemas import EventPage, plan_event
from api.plan_views import Kept, event_page_json, plan_json, plan_out
from api.schemas import PlanOut
from application import commands as c
from application.service import Planspor
from tests.application.scenario import COORDINATOR, run, whole_life


def test_the_kept_json_is_the_plans_own_and_each_version_has_its_own(app: Planspor) -> None:
    plan_id = whole_life(app)
    plan = app.get_plan(plan_id, COORDINATOR)
    assert json.loads(plan_json(plan)) == PlanOut.of(plan).model_dump(mode="json", by_alias=True)
    assert plan_out(plan) is plan_out(app.get_plan(plan_id, COORDINATOR))
    run(app, plan_id, c.RecordNeed(description="Følge til tannlegen"))
    newer = app.get_plan(plan_id, COORDINATOR)
    assert plan_out(newer).version == plan.version + 1
    assert [n.description for n in plan_out(newer).needs][-1] == "Følge til tannlegen"


def test_an_events_page_is_the_json_of_its_event_page(app: Planspor) -> None:
    plan_id = whole_life(app)
    events = app.plan_events(plan_id, COORDINATOR, limit=500)
    for page, next_after in ((events, None), (events[:3], 3)):
        expected = EventPage(items=[plan_event(e) for e in page], next_after=next_after)
        assert event_page_json(page, next_after) == expected.model_dump_json().encode()
        assert event_page_json(page, next_after) == event_page_json(page, next_after)


def test_kept_views_are_bounded_by_their_bytes_and_the_most_recent_stay() -> None:
    kept: Kept[str] = Kept(limit=10)
    ids = [uuid4() for _ in range(4)]
    for number, plan_id in enumerate(ids[:3]):
        kept.put((plan_id, 1), f"v{number}", 4)
    assert kept.get((ids[0], 1)) is None  # 12 bytes > 10: the least recently used went
    assert kept.get((ids[1], 1)) == "v1"
    kept.put((ids[3], 1), "large", 25)  # alone over the limit: kept, everything else dropped
    assert (len(kept), kept.weight, kept.get((ids[3], 1))) == (1, 25, "large")
    kept.put((ids[3], 1), "smaller", 6)  # the same key again: weighed once
    assert (len(kept), kept.weight) == (1, 6)


def test_the_json_of_a_past_version_keeps_no_shown_model(app: Planspor) -> None:
    plan_id = whole_life(app)
    past = app.get_plan(plan_id, COORDINATOR, version=2)
    shown = json.loads(plan_json(past))
    assert shown["version"] == 2
    assert plan_views._models.get((plan_id, 2)) is None
    assert plan_views._json.get((plan_id, 2)) == plan_json(past)
