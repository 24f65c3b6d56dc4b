"""The one fold of a plan's case facts: each rule that turns events into a fact, once.

The aggregate (`domain/plan.py`), the plans read model, the history read model and the evidence
pack call these instead of deriving the fact again, so a rule changes in one place:

- the plan's status from its flags and decision (`plan_status`);
- a consent to the plan clears "declined" (`declined_after_consent`);
- a new coordinator ends the deputyship of the same person (`deputy_after_coordinator`);
- an evaluation moves the revision date unless a later-effective one already set it
  (`revision_after_evaluation`);
- a consent in force on a day (`domain.facts.consent_in_force`), the nine points
  (`domain.required_content`) and the complaint's status (`domain.complaint.status_after`) have
  their own modules, named here so that a reader finds every fact from this list.

`apply` is the fold over one event for a read model's row: the facts a row keeps, by
the rules above. Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Any

from domain.facts import (
    declined_after_consent,
    deputy_after_coordinator,
    revision_after_evaluation,
)
from domain.plan import Plan
from domain.values import plan_status

__all__ = [
    "FACT_KEYS",
    "apply",
    "declined_after_consent",
    "deputy_after_coordinator",
    "new_facts",
    "plan_status",
    "revision_after_evaluation",
    "status",
]

Facts = dict[str, Any]
FACT_KEYS = (
    "decision",
    "decided_at",
    "declined",
    "suspended",
    "closed",
    "coordinator_id",
    "coordinator_name",
    "deputy_id",
    "coordinator_unit",
    "next_revision_on",
    "last_evaluation_at",
)


def new_facts() -> Facts:
    """The facts of a plan just received."""
    return dict.fromkeys(FACT_KEYS) | {"declined": False, "suspended": False, "closed": False}


def apply(facts: Facts, event: Any) -> None:
    """Change `facts` (a read model's row holds them among its columns) by one plan event."""
    step = _STEPS.get(type(event))
    if step is not None:
        step(facts, event)


def status(facts: Facts) -> str:
    """The status of the plan whose facts these are."""
    return str(
        plan_status(
            closed=facts["closed"],
            suspended=facts["suspended"],
            decision=facts["decision"],
            declined=facts["declined"],
        )
    )


def _flag(name: str, value: bool) -> Any:
    def step(facts: Facts, event: Any) -> None:
        facts[name] = value

    return step


def _decided(facts: Facts, event: Plan.DecisionMade) -> None:
    facts["decision"], facts["decided_at"] = event.outcome, event.meta["effective_at"]


def _consent(facts: Facts, event: Plan.ConsentGiven) -> None:
    facts["declined"] = declined_after_consent(facts["declined"], event.scope)


def _unit(facts: Facts, event: Plan.CoordinatorResponsibilityAssigned) -> None:
    facts["coordinator_unit"] = event.unit["unit_id"]


def _coordinator(facts: Facts, event: Plan.CoordinatorAppointed | Plan.CoordinatorReplaced) -> None:
    person = event.coordinator
    facts["coordinator_id"], facts["coordinator_name"] = person["person_id"], person["name"]
    facts["deputy_id"] = deputy_after_coordinator(facts["deputy_id"], person["person_id"])


def _no_coordinator(facts: Facts, event: Plan.CoordinatorWithdrew) -> None:
    facts["coordinator_id"] = facts["coordinator_name"] = None


def _deputy(facts: Facts, event: Plan.DeputyAppointed) -> None:
    facts["deputy_id"] = event.deputy["person_id"]


def _no_deputy(facts: Facts, event: Plan.DeputyRemoved) -> None:
    facts["deputy_id"] = None


def _period(facts: Facts, event: Plan.PlanPeriodSet) -> None:
    facts["next_revision_on"] = event.next_revision_on


def _evaluation(facts: Facts, event: Plan.EvaluationHeld) -> None:
    facts["next_revision_on"], facts["last_evaluation_at"] = revision_after_evaluation(
        facts["next_revision_on"],
        facts["last_evaluation_at"],
        event.meta["effective_at"],
        event.evaluation["next_revision_on"],
    )


_STEPS: dict[type[Any], Any] = {
    Plan.UserDeclined: _flag("declined", True),
    Plan.Suspended: _flag("suspended", True),
    Plan.Resumed: _flag("suspended", False),
    Plan.Closed: _flag("closed", True),
    Plan.Reopened: _flag("closed", False),
    Plan.DecisionMade: _decided,
    Plan.ConsentGiven: _consent,
    Plan.CoordinatorResponsibilityAssigned: _unit,
    Plan.CoordinatorAppointed: _coordinator,
    Plan.CoordinatorReplaced: _coordinator,
    Plan.CoordinatorWithdrew: _no_coordinator,
    Plan.DeputyAppointed: _deputy,
    Plan.DeputyRemoved: _no_deputy,
    Plan.PlanPeriodSet: _period,
    Plan.EvaluationHeld: _evaluation,
}
