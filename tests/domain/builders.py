"""Domain test builders: a coordinator, a meta for now, and a plan in a given state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from domain.plan import Plan
from domain.values import Actor, Channel, ConsentScope, GoalAuthor, Meta, UserAgreement

COORDINATOR = Actor(
    person_id="k-100",
    name="Kari Koordinator",
    role="coordinator",
    municipality="5001",
    organisation="Trondheim kommune",
    unit="Helse og velferd øst",
    assurance="idporten-loa-substantial",
)
VALID_FNR = "15076500565"


def meta(reason: str | None = None, *, ago: timedelta = timedelta(0), **kwargs: Any) -> Meta:
    now = datetime.now(UTC)
    return Meta(
        actor=COORDINATOR,
        effective_at=now - ago,
        recorded_at=now,
        channel=Channel.MEETING,
        reason=reason,
        **kwargs,
    )


def requested_plan(national_id: str | None = VALID_FNR) -> Plan:
    return Plan.receive_request(
        meta(ago=timedelta(days=3)),
        municipality="5001",
        responsible_unit={"unit_id": "u-1", "name": "Koordinerende enhet"},
        subject={"name": "Ola Nordmann", "national_id": national_id, "person_id": "p-1"},
        source="gp",
        description="Fastlegen melder behov for koordinerte tjenester",
    )


def consented_plan() -> Plan:
    plan = requested_plan()
    plan.give_consent(meta(), scope=ConsentScope.PLAN, given_by="user")
    return plan


def plan_with_goal() -> tuple[Plan, str]:
    plan = consented_plan()
    goal_id = plan.add_goal(
        meta(),
        text="Jeg vil klare å handle selv",
        formulated_by=GoalAuthor.USER,
        user_agreement=UserAgreement.AGREED,
    )
    return plan, goal_id


def events_of(plan: Plan) -> list[Plan.Event]:
    """The plan's new events, as the event store would hand them back."""
    return [e for e in plan.collect_events() if isinstance(e, Plan.Event)]
