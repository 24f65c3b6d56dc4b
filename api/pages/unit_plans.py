"""Behind a figure: the plans it counted, each with why it counted or not and the events that
decided it (from `GET /statistics/virksomme-planer/plans`' route function); and the coordinators'
caseloads with the plans waiting for one, where the coordinating unit appoints or replaces a
coordinator through the plan's own forms (`/planer/{id}/skjema/koordinator`, `bytt-koordinator`).
What a row shows is the policy's view; a row links to the plan only for a role the policy lets
read plans (a leader's rows never do)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_
from api.pages.common import PageActor, page_router, render
from api.pages.unit_figures import FiguresDep, QuestionDep
from api.pages.unit_overview import CRITERIA, may_open_plans
from api.routes import overview
from application import access
from domain.values import Role

router = page_router()
PAGE_SIZE = 100


@router.get("/oversikt/planer", response_class=HTMLResponse)
def verdicts_page(
    request: Request,
    actor: PageActor,
    figures: FiguresDep,
    asked: QuestionDep,
    side: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """`side` is the cursor of the page to show."""
    answer = figures.verdicts(asked, side, PAGE_SIZE)
    context = {
        "answer": answer,
        "asked": asked,
        "criteria": CRITERIA,
        "coordinating": may_open_plans(actor),
        "first_page": side is None,
    }
    return render(request, "pages/unit_plans.html", context)


@router.get("/oversikt/koordinatorer", response_class=HTMLResponse)
def coordinators_page(
    request: Request,
    actor: PageActor,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
    koordinator: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    """The caseload; with `koordinator`, that coordinator's plans (to replace them on one)."""
    caseload = overview.caseload(actor, plans, reads, fresh)
    worklist = overview.Worklist(actor, plans, reads, fresh, limit=500)
    waiting = overview.without_coordinator(worklist).items
    theirs = []
    if koordinator:
        listed = overview.list_plans(
            actor, plans, reads, fresh, limit=500, coordinator_id=koordinator
        )
        theirs = listed.items
    appoints = access.Action.COORDINATE in access.PLAN_MATRIX[Role(actor.role)]
    context = {
        "caseload": caseload,
        "waiting": waiting,
        "chosen": koordinator,
        "theirs": theirs,
        "appoints": appoints,
        "coordinating": may_open_plans(actor),
    }
    return render(request, "pages/unit_coordinators.html", context)


# The API's Norwegian labels of the criteria's reasons (api/virksom_schemas.py), in the catalogue
# so that the page shows them in the reader's written standard (`_(reason.label)`).
REASON_TEXTS = (
    N_("Planen er avsluttet"),
    N_("Planen er midlertidig stanset"),
    N_("Søknaden om individuell plan er avslått"),
    N_("Ingen koordinator er oppnevnt"),
    N_("Koordinatoren har trukket seg, og ingen ny er oppnevnt"),
    N_("Samtykke til planen mangler"),
    N_("Samtykket til planen er trukket tilbake"),
    N_("Samtykket til planen er utløpt"),
    N_("Ingen mål eller tiltak er lagt inn"),
    N_("Ingen planaktivitet innenfor aktivitetsvinduet"),
    N_("Ingen evaluering eller revidert versjon innenfor intervallet"),
    N_("Ingen dato for neste revisjon er satt"),
    N_("Neste revisjon er forfalt utover fristen"),
)
