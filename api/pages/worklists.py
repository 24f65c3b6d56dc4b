"""Worklists in the browser: the same read models and access rule as `GET /worklists/…` (the
API's route functions are called as they are), one table per list, stacked cards on a phone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from adapters.readmodels import plans_queries as q
from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_, gettext
from api.pages.common import PageActor, page_router, render
from api.routes import overview
from domain.values import Role

router = page_router()


@dataclass(frozen=True)
class Column:
    label: str  # a catalogue id (`N_`), like the page's title and intro
    key: str
    kind: str = "text"  # text | date | time | days | plan


@dataclass(frozen=True)
class WorklistPage:
    title: str
    intro: str
    read: Callable[[overview.Worklist], Any]
    columns: tuple[Column, ...]
    listing: Callable[..., q.Listing]  # the same list, to count (not capped at a page)
    args: tuple[Any, ...] = ()


USER = Column(N_("Bruker"), "subject_name", "plan")
COORDINATOR = Column(N_("Koordinator"), "coordinator_name")
MEASURE = (
    USER,
    Column(N_("Tiltak"), "title"),
    Column(N_("Ansvarlig tjeneste"), "responsible_service"),
)
DORMANT_DAYS = 180  # the page's dormant list (its intro says 180 days)
LISTS: dict[str, WorklistPage] = {
    "uten-koordinator": WorklistPage(
        N_("Planer uten koordinator"),
        N_("Åpne planer der ingen er oppnevnt som koordinator. Lengst ventetid først."),
        overview.without_coordinator,
        (USER, Column(N_("Enhet"), "unit_name"), Column(N_("Mottatt"), "received_at", "date"),
         Column(N_("Dager uten koordinator"), "days_waiting", "days")),
        q.without_coordinator,
    ),
    "evaluering-forfalt": WorklistPage(
        N_("Evaluering på overtid"),
        N_("Åpne planer der datoen for neste revisjon er passert."),
        overview.overdue_evaluations,
        (USER, COORDINATOR, Column(N_("Skulle vært revidert"), "next_revision_on", "date"),
         Column(N_("Dager på overtid"), "days_overdue", "days")),
        q.overdue_evaluations,
    ),
    "tiltak-forfalt": WorklistPage(
        N_("Tiltak på overtid"),
        N_("Tiltak som ikke er avsluttet, der fristen er passert."),
        overview.overdue_measures,
        (*MEASURE, Column(N_("Frist"), "due_date", "date"),
         Column(N_("Dager på overtid"), "days_overdue", "days")),
        q.overdue_measures,
    ),
    "uten-aktivitet": WorklistPage(
        N_("Planer uten aktivitet"),
        N_("Åpne planer der ingenting er registrert på 180 dager."),
        lambda worklist: overview.dormant_plans(worklist, DORMANT_DAYS),
        (USER, COORDINATOR, Column(N_("Sist aktivitet"), "last_activity_at", "date"),
         Column(N_("Dager uten aktivitet"), "days_dormant", "days")),
        q.dormant,
        (DORMANT_DAYS,),
    ),
    "tiltak-uten-vedtak": WorklistPage(
        N_("Tiltak som venter på vedtak"),
        N_("Tiltak det er søkt om, men som ikke er avgjort ennå."),
        overview.measures_without_decision,
        (*MEASURE, Column(N_("Dager siden søknad"), "days_waiting", "days")),
        q.measures_without_decision,
    ),
}  # fmt: skip


def counted(worklist: overview.Worklist) -> dict[str, int]:
    """How many entries each list has (its whole length, in the list's own scope)."""
    return worklist.counts({slug: (page.listing, page.args) for slug, page in LISTS.items()})


@router.get("/arbeidslister", response_class=HTMLResponse)
def worklists(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh
) -> HTMLResponse:
    counts = counted(overview.Worklist(actor, plans, reads, fresh))
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
        return render(
            request, "pages/error.html", {k: gettext(v) for k, v in NOT_FOUND.items()}, 404
        )
    result = page.read(overview.Worklist(actor, plans, reads, fresh, cursor=cursor, limit=50))
    context = {"slug": slug, "list": page, "rows": result.items, "next_cursor": result.next_cursor}
    return render(request, "pages/worklist.html", context)


NOT_FOUND = {"title": N_("Fant ikke arbeidslisten"), "text": N_("Velg en av arbeidslistene.")}
