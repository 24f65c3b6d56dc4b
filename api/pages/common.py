"""What every page uses. The interface the page modules code against:

- `router = page_router()`: an APIRouter for pages (hidden from OpenAPI; errors become Norwegian
  HTML pages, no session becomes a 303 to `/login?next=…`). Every module in `api.pages` with a
  `router` is included by `api.pages.install`.
- `render(request, "pages/x.html", {...}, status_code=200) -> HTMLResponse`: adds `actor`,
  `csrf_token`, `nav` (the signed-in person's menu) and `lang` to the context.
- `actor: PageActor`: the `domain.values.Actor` of the signed-in session (login assurance bound).
- `form: CsrfForm` on every POST route: the submitted form, after its hidden `csrf_token` field
  matched the session's token (else a 403 page). Templates put
  `<input type="hidden" name="csrf_token" value="{{ csrf_token }}">` in each form
  (`_macros.html` has `csrf()`).
- `see_other(url, result)`: the 303 after a write; adds `min_position` so the next page reads
  its own write (the same `Fresh` dependency as the API's read models).
- Templates extend `pages/base.html` (blocks `title`, `main`) and import form macros from
  `pages/_macros.html`; filters `dato` (31.12.2025) and `tid` (Europe/Oslo).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from adapters import configuration
from adapters.auth import actor_from_claims
from adapters.readmodels.reads import ReadStore
from adapters.sessions import SessionStore, WebSession
from api import i18n
from api.i18n import N_
from api.pages.routing import CsrfRefusedError, LoginRequiredError, PageRoute
from api.pages.templating import templates
from application.idempotency import WriteResult
from domain.facts import OSLO
from domain.values import Actor, Role

SESSION_COOKIE = "planspor_sesjon"
# Only Planspor's own assets, no inline script, no framing; forms post only to Planspor.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

# Labels are catalogue ids (`N_`): the template shows them with `_()` in the request's standard.
_COORDINATOR_NAV = [("/", N_("Mine planer")), ("/arbeidslister", N_("Arbeidslister"))]
_OVERVIEW = ("/oversikt", N_("Tall og oversikt"))
_COMPLAINTS = [("/klager", N_("Klager"))]
NAV: dict[str, list[tuple[str, str]]] = {
    Role.COORDINATOR: _COORDINATOR_NAV,
    Role.COORDINATING_UNIT: [
        ("/", N_("Planer")), ("/arbeidslister", N_("Arbeidslister")), _OVERVIEW,
    ],
    Role.UNIT_LEADER: [("/arbeidslister", N_("Arbeidslister")), _OVERVIEW],
    Role.SUPERVISOR: [
        ("/tilsyn", N_("Tilsyn")), ("/leselogg", N_("Leselogg")),
        ("/klager", N_("Klager")),
    ],
    Role.COMPLAINT_HANDLER: _COMPLAINTS,
    Role.STATE_COMPLAINT_HANDLER: _COMPLAINTS,
    Role.USER: [("/min-plan", N_("Min plan"))],
    Role.REPRESENTATIVE: [("/min-plan", N_("Planer jeg er representant i"))],
    Role.SERVICE_PROVIDER: [("/deltaker", N_("Planer jeg er med i"))],
}  # fmt: skip


def page_router() -> APIRouter:
    return APIRouter(include_in_schema=False, route_class=PageRoute)


def sessions(request: Request) -> SessionStore:
    store: SessionStore = request.app.state.sessions
    return store


def page_session(request: Request) -> WebSession:
    """The live session of this browser, or a redirect to the login."""
    raw = request.cookies.get(SESSION_COOKIE)
    session = sessions(request).find(raw) if raw else None
    if session is None:
        raise LoginRequiredError
    request.state.page_session = session
    return session


async def page_actor(
    request: Request, session: Annotated[WebSession, Depends(page_session)]
) -> Actor:
    """The signed-in actor; a person who has not chosen a written standard gets their
    municipality's (async, so the choice reaches the route and its templates: a sync dependency
    runs in a copy of the request's context)."""
    actor = actor_from_claims(session.claims | {"acr": session.acr})
    request.state.actor_id = actor.person_id
    request.state.page_actor = actor
    if i18n.chosen(request) is None:
        i18n.use(await run_in_threadpool(written_standard, request, actor.municipality))
    return actor


def written_standard(request: Request, municipality: str | None) -> i18n.Language:
    """The municipality's own choice in its configuration (versioned, in force today), else the
    deployment's `PLANSPOR_WRITTEN_STANDARDS`, else bokmål. Read at most once a minute."""
    chosen = _configured(request.app.state.reads, municipality, int(time.monotonic() // 60))
    standards = request.app.state.settings.written_standards
    return i18n.parse(chosen) or i18n.of_municipality(standards, municipality)


@lru_cache(maxsize=512)
def _configured(reads: ReadStore, municipality: str | None, minute: int) -> str | None:
    if not municipality:
        return None
    with reads.connection() as conn:
        today = datetime.now(OSLO).date()
        return configuration.written_standard_in_force(conn, municipality, today, datetime.now(UTC))


PageActor = Annotated[Actor, Depends(page_actor)]


async def verify_csrf(
    request: Request, session: Annotated[WebSession, Depends(page_session)]
) -> FormData:
    form = await request.form()
    sent = form.get("csrf_token")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, session.csrf_token):
        raise CsrfRefusedError
    return form


CsrfForm = Annotated[FormData, Depends(verify_csrf)]


def render(
    request: Request,
    template_name: str,
    context: Mapping[str, object],
    status_code: int = 200,
) -> HTMLResponse:
    actor: Actor | None = getattr(request.state, "page_actor", None)
    session: WebSession | None = getattr(request.state, "page_session", None)
    full = {
        "actor": actor,
        "csrf_token": session.csrf_token if session else "",
        "nav": NAV.get(actor.role, []) if actor else [],
        "current_path": request.url.path,
        "lang": i18n.current(),
        "languages": i18n.NAMES,
        **context,
    }
    response = templates.TemplateResponse(request, template_name, full, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


def see_other(url: str, result: WriteResult | None = None) -> RedirectResponse:
    """303 after a write; with the write's log position, so the next page reads it."""
    if result is not None and result.position is not None:
        url += ("&" if "?" in url else "?") + urlencode({"min_position": result.position})
    return RedirectResponse(url, status_code=303)


def local_path(target: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and "\\" not in target else "/"


def set_cookie(
    response: Response, request: Request, name: str, value: str, max_age: int | None
) -> None:
    """A first-party cookie: HttpOnly, SameSite=Lax, Secure outside development."""
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", path="/",
        secure=not request.app.state.settings.is_development,
    )  # fmt: skip
