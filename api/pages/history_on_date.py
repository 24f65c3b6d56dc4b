"""The plan on a date, both ways: as recorded by the end of the date, and as effective on the
date with corrections recorded later, with the differences marked. The same code as
`GET /plans/{id}/on-date`; without a date the page only asks for one (and reads nothing)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from api.complaint_schemas import PlanOnDateOut
from api.deps import PlansDep
from api.i18n import N_, gettext
from api.pages import history_words, plan_text
from api.pages.common import PageActor, page_router, render
from api.routes.complaints import plan_on_date
from api.schemas import PlanOut

router = page_router()
PARTS = {
    "goals": N_("Mål"),
    "measures": N_("Tiltak"),
    "consents": N_("Samtykke"),
    "participants": N_("Deltaker"),
    "coordinator": N_("Koordinator"),
    "deputy": N_("Stedfortreder"),
    "meetings": N_("Møte"),
    "evaluations": N_("Evaluering"),
    "versions": N_("Versjon"),
    "period": N_("Planperiode"),
    "decision": N_("Vedtak"),
    "mappings": N_("Kartlegging"),
    "resources": N_("Ressurs"),
    "needs": N_("Behov"),
    "cooperation": N_("Samarbeid"),
    "informed_at": N_("Informert"),
    "status": N_("Status"),
    "next_revision_on": N_("Neste revisjon"),
    "last_activity_at": N_("Siste aktivitet"),
}


@router.get("/planer/{plan_id}/pa-dato", response_class=HTMLResponse)
def on_date_page(
    request: Request,
    plan_id: UUID,
    plans: PlansDep,
    actor: PageActor,
    dato: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    context: dict[str, Any] = {"plan_id": plan_id, "dato": dato or "", "error": None}
    if not dato:
        return render(request, "pages/on_date.html", context)
    try:
        day = date.fromisoformat(dato)
    except ValueError:
        context["error"] = gettext("Skriv en gyldig dato, for eksempel 31.12.2025.")
        return render(request, "pages/on_date.html", context, 422)
    view = plan_on_date(plan_id, plans, actor, day, None, None)
    return render(request, "pages/on_date.html", context | shown(view))


def shown(view: PlanOnDateOut) -> dict[str, Any]:
    names = _names(view.as_recorded) | _names(view.as_effective)
    differences = [
        {
            "what": label(d.path, names),
            "recorded": _value(d.as_recorded, d.path),
            "effective": _value(d.as_effective, d.path),
        }
        for d in view.differences
    ]
    return {
        "day": view.date,
        "recorded": view.as_recorded,
        "effective": view.as_effective,
        "differences": differences,
        "differing": {part.strip("[]") for d in view.differences for part in d.path.split(".")},
        "not_applied": len(view.not_applied),
        "t": plan_text,
        "goal_texts": names,
        "participant_names": names,
    }


def label(path: str, names: dict[str, str]) -> str:
    """«goals.[4f0c…].text» → «Mål «Gå tur hver dag», tekst»."""
    parts = path.split(".")
    part = PARTS.get(parts[0])
    words = [gettext(part) if part else history_words.field_text(parts[0])]
    for part in parts[1:]:
        if part.startswith("["):
            key = part.strip("[]")
            words[-1] += f" «{names[key]}»" if key in names else ""
        else:
            words.append(history_words.field_text(part))
    return ", ".join(words)


def _value(value: Any, path: str) -> str:
    if value is None:
        return gettext("Ikke registrert")
    return plan_text.value_text(value, path.rsplit(".", 1)[-1])


def _names(plan: PlanOut | None) -> dict[str, str]:
    if plan is None:
        return {}
    return (
        {g.goal_id: g.text for g in plan.goals}
        | {m.measure_id: m.title for m in plan.measures}
        | {p.participant_id: p.name for p in plan.participants}
    )
