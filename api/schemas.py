"""Response schemas: what the API shows of a plan, its events and a write's result."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from application.idempotency import WriteResult
from domain.complaint import Complaint
from domain.plan import Plan
from domain.values import PlanStatus


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


class PersonOut(_Part):
    person_id: str
    name: str
    unit: str = ""
    organisation: str = ""


class ConsentOut(_Part):
    consent_id: str
    scope: str
    given_at: datetime
    given_by: str
    participant_id: str | None
    valid_until: date | None
    representative: dict[str, str] | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None


class ParticipantOut(_Part):
    participant_id: str
    name: str
    role: str
    organisation: str
    sector: str
    contribution: str
    person_id: str | None
    removed: bool


class GoalOut(_Part):
    goal_id: str
    text: str
    formulated_by: str
    user_agreement: str
    status: str
    history: list[dict[str, Any]]


class MeasureOut(_Part):
    measure_id: str
    title: str
    scope: str
    how: str
    responsible_service: str
    responsible_person: str | None
    due_date: date | None
    goal_ids: list[str]
    status: str
    decision_reference: str | None


class VersionOut(_Part):
    number: int
    aggregate_version: int = Field(description="The plan version that was agreed.")
    agreed_on: datetime
    agreed_with_user: bool
    summary: str
    deliveries: list[dict[str, Any]]


class PlanOut(_Part):
    id: UUID
    version: int
    recorded_at: datetime = Field(description="When this version was recorded.")
    status: PlanStatus
    municipality: str
    responsible_unit: dict[str, str]
    subject: dict[str, Any]
    source: str
    description: str
    received_at: datetime
    informed_at: list[datetime]
    declined: bool
    decision: dict[str, Any] | None
    consents: list[ConsentOut]
    coordinator_unit: dict[str, str] | None
    coordinator: PersonOut | None
    deputy: PersonOut | None
    participants: list[ParticipantOut]
    mappings: list[dict[str, Any]]
    goals: list[GoalOut]
    resources: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    measures: list[MeasureOut]
    period: dict[str, Any] | None
    next_revision_on: date | None
    cooperation: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    evaluations: list[dict[str, Any]]
    versions: list[VersionOut]
    last_activity_at: datetime

    @classmethod
    def of(cls, plan: Plan) -> PlanOut:
        return cls.model_validate(
            plan.__dict__
            | {
                "id": plan.id,
                "version": plan.version,
                "recorded_at": plan.modified_on,
                "status": plan.status,
                "consents": list(plan.consents.values()),
                "participants": list(plan.participants.values()),
                "goals": list(plan.goals.values()),
                "measures": list(plan.measures.values()),
                "last_activity_at": plan.last_effective_at,
            }
        )


class ActorOut(BaseModel):
    person_id: str
    name: str
    role: str
    organisation: str = ""
    unit: str = ""
    municipality: str = ""
    assurance: str = ""


class EventOut(BaseModel):
    version: int
    type: str = Field(examples=["GoalAdded"])
    recorded_at: datetime
    effective_at: datetime
    actor: ActorOut
    on_behalf_of: str | None
    channel: str
    reason: str | None
    correlation_id: str | None
    request_id: str | None
    data: dict[str, Any]

    @classmethod
    def of(cls, event: Plan.Event | Complaint.Event) -> EventOut:
        meta = event.meta
        skip = {"meta", "originator_id", "originator_version", "timestamp", "originator_topic"}
        return cls(
            version=event.originator_version,
            type=type(event).__name__,
            recorded_at=event.timestamp,
            effective_at=meta["effective_at"],
            actor=ActorOut(**meta["actor"]),
            on_behalf_of=meta["on_behalf_of"],
            channel=meta["channel"],
            reason=meta["reason"],
            correlation_id=meta["correlation_id"],
            request_id=meta.get("request_id"),
            data={k: v for k, v in event.__dict__.items() if k not in skip},
        )


class EventPage(BaseModel):
    items: list[EventOut]
    next_after: int | None = Field(
        default=None, description="Pass as `after` for the next page; absent on the last page."
    )
