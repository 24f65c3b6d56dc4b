"""How each plan event changes the current-plans row (and the measures rows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain import plan_facts, required_content
from domain.dispatch import Handlers
from domain.plan import Plan
from domain.values import MeasureStatus, UserAgreement
from projections.base import Batch, Row

Handler = Callable[[Row, Any, Batch], None]
HANDLERS: Handlers[Handler] = Handlers()


def _facts(row: Row, event: Any, batch: Batch) -> None:
    """The case facts the row keeps, by the domain's one fold (`domain.plan_facts`)."""
    plan_facts.apply(row, event)


def _points(row: Row, event: Any, batch: Batch) -> None:
    """The state the nine points are judged on, by the domain's fold of it."""
    required_content.note(row["state"], event)


HANDLERS.add(
    {
        Plan.UserDeclined: _facts,
        Plan.Suspended: _facts,
        Plan.Resumed: _facts,
        Plan.Closed: _facts,
        Plan.Reopened: _facts,
    }
)
# only the row's version and recorded time change (see PlansModel.apply)
HANDLERS.ignore(
    Plan.UserInformed,
    Plan.CoordinatorDeclined,
    Plan.VersionAgreed,
    Plan.VersionDelivered,
    Plan.MeetingInvited,
    Plan.InvitationAnswered,
)


@HANDLERS.on(Plan.DecisionMade)
def _decided(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.ConsentGiven)
def _consent_given(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)
    _facts(row, event, batch)
    if person := (event.representative or {}).get("person_id"):
        _person_on_plan(row, person)


def _person_on_plan(row: Row, person_id: str) -> None:
    """Who besides the user is recorded on the plan (representatives, participants): their
    list of plans (`GET /plans`) finds it here; the policy decides on the plan itself."""
    people = row["state"].setdefault("people", [])
    if person_id not in people:
        people.append(person_id)


@HANDLERS.on(Plan.ConsentLimited)
def _consent_limited(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)


@HANDLERS.on(Plan.ConsentWithdrawn)
def _consent_withdrawn(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)


@HANDLERS.on(Plan.CoordinatorResponsibilityAssigned)
def _unit_assigned(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.CoordinatorAppointed, Plan.CoordinatorReplaced)
def _coordinator(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.CoordinatorWithdrew)
def _no_coordinator(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.DeputyAppointed)
def _deputy(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.DeputyRemoved)
def _no_deputy(row: Row, event: Any, batch: Batch) -> None:
    _facts(row, event, batch)


@HANDLERS.on(Plan.ParticipantAdded)
def _participant(row: Row, event: Any, batch: Batch) -> None:
    if person_id := event.participant.get("person_id"):
        _person_on_plan(row, person_id)
    _points(row, event, batch)


@HANDLERS.on(Plan.ParticipantRemoved)
def _participant_removed(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)


@HANDLERS.on(
    Plan.GoalAdded, Plan.GoalRevised, Plan.GoalConfirmed, Plan.GoalDropped, Plan.GoalAnswered
)
def _goal(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)
    agreement = row["state"]["goal_agreement"]
    row["goals"] = row["state"]["goals"]
    row["goals_user_agreed"] = sum(1 for v in agreement.values() if v == UserAgreement.AGREED)


@HANDLERS.on(Plan.ResourceRecorded, Plan.NeedRecorded, Plan.CooperationPartnerRecorded)
def _counted(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)


@HANDLERS.on(Plan.MeasureAdded)
def _measure_added(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)
    m = event.measure
    row["measures"] = len(row["state"]["measures_how"])
    batch.put(
        "measures",
        {
            "plan_id": event.originator_id,
            "municipality": row["municipality"],
            "measure_id": m["measure_id"],
            "title": m["title"],
            "responsible_service": m["responsible_service"],
            "responsible_person": m["responsible_person"],
            "due_date": m["due_date"],
            "status": MeasureStatus.WISHED,
            "status_since": event.meta["effective_at"],
            "decision_reference": None,
        },
    )


@HANDLERS.on(Plan.MeasureStatusChanged)
def _measure_status(row: Row, event: Any, batch: Batch) -> None:
    measure = batch.get("measures", event.originator_id, event.measure_id)
    if measure is not None:
        measure["status"], measure["status_since"] = event.status, event.meta["effective_at"]
        measure["decision_reference"] = event.decision_reference or measure["decision_reference"]
        batch.put("measures", measure)


@HANDLERS.on(Plan.PlanPeriodSet)
def _period(row: Row, event: Any, batch: Batch) -> None:
    _points(row, event, batch)
    _facts(row, event, batch)


@HANDLERS.on(Plan.MeetingHeld)
def _meeting(row: Row, event: Any, batch: Batch) -> None:
    row["meetings"] += 1
    row["meetings_with_user"] += 1 if event.meeting["user_attended"] else 0


@HANDLERS.on(Plan.EvaluationHeld)
def _evaluation(row: Row, event: Any, batch: Batch) -> None:
    row["evaluations"] += 1
    _points(row, event, batch)
    _facts(row, event, batch)
