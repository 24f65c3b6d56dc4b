"""The nine required points of a plan (old forskrift § 19; domain.md §2).

`check` works on a neutral summary of a plan (`state`). The state is folded here, event by
event (`new_state`, `note`: the plans read model keeps one per plan as events arrive), and
`summary` makes the same state from a `Plan` aggregate (the evidence pack checks the plan as
effective at the end of a period; the pages check the plan now). Both live in this module, and a
property test (`tests/domain/test_one_fold.py`) holds them equal over generated histories. Point
h is judged on a day: a consent counts only while it is in force (`domain.facts.consent_in_force`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.facts import consent_in_force, local_date
from domain.plan import Plan
from domain.values import ConsentScope, GoalStatus, ParticipantRole, UserAgreement

POINTS: dict[str, str] = {
    "a": "Brukerens mål, ressurser og behov",
    "b": "Hvem som deltar i planarbeidet",
    "c": "Hvem som er koordinator",
    "d": "Hva bruker, tjenestene og pårørende skal bidra med",
    "e": "Tiltak, omfang og hvem som er ansvarlig",
    "f": "Hvordan tiltakene skal gjennomføres",
    "g": "Planperiode og tidspunkt for revisjon",
    "h": "Samtykke til planen og til deling av taushetsbelagte opplysninger",
    "i": "Samarbeid med andre tjenester og etater",
}


def check(state: dict[str, Any], *, has_coordinator: bool, on: date) -> dict[str, bool]:
    """Which points the plan covers on day `on`, from the projection's per-plan state."""
    participants = [p for p in state["participants"].values() if not p["removed"]]
    measures = list(state["measures_how"].values())
    consents = [c for c in state["consents"].values() if _in_force(c, on)]
    shared_with = {c["participant_id"] for c in consents if c["scope"] == ConsentScope.SHARING}
    providers = [
        pid
        for pid, p in state["participants"].items()
        if not p["removed"] and p["role"] == ParticipantRole.SERVICE_PROVIDER
    ]
    return {
        "a": state["goals"] > 0 and state["resources"] > 0 and state["needs"] > 0,
        "b": bool(participants),
        "c": has_coordinator,
        "d": any(p["contribution"] for p in participants),
        "e": bool(measures),
        "f": bool(measures) and all(measures),
        "g": state["period"] and state["next_revision"],
        "h": any(c["scope"] == ConsentScope.PLAN for c in consents)
        and set(providers) <= shared_with,
        "i": state["cooperation"] > 0,
    }


def _in_force(consent: dict[str, Any], on: date) -> bool:
    """A consent of `state` (ISO dates, as the read model stores them) in force on `on`."""
    if "given_on" not in consent:  # a row of the plans model v1, until its rebuild replaces it
        return not consent["withdrawn"]
    withdrawn = consent.get("withdrawn_on")
    return consent_in_force(
        given_on=date.fromisoformat(consent["given_on"]),
        valid_until=date.fromisoformat(consent["valid_until"]) if consent["valid_until"] else None,
        withdrawn_on=date.fromisoformat(withdrawn) if withdrawn else None,
        on=on,
    )


def consent_state(
    scope: str, participant_id: str | None, given_on: date, valid_until: date | None
) -> dict[str, Any]:
    """One consent as `state` holds it; a withdrawal sets `withdrawn_on`."""
    return {
        "scope": scope,
        "participant_id": participant_id,
        "given_on": given_on.isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "withdrawn_on": None,
    }


def summary(plan: Plan) -> dict[str, Any]:
    """The `state` that `check` reads, from a plan aggregate."""
    return {
        "participants": {
            pid: {"role": p.role, "contribution": bool(p.contribution), "removed": p.removed}
            for pid, p in plan.participants.items()
        },
        "consents": {
            cid: consent_state(c.scope, c.participant_id, local_date(c.given_at), c.valid_until)
            | {"withdrawn_on": local_date(c.withdrawn_at).isoformat() if c.withdrawn_at else None}
            for cid, c in plan.consents.items()
        },
        "measures_how": {mid: bool(m.how) for mid, m in plan.measures.items()},
        "goals": sum(1 for g in plan.goals.values() if g.status != GoalStatus.DROPPED),
        "resources": len(plan.resources),
        "needs": len(plan.needs),
        "cooperation": len(plan.cooperation),
        "period": plan.period is not None,
        "next_revision": plan.next_revision_on is not None,
    }


