"""Schemas of the current-plans list and the worklists."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel, Field

from domain.required_content import POINTS

Item = TypeVar("Item", bound=BaseModel)
HIDDEN = "Null where the caller's role may not see it (unit leaders: names and content)."


class Page(BaseModel, Generic[Item]):
    items: list[Item]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page.")


class PlanSummaryOut(BaseModel):
    plan_id: UUID
    subject_name: str | None = Field(description=HIDDEN)
    municipality: str
    unit_id: str
    unit_name: str
    status: str
    coordinator_id: str | None
    coordinator_name: str | None = Field(description=HIDDEN)
    received_at: datetime
    next_revision_on: date | None
    last_activity_at: datetime | None
    goals: int
    goals_user_agreed: int
    measures: int
    completeness: dict[str, bool] = Field(description=f"The nine points: {POINTS}")
    missing: list[str] = Field(description="Codes of the points not covered (a to i).")
    missing_labels: list[str] = Field(description="The same, in Norwegian.")
    version: int


class WaitingPlanOut(BaseModel):
    plan_id: UUID
    subject_name: str | None = Field(description=HIDDEN)
    unit_id: str
    unit_name: str
    status: str
    received_at: datetime
    decided_at: datetime | None
    days_waiting: int = Field(description="Days since the decision (or the request, if none).")


class OverdueEvaluationOut(BaseModel):
    plan_id: UUID
    subject_name: str | None = Field(description=HIDDEN)
    coordinator_name: str | None = Field(description=HIDDEN)
    last_evaluation_at: datetime | None
    next_revision_on: date
    days_overdue: int


class DormantPlanOut(BaseModel):
    plan_id: UUID
    subject_name: str | None = Field(description=HIDDEN)
    coordinator_name: str | None = Field(description=HIDDEN)
    last_activity_at: datetime | None
    days_dormant: int


class MeasureItemOut(BaseModel):
    plan_id: UUID
    measure_id: str
    subject_name: str | None = Field(description=HIDDEN)
    coordinator_name: str | None = Field(description=HIDDEN)
    title: str | None = Field(description=HIDDEN)
    responsible_service: str | None = Field(description=HIDDEN)
    responsible_person: str | None = Field(description=HIDDEN)
    status: str
    due_date: date | None
    days_overdue: int | None = None
    days_waiting: int | None = None


class CaseloadOut(BaseModel):
    coordinator_id: str
    coordinator_name: str | None = Field(description=HIDDEN)
    plans: int
    overdue_evaluations: int
