"""The verdict on each plan: virksom or not, which criterion failed and why (in Norwegian), and
the facts that decided each criterion, so a figure can be checked against the plans' histories.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from api.virksom_schemas import CRITERIA, REASONS, Labelled


class ReasonOut(BaseModel):
    code: str
    label: str

    @classmethod
    def of(cls, code: str) -> ReasonOut:
        return cls(code=code, label=REASONS[code])


class FactOut(BaseModel):
    """A deciding fact: its log position and the plan version of its event."""

    position: int
    version: int


class CriterionOut(BaseModel):
    code: str
    label: str
    passed: bool
    reasons: list[ReasonOut] = Field(description="Why it failed (empty when passed).")
    facts: list[FactOut] = Field(description="The facts (events) that decided it.")


class PlanVerdictOut(BaseModel):
    plan_id: UUID
    unit_id: str
    unit_name: str
    virksom: bool
    status: ReasonOut | None = Field(description="Closed, suspended or refused on D, if so.")
    status_fact: FactOut | None
    criteria: list[CriterionOut]
    last_activity_on: date | None
    updated_on: date | None = Field(description="Latest evaluation or revised version by D.")
    next_revision_on: date | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> PlanVerdictOut:
        status = next((s for s in ("closed", "suspended", "refused") if row[s]), None)
        pair = {"closed": "closing", "suspended": "suspension", "refused": "decision"}
        return cls(
            plan_id=row["plan_id"],
            unit_id=row["unit_id"],
            unit_name=row["unit_name"],
            virksom=row["virksom"],
            status=ReasonOut.of(status) if status else None,
            status_fact=_facts(row, row[f"{pair[status]}_position"])[0] if status else None,
            criteria=[_started(row), _in_active_use(row), _updated(row)],
            last_activity_on=row["last_activity_on"],
            updated_on=row["updated_on"],
            next_revision_on=row["next_revision_on"],
        )


class VirksomPlansOut(Labelled):
    items: list[PlanVerdictOut]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for more.")


def _criterion(
    code: str, row: dict[str, Any], reasons: list[str], *positions: int | None
) -> CriterionOut:
    return CriterionOut(
        code=code,
        label=CRITERIA[code],
        passed=row[code],
        reasons=[ReasonOut.of(reason) for reason in reasons],
        facts=_facts(row, *positions),
    )


def _facts(row: dict[str, Any], *positions: int | None) -> list[FactOut]:
    versions = row["versions"]
    return [FactOut(position=p, version=versions[p]) for p in positions if p is not None]


def _started(row: dict[str, Any]) -> CriterionOut:
    reasons = []
    if not row["has_coordinator"]:
        reasons.append("coordinator_withdrew" if row["coordinator"] else "no_coordinator")
    consent = row["consent_position"]
    if consent is None:
        withdrawn, expired = row["consent_withdrawn_position"], row["consent_expired_position"]
        reasons.append(
            "consent_withdrawn" if withdrawn else "consent_expired" if expired else "no_consent"
        )
        consent = withdrawn or expired
    if not row["has_work"]:
        reasons.append("no_goal_or_measure")
    positions = (row["coordinator_position"], consent, row["work_position"])
    return _criterion("started", row, reasons, *positions)


def _in_active_use(row: dict[str, Any]) -> CriterionOut:
    reasons = [] if row["in_active_use"] else ["no_activity"]
    return _criterion("in_active_use", row, reasons, row["activity_position"])


def _updated(row: dict[str, Any]) -> CriterionOut:
    reasons = [] if row["updated_in_time"] else ["no_update"]
    if not row["revision_on_time"]:
        reasons.append("revision_overdue" if row["next_revision_on"] else "no_revision_date")
    return _criterion("updated", row, reasons, row["update_position"], row["revision_position"])
