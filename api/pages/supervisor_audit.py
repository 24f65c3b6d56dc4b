"""The supervisor's audit (Statsforvalteren, Helsetilsynet): a purpose (a case reference) stated
once per session, kept in the server-side session (`adapters/sessions.py`), then the audit trail
searched by actor, plan, unit, event type and period, and exported (CSV, JSON Lines, streamed).

Every search calls the route functions of `GET /audit-trail` and `/audit-trail/export` with the
session's purpose, so the policy decides (no purpose: refused, `purpose-required`) and the read log
records each search with that purpose. A refusal for want of a purpose shows the purpose form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Annotated, Any, TypeVar
from uuid import UUID

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import Fresh, PlansDep, ReadsDep
from api.history_schemas import AuditQuery
from api.i18n import N_
from api.pages import history
from api.pages.common import (
    SESSION_COOKIE,
    CsrfForm,
    PageActor,
    local_path,
    page_router,
    render,
    see_other,
    sessions,
)
from api.routes.history import ExportFormat, audit_trail, export_audit_trail
from application.commands.base import CONTROL_IN_LINE
from application.errors import AccessDeniedError
from domain.plan import OSLO
from projections.history import LABELS

router = page_router()
PAGE_SIZE = 50
T = TypeVar("T")


def purpose_of(request: Request) -> str | None:
    """The purpose stated in this session (the page's actor dependency has found the session)."""
    session = getattr(request.state, "page_session", None)
    return session.purpose if session else None


def purpose_form(request: Request, status: int = 403, error: str = "") -> HTMLResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context = {"next": target, "error": error, "purpose": ""}
    return render(request, "pages/supervisor_purpose.html", context, status)


def with_purpose(request: Request, read: Callable[[str | None], T]) -> T | HTMLResponse:
    """Run `read` with the session's purpose; if the policy wants one, ask for it."""
    try:
        return read(purpose_of(request))
    except AccessDeniedError as refused:
        if refused.rule != "purpose-required":
            raise
        return purpose_form(request)


@router.post("/tilsyn/formal", response_class=HTMLResponse)
def state_purpose(request: Request, actor: PageActor, form: CsrfForm) -> Response:
    purpose = str(form.get("formal") or "").strip()
    target = local_path(str(form.get("neste") or "/tilsyn"))
    if not purpose or len(purpose) > 200 or CONTROL_IN_LINE.search(purpose):
        error = N_("Skriv saksnummeret eller formålet, høyst 200 tegn.")
        return purpose_form(request, 422, error)
    sessions(request).state_purpose(request.cookies[SESSION_COOKIE], purpose)
    return see_other(target)


@dataclass
class AuditSearch:
    """The search form as typed, the API's filter built from it, and what was wrong."""

    typed: dict[str, str]
    query: AuditQuery
    errors: dict[str, str] = field(default_factory=dict)


def audit_search(
    aktor: Annotated[str, Query(max_length=100)] = "",
    plan: Annotated[str, Query(max_length=40)] = "",
    enhet: Annotated[str, Query(max_length=100)] = "",
    hendelse: Annotated[str, Query(max_length=60)] = "",
    fra: Annotated[str, Query(max_length=20)] = "",
    til: Annotated[str, Query(max_length=20)] = "",
    kommune: Annotated[str, Query(max_length=4)] = "",
) -> AuditSearch:
    typed = {"aktor": aktor, "plan": plan, "enhet": enhet, "hendelse": hendelse, "fra": fra,
             "til": til, "kommune": kommune}  # fmt: skip
    errors: dict[str, str] = {}
    plan_id = _uuid(plan, errors)
    start, end = _day(fra, "fra", errors), _day(til, "til", errors)
    if hendelse and hendelse not in LABELS:
        errors["hendelse"] = N_("Velg en hendelse fra listen.")
    if kommune and not (kommune.isdigit() and len(kommune) == 4):
        errors["kommune"] = N_("Kommunenummeret har fire sifre.")
    query = AuditQuery(
        actor_id=aktor or None, plan_id=plan_id, unit_id=enhet or None,
        event_type=[hendelse] if hendelse in LABELS else None,
        recorded_from=_start(start), recorded_to=_start(end, 1),
        municipality=kommune if "kommune" not in errors and kommune else None,
    )  # fmt: skip
    return AuditSearch(typed, query, errors)


def _uuid(typed: str, errors: dict[str, str]) -> UUID | None:
    try:
        return UUID(typed) if typed else None
    except ValueError:
        errors["plan"] = N_(
            "Planens id er en UUID, for eksempel 3f0c0a52-8d36-4a8e-9b0e-6a3f1d7b8a10."
        )
        return None


def _day(typed: str, name: str, errors: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(typed) if typed else None
    except ValueError:
        errors[name] = N_("Skriv en gyldig dato, for eksempel 31.12.2025.")
        return None


def _start(day: date | None, plus: int = 0) -> datetime | None:
    """The start of `day` (+ `plus` days) in Oslo: a period of whole days, ends included."""
    if day is None:
        return None
    return datetime.combine(date.fromordinal(day.toordinal() + plus), time(), OSLO)


SearchDep = Annotated[AuditSearch, Depends(audit_search)]


@router.get("/tilsyn", response_class=HTMLResponse)
def audit_page(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh,
    search: SearchDep, side: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:  # fmt: skip
    if search.errors:
        return _shown(request, search, None, 422)

    def read(purpose: str | None) -> Any:
        return audit_trail(actor, reads, fresh, search.query, plans, side, PAGE_SIZE, purpose)

    found = with_purpose(request, read)
    if isinstance(found, HTMLResponse):
        return found
    return _shown(request, search, found, 200, first_page=side is None)


def _shown(
    request: Request, search: AuditSearch, found: Any, status: int, first_page: bool = True
) -> HTMLResponse:
    query = {k: v for k, v in search.typed.items() if v}
    context = {
        "typed": search.typed,
        "errors": search.errors,
        "purpose": purpose_of(request),
        "labels": sorted(LABELS.items(), key=lambda item: item[1]),
        "entries": [history.entry(i) | {"plan_id": i.plan_id} for i in found.items]
        if found
        else [],
        "next_page": found.next_cursor if found else None,
        "query": query,
        "first_page": first_page,
    }
    return render(request, "pages/supervisor_audit.html", context, status)


@router.get("/tilsyn/eksport", response_model=None)
def audit_export(
    request: Request, actor: PageActor, plans: PlansDep, reads: ReadsDep, fresh: Fresh,
    search: SearchDep, kind: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
) -> Response:  # fmt: skip
    if search.errors:
        return _shown(request, search, None, 422)
    return with_purpose(
        request,
        lambda purpose: export_audit_trail(actor, reads, fresh, search.query, plans, kind, purpose),
    )
