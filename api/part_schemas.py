"""Named schemas for the parts of a plan as the API shows them (and as its events carry them).

Each mirrors what `domain/rules.py` and the aggregate's event methods store, key for key: the
shape test (`tests/api/test_openapi_shapes.py`) fails if a part gains or loses a key here or there.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class _Part(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PersonOut(_Part):
    """A person in a role on the plan: coordinator, deputy, or someone who declined."""

    person_id: str
    name: str
    unit: str = ""
    organisation: str = ""


class UnitOut(_Part):
    """A unit of the municipality (e.g. the coordinating unit)."""

    unit_id: str
    name: str


class SubjectOut(_Part):
    """The user: the person the plan is for."""

    name: str
    national_id: str | None = Field(description="Fødselsnummer or D-number, if given.")
    person_id: str | None = Field(description="Local person id, if given.")
    birth_date: date | None


class DecisionOut(_Part):
    """The coordinating unit's decision on the request."""

    outcome: str = Field(description="`granted` or `refused`.")
    decision_reference: str | None
    decided_at: datetime
    complaint_information_given: bool


class RepresentativeOut(_Part):
    """Who consented for the user, and on what basis."""

    name: str
    basis: str = Field(description="A `RepresentativeBasis` value.")
    person_id: str = Field(description="Empty when not given.")


class GoalWordingOut(_Part):
    """An earlier wording of a goal, and until when it stood."""

    text: str
    until: datetime


class RecipientOut(_Part):
    """Someone an agreed version was delivered to."""

    name: str
    organisation: str
    role: str


class DeliveryOut(RecipientOut):
    """To whom an agreed version was delivered, how and when."""

    channel: str
    delivered_at: datetime


class MappingOut(_Part):
    """What matters to the user, in the user's own words."""

    mapping_id: str
    users_words: str
    summary: str
    recorded_at: datetime


class ResourceOut(_Part):
    resource_id: str
    description: str
    in_users_words: bool


class NeedOut(_Part):
    need_id: str
    description: str
    in_users_words: bool


class PlanPeriodOut(_Part):
    """The plan period; the next revision date is `next_revision_on` on the plan."""

    starts_on: date
    ends_on: date | None


class PartnerOut(_Part):
    """A service or agency the plan cooperates with."""

    organisation: str
    sector: str
    purpose: str
    contact: str


class AttendeeOut(_Part):
    """Someone who attended a meeting or took part in an evaluation."""

    name: str
    role: str
    organisation: str
    person_id: str | None = Field(
        default=None, description="Their person id, if given (a participant adds to minutes)."
    )


class MeetingDecisionOut(_Part):
    text: str
    goal_ids: list[str]
    measure_ids: list[str]


class MinutesAdditionOut(_Part):
    """A participant's addition to the minutes of a meeting they attended."""

    participant_id: str
    text: str
    at: datetime


class UserViewOut(_Part):
    """The user's own view added to an evaluation, and whether they took part."""

    users_view: str
    took_part: bool
    by_role: str
    at: datetime


class MeetingData(_Part):
    """A meeting of the responsibility group, as its event records it."""

    kind: str
    attendees: list[AttendeeOut]
    user_attended: bool
    agenda_prepared_with_user: bool
    minutes: str
    decisions: list[MeetingDecisionOut]
    meeting_id: str


class MeetingOut(MeetingData):
    """A meeting of the responsibility group."""

    held_at: datetime = Field(description="When it was held (the event's effective time).")
    additions: list[MinutesAdditionOut] = Field(
        default_factory=list, description="Participants' additions to the minutes."
    )


class EvaluationData(_Part):
    """An evaluation of the plan, as its event records it."""

    participants: list[AttendeeOut]
    user_took_part: bool
    user_participation: str
    users_view: str
    outcome: str
    next_revision_on: date
    evaluation_id: str


class EvaluationOut(EvaluationData):
    """An evaluation of the plan."""

    held_at: datetime = Field(description="When it was held (the event's effective time).")
    user_views: list[UserViewOut] = Field(
        default_factory=list, description="The user's own views, added by the user."
    )


class ParticipantData(_Part):
    """A participant in the plan work, as the event that added them records it."""

    name: str
    role: str
    sector: str
    organisation: str
    contribution: str
    person_id: str | None
    participant_id: str


class MeasureData(_Part):
    """A measure, as the event that added it records it."""

    title: str
    responsible_service: str
    scope: str
    how: str
    responsible_person: str | None
    due_date: date | None
    goal_ids: list[str]
    measure_id: str
    responsible_participant_id: str | None = Field(
        default=None, description="The participant who reports on the measure, if one does."
    )
