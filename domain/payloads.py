"""The typed parts of persisted event payloads: the contract of what an event stores.

Each part is a `TypedDict`: at runtime a plain dict of primitives, so the stored JSON is the same
as before the parts were named; to a reader, mypy and `docs/events.md` (generated from these),
each key has a type, and a closed set of values is an enum of `domain.values` (a `StrEnum`,
stored as its value). The API's schemas of the same parts (`api/part_schemas.py`,
`api/complaint_part_schemas.py`) are checked key for key against these by a test.
"""

from __future__ import annotations

from datetime import date
from typing import NotRequired, TypedDict

from domain.values import (
    ComplainantCapacity,
    ParticipantRole,
    RecipientRole,
    RepresentativeBasis,
    Sector,
)


class UnitPayload(TypedDict):
    unit_id: str
    name: str


class SubjectPayload(TypedDict):
    name: str
    national_id: str | None
    person_id: str | None
    birth_date: date | None


class PersonPayload(TypedDict):
    person_id: str
    name: str
    unit: str
    organisation: str


class RepresentativePayload(TypedDict):
    name: str
    basis: RepresentativeBasis
    person_id: str


class ParticipantPayload(TypedDict):
    name: str
    role: ParticipantRole
    sector: Sector
    organisation: str
    contribution: str
    person_id: str | None
    participant_id: str


class MeasurePayload(TypedDict):
    title: str
    responsible_service: str
    scope: str
    how: str
    responsible_person: str | None
    due_date: date | None
    goal_ids: list[str]
    measure_id: str
    # the participant responsible, who may report on it (issue 10); absent in older events
    responsible_participant_id: NotRequired[str | None]


class PartnerPayload(TypedDict):
    organisation: str
    sector: Sector
    purpose: str
    contact: str


class AttendeePayload(TypedDict):
    name: str
    role: str
    organisation: str
    person_id: NotRequired[str | None]  # who attended, as a login knows them (issue 10)


class MeetingDecisionPayload(TypedDict):
    text: str
    goal_ids: list[str]
    measure_ids: list[str]


class MeetingPayload(TypedDict):
    kind: str
    attendees: list[AttendeePayload]
    user_attended: bool
    agenda_prepared_with_user: bool
    minutes: str
    decisions: list[MeetingDecisionPayload]
    meeting_id: str


class EvaluationPayload(TypedDict):
    participants: list[AttendeePayload]
    user_took_part: bool
    user_participation: str
    users_view: str
    outcome: str
    next_revision_on: date
    evaluation_id: str


class RecipientPayload(TypedDict):
    """v2 of `VersionDelivered`: `role` a value; `role_as_recorded` only on upcast v1 events."""

    name: str
    role: RecipientRole
    organisation: str
    role_as_recorded: NotRequired[str]


class ComplainantPayload(TypedDict):
    person_id: str
    name: str
    unit: str
    organisation: str
    capacity: ComplainantCapacity
    basis: str | None


# `from` is a Python keyword: the functional form names the keys as stored.
ComplaintPeriodPayload = TypedDict("ComplaintPeriodPayload", {"from": date, "to": date})


class DeadlinePayload(TypedDict):
    last_day: date
    nominal_day: date
    extended_because: str | None
    rule: str
    basis: str
    counting: str


class EvidenceRefPayload(TypedDict):
    format: str
    plan_id: str
    position: int
    period: ComplaintPeriodPayload
    sha256: str


PAYLOADS: tuple[type, ...] = (
    UnitPayload,
    SubjectPayload,
    PersonPayload,
    RepresentativePayload,
    ParticipantPayload,
    MeasurePayload,
    PartnerPayload,
    AttendeePayload,
    MeetingDecisionPayload,
    MeetingPayload,
    EvaluationPayload,
    RecipientPayload,
    ComplainantPayload,
    ComplaintPeriodPayload,
    DeadlinePayload,
    EvidenceRefPayload,
)
