"""The parts of a plan's current state. Mutable only inside the aggregate's event methods.

Every field holds a primitive so that snapshots serialise without custom encoders beyond the
dataclass itself (registered by the application's transcoder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.errors import InvalidTransition
from domain.facts import consent_in_force, local_date
from domain.values import ConsentScope, GoalStatus, MeasureStatus


@dataclass
class Consent:
    consent_id: str
    scope: str
    given_at: datetime
    given_by: str
    participant_id: str | None = None
    valid_until: date | None = None
    representative: dict[str, str] | None = None
    withdrawn_at: datetime | None = None
    withdrawal_reason: str | None = None

    def in_force(self, on: date) -> bool:
        """In force on day `on`, by the one rule (`domain.facts.consent_in_force`)."""
        return consent_in_force(
            given_on=local_date(self.given_at),
            valid_until=self.valid_until,
            withdrawn_on=local_date(self.withdrawn_at) if self.withdrawn_at else None,
            on=on,
        )

    @property
    def is_plan_consent(self) -> bool:
        return self.scope == ConsentScope.PLAN


@dataclass
class Person:
    person_id: str
    name: str
    unit: str = ""
    organisation: str = ""


@dataclass
class Participant:
    participant_id: str
    name: str
    role: str
    organisation: str
    sector: str
    contribution: str
    person_id: str | None = None
    removed: bool = False


@dataclass
class Goal:
    goal_id: str
    text: str
    formulated_by: str
    user_agreement: str
    status: str = GoalStatus.ACTIVE
    history: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)  # the user's own (own_part.Answer)
    # whose agreement it has (`domain.facts.agreed_by`): `user` (their own login), `professional`
    # (recorded on their behalf), None when not agreed
    agreed_by: str | None = None

    @property
    def is_ended(self) -> bool:
        return self.status in (GoalStatus.ACHIEVED, GoalStatus.DROPPED)


MEASURE_TRANSITIONS: dict[str, frozenset[str]] = {
    MeasureStatus.WISHED: frozenset(
        {MeasureStatus.APPLIED_FOR, MeasureStatus.STARTED, MeasureStatus.ENDED}
    ),
    MeasureStatus.APPLIED_FOR: frozenset(
        {MeasureStatus.GRANTED, MeasureStatus.REFUSED, MeasureStatus.ENDED}
    ),
    MeasureStatus.GRANTED: frozenset({MeasureStatus.STARTED, MeasureStatus.ENDED}),
    MeasureStatus.REFUSED: frozenset({MeasureStatus.APPLIED_FOR, MeasureStatus.ENDED}),
    MeasureStatus.STARTED: frozenset({MeasureStatus.ENDED}),
    MeasureStatus.ENDED: frozenset(),
}


@dataclass
class Measure:
    measure_id: str
    title: str
    scope: str
    how: str
    responsible_service: str
    responsible_person: str | None
    due_date: date | None
    goal_ids: list[str]
    status: str = MeasureStatus.WISHED
    decision_reference: str | None = None
    responsible_participant_id: str | None = None  # the participant who reports on it
    not_delivered: list[dict[str, Any]] = field(default_factory=list)  # own_part.NonDelivery

    def check_transition(self, to: str) -> None:
        if to not in MEASURE_TRANSITIONS[self.status]:
            allowed = ", ".join(sorted(MEASURE_TRANSITIONS[self.status])) or "none"
            raise InvalidTransition(
                f"measure cannot go from '{self.status}' to '{to}' (allowed: {allowed})",
                field="status",
            )


@dataclass
class PlanVersion:
    number: int
    aggregate_version: int
    agreed_on: datetime
    agreed_with_user: bool
    summary: str
    deliveries: list[dict[str, Any]] = field(default_factory=list)


STATE_CLASSES: tuple[type, ...] = (Consent, Person, Participant, Goal, Measure, PlanVersion)