def new_state() -> dict[str, Any]:
    """The state of a plan just received; `goal_agreement` is the read model's own (each open
    goal's agreement), from which it counts the goals the user agreed to."""
    return {
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
    }


def note(state: dict[str, Any], event: Any) -> None:
    """Fold one plan event into `state` (the events that bear on no point change nothing)."""
    step = _STEPS.get(type(event))
    if step is not None:
        step(state, event)


def _consent_given(state: dict[str, Any], event: Plan.ConsentGiven) -> None:
    given_on = local_date(event.meta["effective_at"])
    consent = consent_state(event.scope, event.participant_id, given_on, event.valid_until)
    state["consents"][event.consent_id] = consent


def _consent_withdrawn(state: dict[str, Any], event: Plan.ConsentWithdrawn) -> None:
    withdrawn_on = local_date(event.meta["effective_at"]).isoformat()
    state["consents"][event.consent_id]["withdrawn_on"] = withdrawn_on


def _consent_limited(state: dict[str, Any], event: Plan.ConsentLimited) -> None:
    state["consents"][event.consent_id]["valid_until"] = event.valid_until.isoformat()


def _participant(state: dict[str, Any], event: Plan.ParticipantAdded) -> None:
    p = event.participant
    state["participants"][p["participant_id"]] = {
        "role": p["role"],
        "contribution": bool(p["contribution"]),
        "removed": False,
    }


def _participant_removed(state: dict[str, Any], event: Plan.ParticipantRemoved) -> None:
    state["participants"][event.participant_id]["removed"] = True


def _goal(state: dict[str, Any], event: Any) -> None:
    agreement = state["goal_agreement"]
    if isinstance(event, Plan.GoalDropped):
        agreement.pop(event.goal_id, None)
    elif isinstance(event, Plan.GoalConfirmed):
        agreement[event.goal_id] = UserAgreement.AGREED
    elif isinstance(event, Plan.GoalAnswered):  # the user's own answer: a "no" undoes a "yes"
        agreement[event.goal_id] = event.agreement
    else:
        agreement[event.goal_id] = event.user_agreement
    state["goals"] = len(agreement)


def _counter(name: str) -> Any:
    def step(state: dict[str, Any], event: Any) -> None:
        state[name] += 1

    return step


def _measure(state: dict[str, Any], event: Plan.MeasureAdded) -> None:
    state["measures_how"][event.measure["measure_id"]] = bool(event.measure["how"])


def _period(state: dict[str, Any], event: Plan.PlanPeriodSet) -> None:
    state["period"] = state["next_revision"] = True


def _evaluation(state: dict[str, Any], event: Plan.EvaluationHeld) -> None:
    state["next_revision"] = True


_STEPS: dict[type[Any], Any] = {
    Plan.ConsentGiven: _consent_given,
    Plan.ConsentWithdrawn: _consent_withdrawn,
    Plan.ConsentLimited: _consent_limited,
    Plan.ParticipantAdded: _participant,
    Plan.ParticipantRemoved: _participant_removed,
    Plan.GoalAdded: _goal,
    Plan.GoalRevised: _goal,
    Plan.GoalConfirmed: _goal,
    Plan.GoalDropped: _goal,
    Plan.GoalAnswered: _goal,
    Plan.ResourceRecorded: _counter("resources"),
    Plan.NeedRecorded: _counter("needs"),
    Plan.CooperationPartnerRecorded: _counter("cooperation"),
    Plan.MeasureAdded: _measure,
    Plan.PlanPeriodSet: _period,
    Plan.EvaluationHeld: _evaluation,
}


def missing(points: dict[str, bool]) -> list[str]:
    return [code for code, covered in points.items() if not covered]
