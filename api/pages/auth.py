"""Login and logout. Production: OpenID Connect (code flow with PKCE) against the configured
provider. Development only: also a picker of the demo people, which starts the same kind of
server-side session from the same claims an identity provider would send."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse, Response

from adapters.auth import AuthenticationError, actor_from_claims
from adapters.oidc import AuthorizationRequest, OidcClient
from adapters.sessions import LoginAttempt, new_secret
from adapters.settings import Settings
from api.demo_people import BY_ID, PEOPLE
from api.i18n import N_, gettext
from api.pages.common import (
    SESSION_COOKIE,
    CsrfForm,
    local_path,
    page_router,
    render,
    sessions,
    set_cookie,
)
from api.pages.routing import CsrfRefusedError

LOGIN_COOKIE = "planspor_innlogging"
router = page_router()


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _oidc(request: Request) -> OidcClient | None:
    if not _settings(request).oidc_discovery_url:
        return None
    client: OidcClient | None = getattr(request.app.state, "oidc", None)
    if client is None:
        client = request.app.state.oidc = OidcClient(_settings(request))
    return client


def _redirect_uri(request: Request) -> str:
    return _settings(request).oidc_redirect_uri or str(request.url_for("login_callback"))


@router.get("/login")
def login(request: Request, next: str | None = None) -> Response:
    target = local_path(next)
    if not _settings(request).is_development:
        return RedirectResponse(f"/login/start?next={target}", status_code=303)
    csrf = new_secret()
    attempt = LoginAttempt(state="", nonce="", code_verifier="", csrf_token=csrf, next_url=target)
    raw = sessions(request).begin_login(attempt)
    context = {"people": PEOPLE, "login_csrf": csrf, "next": target, "oidc": _oidc(request)}
    response = render(request, "pages/login.html", context)
    set_cookie(response, request, LOGIN_COOKIE, raw, 900)
    return response


@router.get("/login/start")
def login_start(request: Request, next: str | None = None) -> Response:
    client = _oidc(request)
    if client is None:
        return render(request, "pages/error.html", _error(_NOT_CONFIGURED), 503)
    auth = client.authorization_request(_redirect_uri(request))
    attempt = LoginAttempt(
        state=auth.state, nonce=auth.nonce, code_verifier=auth.code_verifier,
        csrf_token="", next_url=local_path(next),
    )  # fmt: skip
    response = RedirectResponse(auth.url, status_code=303)
    set_cookie(response, request, LOGIN_COOKIE, sessions(request).begin_login(attempt), 900)
    return response


@router.get("/login/callback", name="login_callback")
def login_callback(request: Request, code: str = "", state: str = "") -> Response:
    raw = request.cookies.get(LOGIN_COOKIE, "")
    attempt = sessions(request).take_login(raw) if raw else None
    client = _oidc(request)
    if attempt is None or client is None or not attempt.state:
        raise AuthenticationError("no login in progress")
    if not code or not hmac.compare_digest(state, attempt.state):
        raise AuthenticationError("the login's state does not match")
    request_ = AuthorizationRequest("", attempt.state, attempt.nonce, attempt.code_verifier)
    claims = client.finish(_redirect_uri(request), code, request_)
    return _signed_in(request, claims, attempt.next_url)


@router.post("/login/dev")
def login_dev(
    request: Request,
    person: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()],
) -> Response:
    raw = request.cookies.get(LOGIN_COOKIE, "")
    attempt = sessions(request).take_login(raw) if raw else None
    if not _settings(request).is_development or person not in BY_ID:
        return render(request, "pages/error.html", _error(_NO_SUCH_PERSON), 404)
    if attempt is None or not hmac.compare_digest(csrf_token, attempt.csrf_token):
        raise CsrfRefusedError
    return _signed_in(request, BY_ID[person].claims(), attempt.next_url)


def _signed_in(request: Request, claims: dict[str, object], target: str) -> Response:
    """Bind the session to the verified claims and their assurance level (`acr`)."""
    actor = actor_from_claims(claims)  # refuses claims Planspor cannot act on, before any session
    raw = sessions(request).start(claims, str(actor.assurance))
    response = RedirectResponse(target, status_code=303)
    set_cookie(response, request, SESSION_COOKIE, raw, None)  # idle expiry is kept on the server
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, form: CsrfForm) -> Response:
    sessions(request).end(request.cookies.get(SESSION_COOKIE, ""))
    response = render(request, "pages/logged_out.html", {"actor": None, "nav": []})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


_NOT_CONFIGURED = {
    "title": N_("Innlogging er ikke satt opp"),
    "text": N_("Kontakt systemansvarlig."),
}
_NO_SUCH_PERSON = {"title": N_("Fant ikke personen"), "text": N_("Velg en av personene i listen.")}


def _error(texts: dict[str, str]) -> dict[str, str]:
    return {name: gettext(text) for name, text in texts.items()}
