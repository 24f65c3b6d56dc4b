"""How each plan event changes the current-plans row (and the measures rows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.facts import local_date
from domain.required_content import consent_state
from projections.base import Batch, Row

Handler = Callable[[Row, Any, Batch], None]
HANDLERS: dict[str, Handler] = {}


def handles(*kinds: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS.update(dict.fromkeys(kinds, handler))
        return handler

    return register


def _flag(name: str, value: bool) -> Handler:
    def handler(row: Row, event: Any, batch: Batch) -> None:
        row[name] = value

    return handler


HANDLERS.update(
    {
        "UserDeclined": _flag("declined", True),
        "Suspended": _flag("suspended", True),
        "Resumed": _flag("suspended", False),
        "Closed": _flag("closed", True),
        "Reopened": _flag("closed", False),
    }
)


@handles("DecisionMade")
def _decided(row: Row, event: Any, batch: Batch) -> None:
    row["decision"], row["decided_at"] = event.outcome, event.meta["effective_at"]


@handles("ConsentGiven")
def _consent_given(row: Row, event: Any, batch: Batch) -> None:
    given_on = local_date(event.meta["effective_at"])
    consent = consent_state(event.scope, event.participant_id, given_on, event.valid_until)
    row["state"]["consents"][event.consent_id] = consent
    if event.scope == "plan":
        row["declined"] = False
    if person := (event.representative or {}).get("person_id"):
        _person_on_plan(row, person)


def _person_on_plan(row: Row, person_id: str) -> None:
    """Who besides the user is recorded on the plan (representatives, participants): their
    list of plans (`GET /plans`) finds it here; the policy decides on the plan itself."""
    people = row["state"].setdefault("people", [])
    if person_id not in people:
        people.append(person_id)


@handles("ConsentLimited")
def _consent_limited(row: Row, event: Any, batch: Batch) -> None:
    row["state"]["consents"][event.consent_id]["valid_until"] = event.valid_until.isoformat()


@handles("ConsentWithdrawn")
def _consent_withdrawn(row: Row, event: Any, batch: Batch) -> None:
    withdrawn_on = local_date(event.meta["effective_at"]).isoformat()
    row["state"]["consents"][event.consent_id]["withdrawn_on"] = withdrawn_on


@handles("CoordinatorResponsibilityAssigned")
def _unit_assigned(row: Row, event: Any, batch: Batch) -> None:
    row["coordinator_unit"] = event.unit["unit_id"]


@handles("CoordinatorAppointed", "CoordinatorReplaced")
def _coordinator(row: Row, event: Any, batch: Batch) -> None:
    row["coordinator_id"] = event.coordinator["person_id"]
    row["coordinator_name"] = event.coordinator["name"]
    if row["deputy_id"] == row["coordinator_id"]:
        row["deputy_id"] = None


@handles("CoordinatorWithdrew")
def _no_coordinator(row: Row, event: Any, batch: Batch) -> None:
    row["coordinator_id"] = row["coordinator_name"] = None


@handles("DeputyAppointed")
def _deputy(row: Row, event: Any, batch: Batch) -> None:
    row["deputy_id"] = event.deputy["person_id"]


@handles("DeputyRemoved")
def _no_deputy(row: Row, event: Any, batch: Batch) -> None:
    row["deputy_id"] = None


@handles("ParticipantAdded")
def _participant(row: Row, event: Any, batch: Batch) -> None:
    p = event.participant
    if p.get("person_id"):
        _person_on_plan(row, p["person_id"])
    row["state"]["participants"][p["participant_id"]] = {
        "role": p["role"],
        "contribution": bool(p["contribution"]),
        "removed": False,
    }


@handles("ParticipantRemoved")
def _participant_removed(row: Row, event: Any, batch: Batch) -> None:
    row["state"]["participants"][event.participant_id]["removed"] = True


@handles("GoalAdded", "GoalRevised", "GoalConfirmed", "GoalDropped", "GoalAnswered")
def _goal(row: Row, event: Any, batch: Batch) -> None:
    agreement = row["state"]["goal_agreement"]
    kind = type(event).__name__
    if kind == "GoalDropped":
        agreement.pop(event.goal_id, None)
    elif kind == "GoalAnswered":  # the user's own answer (issue 10)
        agreement[event.goal_id] = event.agreement
    else:
        agreement[event.goal_id] = "agreed" if kind == "GoalConfirmed" else event.user_agreement
    row["goals"] = row["state"]["goals"] = len(agreement)
    row["goals_user_agreed"] = sum(1 for value in agreement.values() if value == "agreed")


@handles("ResourceRecorded", "NeedRecorded", "CooperationPartnerRecorded")
def _counted(row: Row, event: Any, batch: Batch) -> None:
    counter = {"ResourceRecorded": "resources", "NeedRecorded": "needs"}.get(
        type(event).__name__, "cooperation"
    )
    row["state"][counter] += 1


@handles("MeasureAdded")
def _measure_added(row: Row, event: Any, batch: Batch) -> None:
    m = event.measure
    row["state"]["measures_how"][m["measure_id"]] = bool(m["how"])
    row["measures"] = len(row["state"]["measures_how"])
    batch.put(
        "measures",
        {
            "plan_id": event.originator_id,
            "measure_id": m["measure_id"],
            "title": m["title"],
            "responsible_service": m["responsible_service"],
            "responsible_person": m["responsible_person"],
            "due_date": m["due_date"],
            "status": "wished",
            "status_since": event.meta["effective_at"],
            "decision_reference": None,
        },
    )


@handles("MeasureStatusChanged")
def _measure_status(row: Row, event: Any, batch: Batch) -> None:
    measure = batch.get("measures", event.originator_id, event.measure_id)
    if measure is not None:
        measure["status"], measure["status_since"] = event.status, event.meta["effective_at"]
        measure["decision_reference"] = event.decision_reference or measure["decision_reference"]
        batch.put("measures", measure)


@handles("PlanPeriodSet")
def _period(row: Row, event: Any, batch: Batch) -> None:
    row["state"]["period"] = row["state"]["next_revision"] = True
    row["next_revision_on"] = event.next_revision_on


@handles("MeetingHeld")
def _meeting(row: Row, event: Any, batch: Batch) -> None:
    row["meetings"] += 1
    row["meetings_with_user"] += 1 if event.meeting["user_attended"] else 0


@handles("EvaluationHeld")
def _evaluation(row: Row, event: Any, batch: Batch) -> None:
    row["evaluations"] += 1
    held = event.meta["effective_at"]
    if row["last_evaluation_at"] is None or held >= row["last_evaluation_at"]:
        row["last_evaluation_at"] = held
        row["next_revision_on"] = event.evaluation["next_revision_on"]
    row["state"]["next_revision"] = True
