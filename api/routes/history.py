"""A plan's history and the audit trail across plans, from the `history` read model: who changed
what, when, on whose behalf and why, with old and new values (Noark 5's change log)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse

from adapters.readmodels import history_queries as q
from adapters.readmodels.history_json import plan_history_json
from adapters.readmodels.reads import ReadStore
from api import paging
from api.deps import Consistency, CurrentActor, Fresh, PlansDep, Purpose, ReadsDep
from api.history_schemas import (
    COLUMNS,
    AuditQuery,
    HistoryPage,
    after,
    csv_chunks,
    jsonl_chunks,
)
from api.openapi_parts import success
from application.access import Action
from application.errors import PlanNotFoundError
from application.service import Planspor
from domain.values import Actor

router = APIRouter()
Cursor = Annotated[str | None, Query(description="From the previous page's `next_cursor`.")]
Limit = Annotated[int, Query(ge=1, le=500)]
Audit = Annotated[AuditQuery, Depends(AuditQuery)]


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSONL: "application/x-ndjson",
}
EXPORT_CONTENT = {
    "text/csv": {
        "schema": {
            "type": "string",
            "description": "RFC 4180 CSV, UTF-8, with a header row; one row per entry, the "
            f"columns of `HistoryEntryOut` in order ({', '.join(COLUMNS)}); `changes` holds "
            "the entry's changes as a JSON list.",
        }
    },
    "application/x-ndjson": {
        "schema": {
            "type": "string",
            "description": "JSON Lines: one `HistoryEntryOut` object per line, in log order.",
        },
        "x-item-schema": {"$ref": "#/components/schemas/HistoryEntryOut"},
    },
}


@router.get(
    "/plans/{plan_id}/history",
    operation_id="getPlanHistory",
    tags=["history"],
    response_model=HistoryPage,
    summary="A plan's history, by version",
)
def plan_history(
    plan_id: UUID,
    actor: CurrentActor,
    reads: ReadsDep,
    fresh: Fresh,
    plans: PlansDep,
    cursor: Cursor = None,
    limit: Limit = 100,
    purpose: Purpose = None,
) -> Response:
    """Each event with a label, who and when, and its field changes (old → new)."""
    plan = plans.grant_read(plan_id, actor, "history", purpose, {"cursor": cursor})
    fresh.ensure(reads, "history")
    with reads.connection() as conn:
        rows = plan_history_json(conn, plan.municipality, plan_id, after=after(cursor), limit=limit)
    if rows is None:
        raise PlanNotFoundError(f"no plan {plan_id}")
    more = paging.encode([rows[limit - 1][0]]) if len(rows) > limit else None
    items = ",".join(entry for _, entry in rows[:limit])
    page = f'{{"items":[{items}],"next_cursor":{json.dumps(more)}}}'
    return Response(page.encode(), media_type="application/json")


def history_page(
    plan_id: UUID,
    actor: Actor,
    reads: ReadStore,
    fresh: Consistency,
    plans: Planspor,
    *,
    cursor: str | None,
    limit: int,
    purpose: str | None = None,
) -> HistoryPage:
    """The same page as `plan_history`, as the model (for the history pages in the browser)."""
    plan = plans.grant_read(plan_id, actor, "history", purpose, {"cursor": cursor})
    fresh.ensure(reads, "history")
    with reads.connection() as conn:
        rows = q.plan_history(conn, plan.municipality, plan_id, after=after(cursor), limit=limit)
    if rows is None:
        raise PlanNotFoundError(f"no plan {plan_id}")
    return HistoryPage.of(rows, limit, "version")


@router.get(
    "/audit-trail",
    operation_id="getAuditTrail",
    tags=["audit"],
    summary="Who changed what, across the plans",
)
def audit_trail(
    actor: CurrentActor,
    reads: ReadsDep,
    fresh: Fresh,
    audit: Audit,
    plans: PlansDep,
    cursor: Cursor = None,
    limit: Limit = 100,
    purpose: Purpose = None,
) -> HistoryPage:
    """Entries of the municipality's plans in log order, filtered."""
    grant = plans.grant_search(
        actor, Action.SEARCH_AUDIT, "audit trail", purpose, audit.logged(), audit.municipality
    )
    fresh.ensure(reads, "history")
    with reads.connection() as conn:
        rows = q.audit_trail(conn, audit.of(actor, grant), after=after(cursor), limit=limit)
    return HistoryPage.of(rows, limit, "position")


@router.get(
    "/audit-trail/export",
    operation_id="exportAuditTrail",
    tags=["audit"],
    summary="The filtered audit trail as a file",
    response_class=StreamingResponse,
    responses=success(200, content=EXPORT_CONTENT),
)
def export_audit_trail(
    actor: CurrentActor,
    reads: ReadsDep,
    fresh: Fresh,
    audit: Audit,
    plans: PlansDep,
    kind: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
    purpose: Purpose = None,
) -> StreamingResponse:
    """Streamed in log order, without a limit: CSV with a header row, or JSON lines."""
    grant = plans.grant_search(
        actor, Action.SEARCH_AUDIT, "audit export", purpose, audit.logged(), audit.municipality
    )
    fresh.ensure(reads, "history")
    rows = q.export_audit_trail(reads, audit.of(actor, grant))
    chunks = csv_chunks(rows) if kind == ExportFormat.CSV else jsonl_chunks(rows)
    headers = {"Content-Disposition": f'attachment; filename="audit-trail.{kind.value}"'}
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[kind], headers=headers)
