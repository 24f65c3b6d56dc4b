"""Value objects and vocabularies shared by the plan's events.

Longer than 200 lines for a reason: it is the one list of the closed sets events store (each a
few lines), and splitting a list of vocabularies would only make a reader look in two places.

Persisted event payloads hold only primitives, so each enum here is a `StrEnum`: it is stored as its
`.value` and compares equal to the plain string that comes back from the event store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.errors import EffectiveTimeInFuture, ReasonRequired, RuleViolation
from domain.roles import ROLE_ALIASES_NB, ROLES, Role, RoleLabel

__all__ = ["ROLES", "ROLE_ALIASES_NB", "Role", "RoleLabel"]  # re-exported: `domain/roles.py`


class Channel(StrEnum):
    MEETING = "meeting"
    PHONE = "phone"
    HOME_VISIT = "home_visit"
    DIGITAL = "digital"
    LETTER = "letter"
    IN_PERSON = "in_person"


class AssuranceLevel(StrEnum):
    """ID-porten levels of assurance (acr values)."""

    LOW = "idporten-loa-low"
    SUBSTANTIAL = "idporten-loa-substantial"
    HIGH = "idporten-loa-high"


class RequestSource(StrEnum):
    USER = "user"
    NEXT_OF_KIN = "next_of_kin"
    SERVICE = "service"
    GP = "gp"
    HOSPITAL = "hospital"
    OTHER = "other"


class Sector(StrEnum):
    HEALTH = "health"
    CARE = "care"
    SPECIALIST_HEALTH = "specialist_health"
    NAV = "nav"
    SCHOOL = "school"
    CHILD_WELFARE = "child_welfare"
    OTHER = "other"


class ParticipantRole(StrEnum):
    USER = "user"
    REPRESENTATIVE = "representative"
    NEXT_OF_KIN = "next_of_kin"
    SERVICE_PROVIDER = "service_provider"
    OTHER = "other"


class RecipientRole(StrEnum):
    """Who received a plan version, as a value (the user included). `UNKNOWN` only marks a
    delivery recorded before the role was a value, whose free-text role names none of these."""

    USER = "user"
    REPRESENTATIVE = "representative"
    NEXT_OF_KIN = "next_of_kin"
    SERVICE_PROVIDER = "service_provider"
    OTHER = "other"
    UNKNOWN = "unknown"


# Free-text roles of deliveries recorded before `RecipientRole` (read when old events load).
RECIPIENT_ROLE_WORDS: dict[str, RecipientRole] = {
    "user": RecipientRole.USER,
    "bruker": RecipientRole.USER,
    "representative": RecipientRole.REPRESENTATIVE,
    "representant": RecipientRole.REPRESENTATIVE,
    "verge": RecipientRole.REPRESENTATIVE,
    "fullmektig": RecipientRole.REPRESENTATIVE,
    "next_of_kin": RecipientRole.NEXT_OF_KIN,
    "pårørende": RecipientRole.NEXT_OF_KIN,
    "service_provider": RecipientRole.SERVICE_PROVIDER,
    "tjenesteyter": RecipientRole.SERVICE_PROVIDER,
}


class ConsentScope(StrEnum):
    PLAN = "plan"
    SHARING = "sharing"


class ConsentGiver(StrEnum):
    """Who gave a consent: the user, or a representative with a recorded basis."""

    USER = "user"
    REPRESENTATIVE = "representative"


class ComplainantCapacity(StrEnum):
    """In what capacity a complainant complains: as the user, or as a representative."""

    USER = "user"
    REPRESENTATIVE = "representative"


class InformedAbout(StrEnum):
    """The rights a user is informed of (`Plan.UserInformed.about`)."""

    RIGHT_TO_INDIVIDUAL_PLAN = "right_to_individual_plan"
    RIGHT_TO_COORDINATOR = "right_to_coordinator"
    RIGHT_TO_COMPLAIN = "right_to_complain"


class RepresentativeBasis(StrEnum):
    LACKS_CONSENT_CAPACITY = "lacks_consent_capacity"
    POWER_OF_ATTORNEY = "power_of_attorney"
    GUARDIANSHIP = "guardianship"
    PARENTAL_RESPONSIBILITY = "parental_responsibility"


class GoalAuthor(StrEnum):
    USER = "user"
    REPRESENTATIVE = "representative"
    PROFESSIONAL = "professional"


class UserAgreement(StrEnum):
    AGREED = "agreed"
    PENDING = "pending"
    DISAGREED = "disagreed"


class GoalStatus(StrEnum):
    """Where a goal stands; an ended goal is kept, never deleted."""

    ACTIVE = "active"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class DecisionOutcome(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"


class MeasureStatus(StrEnum):
    WISHED = "wished"
    APPLIED_FOR = "applied_for"
    GRANTED = "granted"
    REFUSED = "refused"
    STARTED = "started"
    ENDED = "ended"


class PlanStatus(StrEnum):
    REQUESTED = "requested"
    DECLINED = "declined"
    GRANTED = "granted"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    CLOSED = "closed"


def plan_status(
    *, closed: bool, suspended: bool, decision: str | None, declined: bool
) -> PlanStatus:
    """A plan's status from its facts; the aggregate and the read models derive it alike."""
    if closed:
        return PlanStatus.CLOSED
    if suspended:
        return PlanStatus.SUSPENDED
    if decision == DecisionOutcome.REFUSED:
        return PlanStatus.REFUSED
    if declined:
        return PlanStatus.DECLINED
    return PlanStatus.GRANTED if decision == DecisionOutcome.GRANTED else PlanStatus.REQUESTED


@dataclass(frozen=True)
class Actor:
    """Who did it, as verified from the bearer token; never taken from a request body."""

    person_id: str
    name: str
    role: str
    municipality: str
    organisation: str = ""
    unit: str = ""
    assurance: str = AssuranceLevel.SUBSTANTIAL
    office: str = ""  # supervisors and Statsforvalteren: the office (embete), `domain/offices.py`

    def to_event(self) -> dict[str, str]:
        office = {"office": self.office} if self.office else {}
        return {
            "person_id": self.person_id,
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "unit": self.unit,
            "municipality": self.municipality,
            "assurance": str(self.assurance),
        } | office


@dataclass(frozen=True)
class Meta:
    """Who, how and when of one command: stored as the `meta` field of every plan event.

    `effective_at` is when it happened; the event's own `timestamp` is when it was recorded.
    """

    actor: Actor
    effective_at: datetime
    recorded_at: datetime
    channel: Channel = Channel.DIGITAL
    on_behalf_of: str | None = None
    correlation_id: str | None = None
    reason: str | None = None
    request_id: str | None = None

    def __post_init__(self) -> None:
        if self.effective_at.tzinfo is None:
            raise RuleViolation("effective_at must carry a UTC offset", field="effective_at")
        if self.effective_at > self.recorded_at:
            raise EffectiveTimeInFuture(
                "effective_at lies in the future: a fact is recorded after it happened",
                field="effective_at",
            )

    def require_reason(self, what: str) -> str:
        if not self.reason or not self.reason.strip():
            raise ReasonRequired(f"a reason is required when {what}", field="reason")
        return self.reason

    def to_event(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_event(),
            "effective_at": self.effective_at,
            "channel": str(self.channel),
            "on_behalf_of": self.on_behalf_of,
            "correlation_id": self.correlation_id,
            "reason": self.reason,
            "request_id": self.request_id,
        }
