"""Current plans: one row per plan (status, coordinator, dates, completeness) and its measures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from domain import required_content as completeness
from domain.facts import local_date
from domain.plan import Plan
from domain.values import plan_status
from projections.base import Batch, ReadModel, Row
from projections.plans_handlers import HANDLERS
from projections.topics import topics_of

CONTENT = {
    "MappingRecorded",
    "GoalAdded",
    "GoalRevised",
    "GoalConfirmed",
    "GoalAchieved",
    "GoalDropped",
    "ResourceRecorded",
    "NeedRecorded",
    "MeasureAdded",
    "MeasureStatusChanged",
    "PlanPeriodSet",
    "CooperationPartnerRecorded",
    "MeetingHeld",
    "EvaluationHeld",
    # the user's and the participants' own part (issue 10)
    "GoalAnswered",
    "EvaluationViewAdded",
    "ContributionRecorded",
    "MeasureNotDelivered",
    "MinutesAdded",
}


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
        "status": "requested",
        "coordinator_id": None,
        "coordinator_name": None,
        "deputy_id": None,
        "coordinator_unit": None,
        "received_at": event.meta["effective_at"],
        "decided_at": None,
        "decision": None,
        "declined": False,
        "suspended": False,
        "closed": False,
        "goals": 0,
        "goals_user_agreed": 0,
        "measures": 0,
        "meetings": 0,
        "meetings_with_user": 0,
        "evaluations": 0,
        "last_evaluation_at": None,
        "next_revision_on": None,
        "last_activity_at": None,
        "version": 1,
        "recorded_at": event.timestamp,
        "completeness": {},
        "missing": [],
        "state": {
            "participants": {},
            "consents": {},
            "measures_how": {},
            "goals": 0,
            "resources": 0,
            "needs": 0,
            "cooperation": 0,
            "period": False,
            "next_revision": False,
            "goal_agreement": {},
        },
    }


class PlansModel(ReadModel):
    name = "plans"
    version = 2  # 2: consents keep their dates; point h is judged on a day
    tables: ClassVar[dict[str, tuple[str, ...]]] = {
        "plans": ("plan_id",),
        "measures": ("plan_id", "measure_id"),
    }
    topics = topics_of(Plan)

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        kind = type(event).__name__
        if kind == "RequestReceived":
            batch.put("plans", new_plan_row(event))
            return
        row = batch.get("plans", event.originator_id)
        if row is None:  # a plan whose opening this build never saw: nothing to update
            return
        handler = HANDLERS.get(kind)
        if handler is not None:
            handler(row, event, batch)
        if kind in CONTENT:
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
    return str(
        plan_status(
            closed=row["closed"],
            suspended=row["suspended"],
            decision=row["decision"],
            declined=row["declined"],
        )
    )
