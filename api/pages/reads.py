"""Who has read the plan (innsyn i logg): from the read log, through the same code as
`GET /plans/{id}/reads` (the same policy: the user, a representative, the coordinating unit,
supervisors), a page at a time."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from api.deps import PlansDep, ReadsDep
from api.i18n import N_, gettext
from api.pages import plan_text
from api.pages.common import PageActor, page_router, render
from api.routes.read_log import ReadOut, plan_reads

router = page_router()
PAGE_SIZE = 50
WHAT = {
    "plan": N_("Planen"),
    "plan as of": N_("Planen slik den var registrert"),
    "plan on date": N_("Planen på en dato"),
    "history": N_("Historikken"),
    "events": N_("Hendelsene"),
    "evidence pack": N_("Dokumentasjon til klagesak"),
    "complaint": N_("Klagen"),
}
BASIS = {
    "user": N_("Brukeren selv"),
    "coordinator": N_("Koordinator for planen"),
    "deputy": N_("Stedfortreder for koordinator"),
    "participant": N_("Deltaker med samtykke til deling"),
    "coordinating unit": N_("Koordinerende enhet"),
    "supervision": N_("Tilsyn"),
    "complaint handling": N_("Klagebehandling"),
    "complaint handling (Statsforvalteren)": N_("Klagebehandling hos Statsforvalteren"),
    "representative": N_("Representant for brukeren"),
}


@router.get("/planer/{plan_id}/lesinger", response_class=HTMLResponse)
def reads_page(
    request: Request,
    plan_id: UUID,
    plans: PlansDep,
    reads: ReadsDep,
    actor: PageActor,
    etter: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """`etter` is the log position the page starts after (from «Neste side»)."""
    page = plan_reads(plan_id, actor, plans, reads, after=etter, limit=PAGE_SIZE)
    context = {
        "plan_id": plan_id,
        "reads": [shown(item) for item in page.items],
        "next_page": page.next_after,
        "first_page": etter == 0,
    }
    return render(request, "pages/reads.html", context)


def shown(item: ReadOut) -> dict[str, Any]:
    basis = item.basis
    if basis.startswith("representative"):
        basis = "representative"
    return {
        "read_at": item.read_at,
        "who": item.actor_name,
        "role": plan_text.word("actor_role", item.actor_role),
        "organisation": item.actor_organisation or item.actor_unit,
        "what": gettext(WHAT[item.what]) if item.what in WHAT else item.what,
        "basis": gettext(BASIS[basis]) if basis in BASIS else basis,
        "purpose": item.purpose,
    }
