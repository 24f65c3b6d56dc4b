"""The schema of an evidence pack's `content`, for the description only.

The content is shown exactly as it was hashed (`domain/evidence.py`): these models describe it
(`EvidencePackContent` in the OpenAPI description) but never re-serialise it, so not a byte of
what the SHA-256 covers can change. `tests/api/test_openapi_shapes.py` checks that a pack read
through them and dumped again is the same pack, so the description cannot leave a key out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.complaint_part_schemas import ComplaintPeriodOut
from api.part_schemas import RepresentativeOut


class _Fact(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class FactActorOut(_Fact):
    person_id: str
    name: str
    role: str


class FactStampOut(_Fact):
    """When a fact happened (Europe/Oslo date), when it was recorded, by whom, and why."""

    on: date
    recorded_on: date
    by: FactActorOut
    reason: str | None


class EvidenceDecisionFact(FactStampOut):
    outcome: str
    reference: str | None


class ConsentFact(FactStampOut):
    consent_id: str
    scope: str
    participant: str | None = Field(description="The participant's name (sharing consent).")
    given_by: str
    representative: RepresentativeOut | None
    valid_until: date | None
    withdrawn: FactStampOut | None


class GoalWordingFact(FactStampOut):
    text: str
    user_agreement: str


class GoalFact(FactStampOut):
    goal_id: str
    formulated_by: str
    wording: list[GoalWordingFact]
    user_agreement: str
    confirmed: FactStampOut | None
    agreed_by: str | None = Field(
        default=None,
        description="Format 2: `user` if the user (or representative) agreed themselves, "
        "`professional` if a professional recorded the agreement on their behalf.",
    )
    status: str
    ended: FactStampOut | None


class MeasureStatusFact(FactStampOut):
    status: str


class MeasureFact(FactStampOut):
    measure_id: str
    title: str
    responsible_service: str
    due_date: date | None
    status: str
    statuses: list[MeasureStatusFact]


class DeliveryFact(FactStampOut):
    recipient: str
    recipient_role: str
    channel: str


class VersionFact(FactStampOut):
    number: int
    agreed_with_user: bool
    summary: str
    deliveries: list[DeliveryFact]


class MappingFact(FactStampOut):
    users_words: str


class MeetingAttendeeFact(_Fact):
    name: str
    role: str


class MeetingFact(FactStampOut):
    meeting_id: str
    kind: str
    user_attended: bool
    agenda_prepared_with_user: bool
    attendees: list[MeetingAttendeeFact]
    decisions: list[str]


class UserViewFact(FactStampOut):
    users_view: str
    took_part: bool


class EvaluationFact(FactStampOut):
    evaluation_id: str
    user_took_part: bool
    user_participation: str
    users_view: str
    outcome: str
    next_revision_on: date
    user_views: list[UserViewFact] | None = Field(
        default=None, description="Format 2: views the user added themselves (issue 10)."
    )


class ComplaintInformationFact(FactStampOut):
    source: str = Field(description="`decision` or `information`.")


class CoordinatorChangeFact(FactStampOut):
    change: str
    person: str
    previous: str | None = Field(default=None, description="On `replaced` only.")
    handover_note: str | None = Field(default=None, description="On `replaced` only.")


class OverrideFact(FactStampOut):
    what: str
    ref: str


class RevisionFact(FactStampOut):
    next_revision_on: date
    set_by: str


class OutOfOrderFact(FactStampOut):
    event: str


class EvidenceSubjectOut(_Fact):
    name: str


class RequiredContentOut(_Fact):
    points: dict[str, bool] = Field(description="Each of the nine points, a to i: present or not.")
    missing: list[str]


class EvidenceGapOut(_Fact):
    flag: str
    refs: list[str]
    detail: dict[str, Any] = Field(description="What the gap concerns; keys depend on `flag`.")


class EvidencePackContent(_Fact):
    """The participation evidence pack (`docs/complaints.md`), formats
    `planspor.participation-evidence/1` and `/2` (`format` says which)."""

    format: str
    plan_id: str
    municipality: str
    subject: EvidenceSubjectOut
    position: int
    plan_version: int
    period: ComplaintPeriodOut
    received_on: date | None = Field(
        default=None, description="The day the request was received (format 2 and later)."
    )
    decision: EvidenceDecisionFact | None
    consent_history: list[ConsentFact]
    goals: list[GoalFact]
    measures: list[MeasureFact]
    versions: list[VersionFact]
    mappings: list[MappingFact]
    meetings: list[MeetingFact]
    evaluations: list[EvaluationFact]
    complaint_information: list[ComplaintInformationFact]
    coordinator_changes: list[CoordinatorChangeFact]
    professional_overrides: list[OverrideFact]
    revision_schedule: list[RevisionFact]
    out_of_order: list[OutOfOrderFact]
    required_content: RequiredContentOut
    missing: list[EvidenceGapOut]
    by_ground: dict[str, list[str]]
