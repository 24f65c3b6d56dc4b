"""Innsyn i logg: who has read a plan (for the user), and a search of all reads (supervisors).

The read log is a table of its own, written before content is shown (`adapters/eventstore.py`),
not a read model: a read is listed as soon as it was recorded, with no `min_position` to wait for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from adapters.readmodels import reads_queries as q
from api.deps import CurrentActor, PlansDep, Purpose, ReadsDep
from application.access import Action
from application.commands.base import Instant
from domain.municipalities import KOMMUNENUMMER_PATTERN

router = APIRouter(tags=["read-log"])
After = Annotated[int, Query(ge=0, description="The previous page's `next_after`.")]
Limit = Annotated[int, Query(ge=1, le=500)]


class ReadOut(BaseModel):
    position: int
    plan_id: UUID | None
    read_at: datetime
    actor_id: str
    actor_name: str
    actor_role: str
    actor_organisation: str
    actor_unit: str
    actor_assurance: str
    what: str
    basis: str
    purpose: str | None


class ReadPage(BaseModel):
    items: list[ReadOut]
    next_after: int | None

    @classmethod
    def of(cls, rows: list[dict[str, object]], limit: int) -> ReadPage:
        items = [ReadOut.model_validate(row) for row in rows[:limit]]
        return cls(items=items, next_after=items[-1].position if len(rows) > limit else None)


@router.get(
    "/plans/{plan_id}/reads",
    operation_id="listPlanReads",
    summary="Who has looked at this plan, when and why",
)
def plan_reads(
    plan_id: UUID,
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    after: After = 0,
    limit: Limit = 100,
    purpose: Purpose = None,
) -> ReadPage:
    """For the user (and a representative with a recorded basis), the coordinating unit and
    supervisors."""
    plans.grant_read_log(plan_id, actor, purpose)
    with reads.connection() as conn:
        return ReadPage.of(q.plan_reads(conn, plan_id, after=after, limit=limit), limit)


@router.get("/read-log", operation_id="searchReadLog", summary="Search the read log across plans")
def search_reads(
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    actor_id: Annotated[str | None, Query(max_length=100)] = None,
    plan_id: UUID | None = None,
    read_from: Instant | None = None,
    read_to: Instant | None = None,
    municipality: Annotated[str | None, Query(pattern=KOMMUNENUMMER_PATTERN)] = None,
    after: After = 0,
    limit: Limit = 100,
    purpose: Purpose = None,
) -> ReadPage:
    """Supervisors (with a purpose, any municipality) and the coordinating unit (its own)."""
    filters = {"actor_id": actor_id, "plan_id": str(plan_id) if plan_id else None}
    grant = plans.grant_search(
        actor, Action.SEARCH_AUDIT, "read log search", purpose, filters, municipality
    )
    scope = grant.municipality or actor.municipality
    with reads.connection() as conn:
        rows = q.search(
            conn,
            scope,
            actor_id=actor_id,
            plan_id=plan_id,
            read_from=read_from,
            read_to=read_to,
            after=after,
            limit=limit,
        )
    return ReadPage.of(rows, limit)
