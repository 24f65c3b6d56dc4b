"""Schemas of complaints, evidence packs and the plan on a date."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, Field, WithJsonSchema

from api.comparison import differences
from api.complaint_part_schemas import (
    ComplainantOut,
    ComplaintDecisionOut,
    ComplaintPeriodOut,
    DeadlineOut,
    EvidenceRefOut,
    ReviewOut,
)
from api.event_schemas import ComplaintEventOut, PlanEventOut, complaint_event, plan_event
from api.schemas import PlanOut, optional_part
from application.complaints import EvidencePack, PlanOnDate
from application.idempotency import WriteResult
from domain.complaint import Complaint


class ComplaintWriteOut(BaseModel):
    complaint_id: UUID
    version: int
    position: int | None = Field(default=None, description="Log position of the write.")

    @classmethod
    def of(cls, result: WriteResult) -> ComplaintWriteOut:
        return cls(complaint_id=result.plan_id, version=result.version, position=result.position)


class ComplaintOut(BaseModel):
    id: UUID
    version: int
    plan_id: UUID
    municipality: str
    status: str
    complainant: ComplainantOut
    grounds: list[str]
    complainants_words: str
    knew_on: date
    submitted_on: date
    received_at: datetime
    signed: bool
    deadline: DeadlineOut
    late: bool = Field(description="Submitted after the deadline: flagged, never refused.")
    period: ComplaintPeriodOut | None
    review: ReviewOut | None
    forwarded_to: str | None
    decision: ComplaintDecisionOut | None
    evidence: list[EvidenceRefOut]
    steps: list[ComplaintEventOut] = Field(description="Every step: who, when, why.")

    @classmethod
    def of(cls, complaint: Complaint, steps: list[Complaint.Event]) -> ComplaintOut:
        """Field by field from the aggregate's state."""
        return cls(
            id=complaint.id,
            version=complaint.version,
            plan_id=complaint.plan_id,
            municipality=complaint.municipality,
            status=complaint.status,
            complainant=ComplainantOut.model_validate(complaint.complainant),
            grounds=list(complaint.grounds),
            complainants_words=complaint.complainants_words,
            knew_on=complaint.knew_on,
            submitted_on=complaint.submitted_on,
            received_at=complaint.received_at,
            signed=complaint.signed,
            deadline=DeadlineOut.model_validate(complaint.deadline),
            late=complaint.late,
            period=optional_part(ComplaintPeriodOut, complaint.period),
            review=optional_part(ReviewOut, complaint.review),
            forwarded_to=complaint.forwarded_to,
            decision=optional_part(ComplaintDecisionOut, complaint.decision),
            evidence=[EvidenceRefOut.model_validate(item) for item in complaint.evidence],
            steps=[complaint_event(step) for step in steps],
        )


class EvidencePackOut(BaseModel):
    format: str = Field(description="The pack format it was built in (`content.format`).")
    position: int = Field(
        description="The log position it was built at (`content.position`), also when none was "
        "asked for: pass it as `position` to rebuild the same pack."
    )
    sha256: str = Field(description="SHA-256 of `content` as canonical JSON (sorted keys, UTF-8).")
    content: Annotated[
        dict[str, Any],
        WithJsonSchema({"allOf": [{"$ref": "#/components/schemas/EvidencePackContent"}]}),
    ]

    @classmethod
    def of(cls, pack: EvidencePack) -> EvidencePackOut:
        content = pack.content
        return cls(
            format=content["format"],
            position=content["position"],
            sha256=pack.sha256,
            content=content,
        )


class Difference(BaseModel):
    path: str
    as_recorded: Any
    as_effective: Any


class PlanOnDateOut(BaseModel):
    date: date
    position: int = Field(description="The log position both views were built at.")
    as_recorded: PlanOut | None = Field(
        description="What the log held by the end of the date (transaction time)."
    )
    as_effective: PlanOut | None = Field(
        description="Every fact effective by the end of the date, with corrections recorded "
        "later, up to `position` (valid time)."
    )
    differences: list[Difference]
    not_applied: list[PlanEventOut] = Field(
        description="Facts effective by the date that refer to something effective only later."
    )

    @classmethod
    def of(cls, view: PlanOnDate) -> PlanOnDateOut:
        recorded = PlanOut.of(view.as_recorded) if view.as_recorded else None
        effective = PlanOut.of(view.as_effective) if view.as_effective else None
        return cls(
            date=view.day,
            position=view.position,
            as_recorded=recorded,
            as_effective=effective,
            differences=[Difference(**d) for d in differences(recorded, effective)],
            not_applied=[plan_event(e) for e in view.not_applied],
        )


class ComplaintRow(BaseModel):
    complaint_id: UUID
    plan_id: UUID
    municipality: str
    status: str
    complainant_id: str
    complainant_name: str
    complainant_capacity: str
    grounds: list[str]
    received_on: date
    knew_on: date
    submitted_on: date
    deadline: date
    late: bool
    review_outcome: str | None
    reviewed_on: date | None
    evidence_count: int
    forwarded_to: str | None
    forwarded_on: date | None
    decision_outcome: str | None
    decision_reference: str | None
    decided_on: date | None
    received_position: int


class ComplaintPage(BaseModel):
    items: list[ComplaintRow]
    next_after: int | None = Field(description="Pass as `after` for the next page.")

    @classmethod
    def of(cls, rows: list[dict[str, Any]], limit: int) -> ComplaintPage:
        items = [ComplaintRow.model_validate(row) for row in rows[:limit]]
        more = len(rows) > limit
        return cls(items=items, next_after=items[-1].received_position if more else None)
