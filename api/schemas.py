"""Response schemas: what the API shows of a plan and a write's result."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.part_schemas import (
    DecisionOut,
    DeliveryOut,
    EvaluationOut,
    GoalWordingOut,
    MappingOut,
    MeasureData,
    MeetingOut,
    NeedOut,
    ParticipantData,
    PartnerOut,
    PersonOut,
    PlanPeriodOut,
    RepresentativeOut,
    ResourceOut,
    SubjectOut,
    UnitOut,
)
from application.idempotency import WriteResult
from domain.plan import Plan
from domain.values import PlanStatus

__all__ = ["PersonOut", "PlanOut", "WriteResultOut", "optional_part"]


class WriteResultOut(BaseModel):
    plan_id: UUID
    version: int = Field(description="The plan's new version; also sent as the ETag.")
    created_id: str | None = Field(default=None, description="Id of what the write created.")
    position: int | None = Field(
        default=None, description="Log position of the write's last event (absent on a replay)."
    )

    @classmethod
    def of(cls, result: WriteResult) -> WriteResultOut:
        return cls(
            plan_id=result.plan_id,
            version=result.version,
            created_id=result.created_id,
            position=result.position,
        )


class _Part(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ConsentOut(_Part):
    consent_id: str
    scope: str
    given_at: datetime
    given_by: str
    participant_id: str | None
    valid_until: date | None
    representative: RepresentativeOut | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None


class ParticipantOut(ParticipantData):
    removed: bool


class GoalAnswerOut(_Part):
    """The user's own answer to a goal: agreed or disagreed, with a comment."""

    agreement: str
    comment: str
    by_role: str
    at: datetime


class NonDeliveryOut(_Part):
    participant_id: str
    reason: str
    at: datetime


class GoalOut(_Part):
    goal_id: str
    text: str
    formulated_by: str
    user_agreement: str
    agreed_by: str | None = Field(
        default=None,
        description="Whose agreement the goal has: `user` (the user or their representative "
        "with their own login), `professional` (recorded on the user's behalf); null if none.",
    )
    status: str
    history: list[GoalWordingOut] = Field(description="Earlier wordings, oldest first.")
    answers: list[GoalAnswerOut] = Field(
        default_factory=list, description="The user's own answers, oldest first."
    )


class MeasureOut(MeasureData):
    status: str
    decision_reference: str | None
    not_delivered: list[NonDeliveryOut] = Field(
        default_factory=list, description="Reports by the participant responsible: not delivered."
    )


class InvitationReplyOut(_Part):
    answer: str
    comment: str
    at: datetime


class InvitationOut(_Part):
    """A meeting the coordinator invited participants to, and their answers (by participant)."""

    invitation_id: str
    meets_on: date
    place: str
    agenda: str
    participant_ids: list[str]
    answers: dict[str, InvitationReplyOut]


class VersionOut(_Part):
    number: int
    aggregate_version: int = Field(description="The plan version that was agreed.")
    agreed_on: datetime
    agreed_with_user: bool
    summary: str
    deliveries: list[DeliveryOut]


class PlanOut(_Part):
    id: UUID
    version: int
    recorded_at: datetime = Field(description="When this version was recorded.")
    status: PlanStatus
    municipality: str
    responsible_unit: UnitOut
    subject: SubjectOut
    source: str
    description: str
    received_at: datetime
    informed_at: list[datetime]
    declined: bool
    decision: DecisionOut | None
    consents: list[ConsentOut]
    coordinator_unit: UnitOut | None
    coordinator: PersonOut | None
    deputy: PersonOut | None
    participants: list[ParticipantOut]
    mappings: list[MappingOut]
    goals: list[GoalOut]
    resources: list[ResourceOut]
    needs: list[NeedOut]
    measures: list[MeasureOut]
    period: PlanPeriodOut | None
    next_revision_on: date | None
    cooperation: list[PartnerOut]
    meetings: list[MeetingOut]
    evaluations: list[EvaluationOut]
    versions: list[VersionOut]
    last_activity_at: datetime
    invitations: list[InvitationOut] = Field(default_factory=list)

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        """Field by field from the aggregate's state: nothing is shown by accident."""
        return cls(
            id=plan.id,
            version=plan.version,
            recorded_at=plan.modified_on,
            status=plan.status,
            municipality=plan.municipality,
            responsible_unit=UnitOut.model_validate(plan.responsible_unit),
            subject=SubjectOut.model_validate(plan.subject),
            source=plan.source,
            description=plan.description,
            received_at=plan.received_at,
            informed_at=list(plan.informed_at),
            declined=plan.declined,
            decision=optional_part(DecisionOut, plan.decision),
            consents=_each(ConsentOut, plan.consents.values()),
            coordinator_unit=optional_part(UnitOut, plan.coordinator_unit),
            coordinator=optional_part(PersonOut, plan.coordinator),
            deputy=optional_part(PersonOut, plan.deputy),
            participants=_each(ParticipantOut, plan.participants.values()),
            mappings=_each(MappingOut, plan.mappings),
            goals=_each(GoalOut, plan.goals.values()),
            resources=_each(ResourceOut, plan.resources),
            needs=_each(NeedOut, plan.needs),
            measures=_each(MeasureOut, plan.measures.values()),
            period=optional_part(PlanPeriodOut, plan.period),
            next_revision_on=plan.next_revision_on,
            cooperation=_each(PartnerOut, plan.cooperation),
            meetings=_each(MeetingOut, plan.meetings),
            evaluations=_each(EvaluationOut, plan.evaluations),
            versions=_each(VersionOut, plan.versions),
            last_activity_at=plan.last_effective_at,
            invitations=_each(InvitationOut, plan.invitations.values()),
        )


Part = TypeVar("Part", bound=BaseModel)


def optional_part(schema: type[Part], value: object | None) -> Part | None:
    return None if value is None else schema.model_validate(value)


def _each(schema: type[Part], values: Iterable[object]) -> list[Part]:
    return [schema.model_validate(value) for value in values]
