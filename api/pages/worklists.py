"""Worklists in the browser: the same read models and access rule as `GET /worklists/…` (the
API's route functions are called as they are), one table per list, stacked cards on a phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.pages.common import PageActor, page_router, render
from api.routes import overview
from domain.values import Role

router = page_router()


@dataclass(frozen=True)
class Column:
    label: str
    key: str
    kind: str = "text"  # text | date | time | days | plan


@dataclass(frozen=True)
class WorklistPage:
    title: str
    intro: str
    read: Callable[[overview.Worklist], Any]
    columns: tuple[Column, ...]


USER = Column("Bruker", "subject_name", "plan")
COORDINATOR = Column("Koordinator", "coordinator_name")
MEASURE = (USER, Column("Tiltak", "title"), Column("Ansvarlig tjeneste", "responsible_service"))
LISTS: dict[str, WorklistPage] = {
    "uten-koordinator": WorklistPage(
        "Planer uten koordinator",
        "Åpne planer der ingen er oppnevnt som koordinator. Lengst ventetid først.",
        overview.without_coordinator,
        (USER, Column("Enhet", "unit_name"), Column("Mottatt", "received_at", "date"),
         Column("Dager uten koordinator", "days_waiting", "days")),
    ),
    "evaluering-forfalt": WorklistPage(
        "Evaluering på overtid",
        "Åpne planer der datoen for neste revisjon er passert.",
        overview.overdue_evaluations,
        (USER, COORDINATOR, Column("Skulle vært revidert", "next_revision_on", "date"),
         Column("Dager på overtid", "days_overdue", "days")),
    ),
    "tiltak-forfalt": WorklistPage(
        "Tiltak på overtid",
        "Tiltak som ikke er avsluttet, der fristen er passert.",
        overview.overdue_measures,
        (*MEASURE, Column("Frist", "due_date", "date"),
         Column("Dager på overtid", "days_overdue", "days")),
    ),
    "uten-aktivitet": WorklistPage(
        "Planer uten aktivitet",
        "Åpne planer der ingenting er registrert på 180 dager.",
        lambda worklist: overview.dormant_plans(worklist, 180),
        (USER, COORDINATOR, Column("Sist aktivitet", "last_activity_at", "date"),
         Column("Dager uten aktivitet", "days_dormant", "days")),
    ),
    "tiltak-uten-vedtak": WorklistPage(
        "Tiltak som venter på vedtak",
        "Tiltak det er søkt om, men som ikke er avgjort ennå.",
        overview.measures_without_decision,
        (*MEASURE, Column("Dager siden søknad", "days_waiting", "days")),
    ),
}  # fmt: skip


@router.get("/arbeidslister", response_class=HTMLResponse)
def worklists(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> HTMLResponse:
    counts = {
        slug: len(page.read(overview.Worklist(actor, plans, reads, fresh, limit=500)).items)
        for slug, page in LISTS.items()
    }
    caseload = []
    if actor.role in (Role.COORDINATING_UNIT, Role.UNIT_LEADER):
        caseload = overview.caseload(actor, plans, reads, fresh)
    context = {"lists": LISTS, "counts": counts, "caseload": caseload}
    return render(request, "pages/worklists.html", context)


@router.get("/arbeidslister/{slug}", response_class=HTMLResponse)
def worklist(
    request: Request,
    slug: str,
    actor: PageActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    page = LISTS.get(slug)
    if page is None:
        return render(request, "pages/error.html", NOT_FOUND, 404)
    result = page.read(overview.Worklist(actor, plans, reads, fresh, cursor=cursor, limit=50))
    context = {"slug": slug, "list": page, "rows": result.items, "next_cursor": result.next_cursor}
    return render(request, "pages/worklist.html", context)


NOT_FOUND = {"title": "Fant ikke arbeidslisten", "text": "Velg en av arbeidslistene."}
