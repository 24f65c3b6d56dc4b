"""The shown plan kept per (plan, version) is the plan's own `PlanOut`, and a new version is
shown anew."""

from __future__ import annotations

import json

from api.event_schemas import EventPage, plan_event
from api.plan_views import event_page_json, plan_json, plan_out
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
