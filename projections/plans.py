"""Current plans: one row per plan (status, coordinator, dates, completeness) and its measures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from domain import plan_facts
from domain import required_content as completeness
from domain.facts import local_date
from domain.plan import Plan
from domain.values import PlanStatus
from projections.base import Batch, ReadModel, Row
from projections.plans_handlers import HANDLERS
from projections.topics import topics_of

CONTENT = frozenset(
    {
        Plan.MappingRecorded,
        Plan.GoalAdded,
        Plan.GoalRevised,
        Plan.GoalConfirmed,
        Plan.GoalAchieved,
        Plan.GoalDropped,
        Plan.ResourceRecorded,
        Plan.NeedRecorded,
        Plan.MeasureAdded,
        Plan.MeasureStatusChanged,
        Plan.PlanPeriodSet,
        Plan.CooperationPartnerRecorded,
        Plan.MeetingHeld,
        Plan.EvaluationHeld,
        # the user's and the participants' own part (issue 10)
        Plan.GoalAnswered,
        Plan.EvaluationViewAdded,
        Plan.ContributionRecorded,
        Plan.MeasureNotDelivered,
        Plan.MinutesAdded,
    }
)
HANDLERS.declare(Plan.RequestReceived, *CONTENT)  # opened in `apply`; content dates activity


def new_plan_row(event: Any) -> Row:
    return {
        "plan_id": event.originator_id,
        "municipality": event.municipality,
        "unit_id": event.responsible_unit["unit_id"],
        "unit_name": event.responsible_unit["name"],
        "subject_name": event.subject["name"],
        "subject_ids": [
            i for i in (event.subject.get("person_id"), event.subject.get("national_id")) if i
        ],
        "status": str(PlanStatus.REQUESTED),
        "received_at": event.meta["effective_at"],
        **plan_facts.new_facts(),
        "goals": 0,
        "goals_user_agreed": 0,
        "measures": 0,
        "meetings": 0,
        "meetings_with_user": 0,
        "evaluations": 0,
        "last_activity_at": None,
        "version": 1,
        "recorded_at": event.timestamp,
        "completeness": {},
        "missing": [],
        "state": completeness.new_state(),
    }


class PlansModel(ReadModel):
    name = "plans"
    # 2: consents keep their dates; point h is judged on a day; 3: measures' municipality
    version = 3
    tables: ClassVar[dict[str, tuple[str, ...]]] = {
        "plans": ("plan_id",),
        "measures": ("plan_id", "measure_id"),
    }
    topics = topics_of(Plan)
    handlers = HANDLERS

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        if isinstance(event, Plan.RequestReceived):
            batch.put("plans", new_plan_row(event))
            return
        row = batch.get("plans", event.originator_id)
        if row is None:  # a plan whose opening this build never saw: nothing to update
            return
        handler = HANDLERS.get(event)
        if handler is not None:
            handler(row, event, batch)
        if type(event) in CONTENT:
            row["last_activity_at"] = _latest(row["last_activity_at"], event.meta["effective_at"])
        row["version"], row["recorded_at"] = event.originator_version, event.timestamp
        row["status"] = _status(row)
        row["completeness"], row["missing"] = judge(row, local_date(event.timestamp))
        batch.put("plans", row)


def judge(row: Row, on: date) -> tuple[dict[str, bool], list[str]]:
    """The nine points of a plan row on day `on`: the projection judges them on the day of the
    plan's latest recorded event; the list judges them again on the day it is asked."""
    points = completeness.check(
        row["state"], has_coordinator=row["coordinator_id"] is not None, on=on
    )
    return points, completeness.missing(points)


def _latest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate > current else current


def _status(row: Row) -> str:
    return plan_facts.status(row)
