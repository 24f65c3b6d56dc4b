"""The coordinating unit's and the unit leader's overview: virksomme planer per unit for a reference
date, with the three criteria and the quality figures beside each count, as effective or as known
at an instant; the last 12 quarter ends as a chart and a table; the worklists' counts; and the
figure for a reporting date as a document to send on.

Figures come from `GET /statistics/virksomme-planer`'s route functions (`unit_figures`), worklists
from `GET /worklists/…`'s; what of a row a person sees is the policy's field-level view (a leader:
figures only, no names, no plan content). The leader's page opens on their own unit (the unit
their login's `unit` claim names), with the municipality's total beside it; their worklists are
their unit's alone (the policy's `Grant.only_unit`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.deps import Fresh, PlansDep, ReadsDep
from api.i18n import N_
from api.pages import worklists
from api.pages.common import PageActor, page_router, render
from api.pages.unit_chart import chart
from api.pages.unit_figures import AS_KNOWN, FiguresDep, Question, QuestionDep, quarter_figures
from api.routes import overview
from api.virksom_schemas import VirksomCountsOut
from application import access
from application.errors import UnitRequiredError
from domain.plan import OSLO
from domain.values import Actor, Role

router = page_router()
CRITERIA = {
    "started": N_("Koordinator oppnevnt og planarbeid igangsatt"),
    "in_active_use": N_("I aktiv bruk"),
    "updated": N_("Oppdateres regelmessig"),
}
QUALITY = {
    "consent_in_force": N_("Samtykke til planen gjelder"),
    "goals_by_user": N_("Mål formulert eller bekreftet av brukeren"),
    "goals_by_user_self": N_("Mål brukeren selv har skrevet eller bekreftet"),
    "revisions_on_time": N_("Revisjon i tide"),
    "meetings_with_user": N_("Møter der brukeren var med"),
}


def may_open_plans(actor: Actor) -> bool:
    """Does the policy let this role read a plan's content at all (then rows link to plans)?"""
    return access.Action.READ_CONTENT in access.PLAN_MATRIX[Role(actor.role)]


def own_unit(actor: Actor, answer: VirksomCountsOut) -> str | None:
    """A leader's own unit: the unit named by their login's `unit` claim (the policy's
    `in_unit`, as for their worklists), if it has plans."""
    if actor.role != Role.UNIT_LEADER:
        return None
    found = (g.unit_id for g in answer.units if access.in_unit(actor.unit, g.unit_id, g.unit_name))
    return next(found, None)


def list_counts(worklist: overview.Worklist) -> dict[str, int] | None:
    """How many entries each worklist has; None for a leader whose login names no unit (the
    policy refuses them the lists: `unit-required`; the figures are shown all the same)."""
    try:
        return worklists.counted(worklist)
    except UnitRequiredError:
        return None


def asked_for(actor: Actor, asked: Question, answer: VirksomCountsOut) -> Question:
    """The question with a leader's own unit filled in when they named none."""
    if asked.unit_id is None and (unit := own_unit(actor, answer)):
        return Question(asked.reference_date, asked.known_at, unit, asked.typed, asked.errors)
    return asked


@router.get("/oversikt", response_class=HTMLResponse)
def overview_page(
    request: Request,
    actor: PageActor,
    figures: FiguresDep,
    asked: QuestionDep,
    plans: PlansDep,
    reads: ReadsDep,
    fresh: Fresh,
) -> HTMLResponse:
    everything = figures.on(asked.reference_date, asked.known_at, None)
    asked = asked_for(actor, asked, everything)
    today = datetime.now(OSLO).date()
    quarters = quarter_figures(figures, asked, today)
    shown = [g for g in everything.units if asked.unit_id in (None, g.unit_id)]
    counts = list_counts(overview.Worklist(actor, plans, reads, fresh))
    context = {
        "answer": everything,
        "groups": shown,
        "asked": asked,
        "as_known": AS_KNOWN,
        "criteria": CRITERIA,
        "quality": QUALITY,
        "quarters": quarters,
        "chart": chart(quarters),
        "lists": worklists.LISTS,
        "list_counts": counts,
        "leader": actor.role == Role.UNIT_LEADER,
        "coordinating": may_open_plans(actor),
    }
    status = 422 if asked.errors else 200
    return render(request, "pages/unit_overview.html", context, status)


@router.get("/oversikt/rapport", response_class=HTMLResponse)
def report(
    request: Request, actor: PageActor, figures: FiguresDep, asked: QuestionDep
) -> HTMLResponse:
    """The figure for a reporting date as a document to print or save and send on."""
    answer = figures.counts(asked)
    context: dict[str, Any] = {
        "answer": answer,
        "asked": asked,
        "criteria": CRITERIA,
        "quality": QUALITY,
        "made_at": datetime.now(OSLO),
    }
    return render(request, "pages/unit_report.html", context)
