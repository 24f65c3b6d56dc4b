"""Page routes answer in HTML: a refused or failed page is a Norwegian page with the right
status, never problem+json; no session is a redirect to the login (303)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

import structlog
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from adapters.auth import AuthenticationError
from adapters.logging import trace
from adapters.readmodels.reads import NotCaughtUpError, ReadModelNotBuiltError
from api.errors import UNAVAILABLE
from api.i18n import N_, gettext
from application import errors as app_errors
from domain import errors as domain_errors

log = structlog.get_logger("planspor.pages")


class LoginRequiredError(Exception):
    """No live session: the browser is sent to the login, and back here afterwards."""


class CsrfRefusedError(Exception):
    """A form came without this session's CSRF token."""


# (error class, status, heading, explanation: catalogue ids). First match wins.
PAGE_ERRORS: list[tuple[type[Exception], int, str, str]] = [
    (CsrfRefusedError, 403, N_("Skjemaet ble avvist"),
     N_("Skjemaet var utløpt eller kom ikke fra Planspor. Last siden på nytt og prøv igjen.")),
    (app_errors.UnitRequiredError, 403, N_("Du har ikke tilgang"),
     N_("Innloggingen din sier ikke hvilken enhet du leder, så listene over enhetens planer kan "
        "ikke vises. Be den som styrer innloggingen i kommunen om å legge til enheten din.")),
    (app_errors.AccessDeniedError, 403, N_("Du har ikke tilgang"),
     N_("Du har ikke tilgang til dette.")),
    (AuthenticationError, 403, N_("Innloggingen ble avvist"),
     N_("Innloggingen kunne ikke godtas.")),
    (app_errors.PlanNotFoundError, 404, N_("Fant ikke planen"), N_("Planen finnes ikke.")),
    (app_errors.ComplaintNotFoundError, 404, N_("Fant ikke klagen"), N_("Klagen finnes ikke.")),
    (domain_errors.NotFoundInPlan, 404, N_("Fant ikke det du lette etter"),
     N_("Planen har det ikke.")),
    (app_errors.ReadNotLoggedError, 503, N_("Planen kan ikke vises nå"),
     N_("Lesingen kunne ikke logges, og da vises ikke planen. Prøv igjen om litt.")),
    (NotCaughtUpError, 503, N_("Siden er ikke oppdatert ennå"),
     N_("Endringen din er lagret, men oversikten er ikke oppdatert ennå. Last siden på nytt.")),
    (RequestValidationError, 400, N_("Ugyldig adresse"), N_("Adressen har en ugyldig verdi.")),
    (ReadModelNotBuiltError, 503, N_("Siden kan ikke vises ennå"),
     N_("Oversikten bygges opp etter en oppdatering. Prøv igjen om litt.")),
    *((kind, 503, N_("Planspor svarer ikke akkurat nå"),
       N_("Databasen kunne ikke nås. Det du lagret, er enten lagret helt eller ikke i det hele "
          "tatt. Prøv igjen om litt.")) for kind in UNAVAILABLE),
]  # fmt: skip


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def error_page(request: Request, status: int, title: str, text: str) -> Response:
    from api.pages.common import render  # noqa: PLC0415 - common imports this module

    return render(request, "pages/error.html", {"title": title, "text": text}, status)


class PageRoute(APIRoute):
    """The route class of every page router (see `common.page_router`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequiredError:
                return login_redirect(request)
            except HTTPException as error:
                title = gettext("Noe gikk galt")
                return error_page(request, error.status_code, title, str(error.detail))
            except Exception as error:
                return _known_or_internal(request, error)

        return page_handler


def _known_or_internal(request: Request, error: Exception) -> Response:
    if isinstance(error, AuthenticationError):  # the reason never holds a token or a claim
        log.warning("login_refused", reason=error.reason, cause=type(error.__cause__).__name__)
    if isinstance(error, UNAVAILABLE):
        log.warning("database_unavailable", error_type=type(error).__name__)
    for kind, status, title, text in PAGE_ERRORS:
        if isinstance(error, kind):
            return error_page(request, status, gettext(title), gettext(text))
    log.error("page_error", error_type=type(error).__name__, trace=trace(error))
    text = gettext("Feilen er logget. Prøv igjen, eller kontakt brukerstøtte.")
    return error_page(request, 500, gettext("Noe gikk galt"), text)
