"""Current plans and worklists, from the `plans` read model, for the actor's municipality."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from adapters.readmodels import plans_queries as q
from api import paging
from api.deps import CurrentActor, Fresh, PlansDep, ReadsDep
from api.overview_schemas import (
    CaseloadOut,
    DormantPlanOut,
    MeasureItemOut,
    OverdueEvaluationOut,
    Page,
    PlanSummaryOut,
    WaitingPlanOut,
)
from application.access import Action, Grant
from domain import required_content
from domain.values import Actor, PlanStatus

router = APIRouter()
Cursor = Annotated[str | None, Query(description="From the previous page's `next_cursor`.")]
Limit = Annotated[int, Query(ge=1, le=500)]
KEYSET = (str, str)  # a list's cursor: its two sort values, as text
Out = TypeVar("Out", bound=BaseModel)


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def _page(
    result: q.Page, schema: type[Out], shape: Callable[[dict[str, Any]], dict[str, Any]] = dict
) -> Page[Out]:
    cursor = paging.encode(result.next_cursor) if result.next_cursor else None
    items = [schema.model_validate(shape(r)) for r in result.rows]
    return Page[schema](items=items, next_cursor=cursor)  # type: ignore[valid-type]


def _grant(plans: PlansDep, actor: Actor, action: Action = Action.READ_WORKLISTS) -> Grant:
    """Coordinators see their own plans, users the plans about them, a unit leader their unit's
    (`grant.only_unit`), the coordinating unit the municipality's; what each role sees of a
    row is the policy's field-level view (`grant.view`: leaders see figures only)."""
    return plans.grant_search(actor, action, "plan list", None)


def _labelled(row: dict[str, Any]) -> dict[str, Any]:
    """The nine points judged today (a consent may have expired since the plan's last event)."""
    points = required_content.check(
        row["state"], has_coordinator=row["coordinator_id"] is not None, on=_today()
    )
    missing = required_content.missing(points)
    labels = [required_content.POINTS[code] for code in missing]
    return row | {"completeness": points, "missing": missing, "missing_labels": labels}


@router.get(
    "/plans",
    operation_id="listPlans",
    tags=["plans"],
    summary="Current plans, filtered, with completeness against the nine points",
)
def list_plans(
    actor: CurrentActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    cursor: Cursor = None,
    limit: Limit = 50,
    unit_id: str | None = None,
    coordinator_id: str | None = None,
    status: PlanStatus | None = None,
    missing: Annotated[str | None, Query(pattern="^[a-i]$", description="A missing point.")] = None,
) -> Page[PlanSummaryOut]:
    grant = _grant(plans, actor, Action.LIST_PLANS)
    fresh.ensure(reads, "plans")
    with reads.connection() as conn:
        result = q.plans(
            conn,
            actor.municipality,
            unit_id=unit_id,
            coordinator_id=grant.only_coordinator or coordinator_id,
            status=status,
            missing=missing,
            cursor=paging.decode(cursor, KEYSET),
            limit=limit,
            subject=grant.only_subject,
            person=grant.only_person,
            unit=grant.only_unit,
        )
    return _page(result, PlanSummaryOut, lambda row: grant.view.show(_labelled(row)))


class Worklist:
    """A worklist request: who asks (which decides the scope), read-your-writes, one page."""

    def __init__(
        self,
        actor: CurrentActor,
        plans: PlansDep,
        reads: ReadsDep,
        fresh: Fresh,
        cursor: Cursor = None,
        limit: Limit = 50,
    ) -> None:
        self.actor, self.plans, self.reads, self.fresh = actor, plans, reads, fresh
        self.cursor, self.limit = cursor, limit

    def __call__(self, query: Callable[..., q.Listing], schema: type[Out], *args: Any) -> Page[Out]:
        grant = _grant(self.plans, self.actor)
        self.fresh.ensure(self.reads, "plans")
        with self.reads.connection() as conn:
            listing = self._listing(conn, grant, query, *args)
            result = listing.page(conn, paging.decode(self.cursor, KEYSET), self.limit)
        return _page(result, schema, grant.view.show)

    def counts(
        self, lists: dict[str, tuple[Callable[..., q.Listing], tuple[Any, ...]]]
    ) -> dict[str, int]:
        """How many entries each list (its listing and arguments) has for this actor, in the
        same scope as its pages: one access decision and one connection for all of them."""
        grant = _grant(self.plans, self.actor)
        self.fresh.ensure(self.reads, "plans")
        with self.reads.connection() as conn:
            return {
                name: self._listing(conn, grant, query, *args).count(conn)
                for name, (query, args) in lists.items()
            }

    def _listing(
        self, conn: Any, grant: Grant, query: Callable[..., q.Listing], *args: Any
    ) -> q.Listing:
        return query(
            conn,
            self.actor.municipality,
            _today(),
            *args,
            coordinator_id=grant.only_coordinator,
            unit=grant.only_unit,
        )


WorklistDep = Annotated[Worklist, Depends(Worklist)]


@router.get(
    tags=["worklists"],
    path="/worklists/without-coordinator",
    operation_id="listPlansWithoutCoordinator",
    summary="Open plans with no coordinator",
)
def without_coordinator(worklist: WorklistDep) -> Page[WaitingPlanOut]:
    """Longest waiting first; days counted from the decision (or the request)."""
    return worklist(q.without_coordinator, WaitingPlanOut)


@router.get(
    tags=["worklists"],
    path="/worklists/overdue-evaluations",
    operation_id="listOverdueEvaluations",
    summary="Open plans past their revision date",
)
def overdue_evaluations(worklist: WorklistDep) -> Page[OverdueEvaluationOut]:
    return worklist(q.overdue_evaluations, OverdueEvaluationOut)


@router.get(
    tags=["worklists"],
    path="/worklists/overdue-measures",
    operation_id="listOverdueMeasures",
    summary="Measures past their due date, not ended",
)
def overdue_measures(worklist: WorklistDep) -> Page[MeasureItemOut]:
    return worklist(q.overdue_measures, MeasureItemOut)


@router.get(
    tags=["worklists"],
    path="/worklists/dormant-plans",
    operation_id="listDormantPlans",
    summary="Open plans with no activity for `days` days",
)
def dormant_plans(
    worklist: WorklistDep, days: Annotated[int, Query(ge=1, le=3650)] = 180
) -> Page[DormantPlanOut]:
    return worklist(q.dormant, DormantPlanOut, days)


@router.get(
    tags=["worklists"],
    path="/worklists/measures-without-decision",
    operation_id="listMeasuresWithoutDecision",
    summary="Measures applied for, undecided",
)
def measures_without_decision(worklist: WorklistDep) -> Page[MeasureItemOut]:
    return worklist(q.measures_without_decision, MeasureItemOut)


@router.get(
    tags=["worklists"],
    path="/worklists/caseload",
    operation_id="getCaseload",
    summary="Open plans per coordinator",
)
def caseload(
    actor: CurrentActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> list[CaseloadOut]:
    grant = _grant(plans, actor)
    fresh.ensure(reads, "plans")
    with reads.connection() as conn:
        rows = q.caseload(conn, actor.municipality, grant.only_coordinator, grant.only_unit)
    return [CaseloadOut.model_validate(grant.view.show(row)) for row in rows]
