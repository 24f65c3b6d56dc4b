"""Login through the real OIDC flow, the session cookie, logout, idle expiry, CSRF refusal,
assurance binding and the development picker."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from playwright.sync_api import Page, expect

from api.demo_people import BY_ID
from tests.browser.conftest import LoginAs, Server, authorize_at_provider

Check = Callable[[Page, str], None]


def test_a_coordinator_logs_in_with_the_identity_provider_and_lands_on_my_plans(
    page: Page, server: Server, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    page.goto(f"{server.url}/")
    expect(page).to_have_url(f"{server.url}/login?next=%2F")
    check_a11y(page, "login")
    screenshot(page, "login")
    login_as(page, "k-100")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine planer")
    expect(page.locator(".site-header")).to_contain_text("Innlogget som Kari Koordinator")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert set(cookies) == {"planspor_sesjon"}, "the browser holds only the session cookie"
    session = cookies["planspor_sesjon"]
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Lax"
    assert "." not in session["value"], "the cookie is an opaque id, not a token"


def test_the_session_is_stored_hashed_and_bound_to_the_logins_assurance_level(
    page: Page, server: Server, login_as: LoginAs
) -> None:
    login_as(page, "k-100", acr="idporten-loa-high")
    raw = next(c["value"] for c in page.context.cookies() if c["name"] == "planspor_sesjon")
    rows = _sessions(server, "SELECT id_hash, acr, claims->>'sub' AS sub FROM web_sessions")
    mine = [row for row in rows if row[2] == "k-100" and row[1] == "idporten-loa-high"]
    assert mine, "the session carries the acr the provider asserted"
    assert all(raw not in str(row[0]) for row in rows), "the raw session id is never stored"


def test_a_login_with_an_unknown_assurance_level_is_refused_and_starts_no_session(
    page: Page, server: Server, login_as: LoginAs
) -> None:
    page.goto(f"{server.url}/login")
    before = _count_sessions(server)
    claims = {"name": "X", "role": "coordinator", "municipality": "5001", "acr": "other"}
    server.provider.set_claims("k-999", claims)
    authorize_at_provider(page, "k-999")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innloggingen ble avvist")
    assert _count_sessions(server) == before


def test_logout_ends_the_session_on_the_server(
    page: Page,
    server: Server,
    login_as: LoginAs,
    new_page: Callable[..., Page],
    check_a11y: Check,
    screenshot: Check,
) -> None:
    login_as(page, "k-100")
    cookie = next(c for c in page.context.cookies() if c["name"] == "planspor_sesjon")
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ut")
    check_a11y(page, "logged out")
    screenshot(page, "logged-out")
    assert page.context.cookies() == []
    replay = new_page()
    replay.context.add_cookies(
        [{"name": cookie["name"], "value": cookie["value"], "url": server.url}]
    )  # the old cookie, replayed: no longer a session
    replay.goto(f"{server.url}/arbeidslister")
    expect(replay).to_have_url(f"{server.url}/login?next=%2Farbeidslister")


def test_an_idle_session_expires_and_the_login_brings_you_back(
    page: Page, server: Server, login_as: LoginAs
) -> None:
    login_as(page, "k-100")
    idle = server.settings.session_idle_minutes + 1
    _sessions(server, "UPDATE web_sessions SET last_seen_at = now() - make_interval(mins => %s) "
                      "WHERE claims->>'sub' = 'k-100'", idle)  # fmt: skip
    page.goto(f"{server.url}/arbeidslister/evaluering-forfalt")
    expect(page).to_have_url(f"{server.url}/login?next=%2Farbeidslister%2Fevaluering-forfalt")
    authorize_at_provider(page, "k-100")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluering på overtid")
    stale = (
        "SELECT count(*) FROM web_sessions WHERE last_seen_at <= now() - make_interval(mins => %s)"
    )
    assert _sessions(server, stale, idle - 1) == [(0,)], "a login removes idle sessions"


def test_a_form_without_the_sessions_csrf_token_is_refused(
    page: Page, server: Server, login_as: LoginAs, check_a11y: Check
) -> None:
    login_as(page, "k-100")
    page.locator("form[action='/logout'] input[name=csrf_token]").evaluate(
        "input => input.value = 'forged'"
    )
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skjemaet ble avvist")
    check_a11y(page, "csrf refused")
    page.goto(f"{server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine planer")


def test_after_login_only_a_path_on_planspor_is_followed(
    page: Page, server: Server, login_as: LoginAs
) -> None:
    server.provider.set_claims("k-100", BY_ID["k-100"].claims())
    page.goto(f"{server.url}/login?next=//example.org/")
    authorize_at_provider(page, "k-100")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine planer")
    assert page.url == f"{server.url}/"


def test_in_development_the_picker_logs_in_a_demo_person(
    page: Page, server: Server, screenshot: Check
) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Siri Systemkoordinator").check()
    page.get_by_role("button", name="Logg inn", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planer")
    expect(page.locator(".site-header")).to_contain_text("Siri Systemkoordinator")


def _sessions(server: Server, statement: str, *params: object) -> list[tuple[object, ...]]:
    from adapters.database import conninfo  # noqa: PLC0415

    with psycopg.connect(conninfo(server.env), autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _count_sessions(server: Server) -> int:
    return int(str(_sessions(server, "SELECT count(*) FROM web_sessions")[0][0]))
