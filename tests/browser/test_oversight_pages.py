"""Every oversight page in Chromium, beyond each role's main task: the coordinating unit appoints
and then replaces a coordinator from the overview, by keyboard; every page and state (a malformed
date, as known at an instant, a chosen coordinator, the leader's, the supervisor's, the complaint
handler's, a refusal) is axe-clean at 360 px, does not scroll sideways at 360 px or at 200 % zoom,
and loads nothing from another host; a leader whose login names no unit sees the figures and why
the worklists are not there."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from uuid import uuid4

from playwright.sync_api import Page, expect

from api.demo import COORDINATOR, HOME_CARE
from api.demo_people import BY_ID, DemoPerson
from application import commands as c
from application.service import WriteOptions
from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]
# a supervisor of their own, so that their reads and purpose are not Stine Tilsyn's (sf-1)
SUPERVISOR = replace(BY_ID["sf-1"], person_id="sf-8", name="Sigrid Tilsyn")
WIDTHS = (360, 640)  # a phone; 640 CSS px is a 1280 px window at 200 % zoom


def _tab_to(page: Page, text: str) -> None:
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == text:
            expect(page.locator(":focus")).to_be_visible()
            return
    raise AssertionError(f"'{text}' cannot be reached with Tab")


def _caseload_of(page: Page, server: Server, coordinator: str, name: str) -> None:
    """The coordinator's plans, once the read model has the write (it follows a moment behind)."""
    for _ in range(50):
        page.goto(f"{server.url}/oversikt/koordinatorer?koordinator={coordinator}")
        if page.get_by_role("link", name=f"Bytt koordinator \u2013 {name}").count():
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"{name} is not among {coordinator}'s plans")


def test_the_coordinating_unit_appoints_and_replaces_a_coordinator_from_the_overview(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check
) -> None:
    name = f"Tor Venter {uuid4().hex[:4]}"
    subject = {"name": name, "person_id": f"p-{uuid4().hex[:8]}"}
    opening = c.OpenPlan(
        municipality="5001", responsible_unit=HOME_CARE, source="gp", subject=subject
    )
    server.planspor.open_plan(COORDINATOR, opening, WriteOptions())
    first, second = f"k-t{uuid4().hex[:6]}", f"k-t{uuid4().hex[:6]}"
    login_as(page, "ke-1", next_path="/oversikt")
    _tab_to(page, "Koordinatorenes saksmengde \u2013 oppnevn eller bytt koordinator")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinatorenes saksmengde")
    _tab_to(page, f"Oppnevn koordinator \u2013 {name}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppnevn koordinator")
    check_a11y(page, "appoint a coordinator")
    page.get_by_label("Navn", exact=True).fill("Tone Testkoordinator")
    page.get_by_label("Person-id").fill(first)
    page.get_by_label("Person-id").press("Enter")  # the form is sent from the keyboard too
    expect(page.get_by_role("status")).to_contain_text("Koordinatoren er oppnevnt.")
    _caseload_of(page, server, first, name)
    expect(page.get_by_role("link", name=f"Oppnevn koordinator \u2013 {name}")).to_have_count(0)
    page.get_by_role("link", name=f"Bytt koordinator \u2013 {name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bytt koordinator")
    page.get_by_label("Navn", exact=True).fill("Trond Testkoordinator")
    page.get_by_label("Person-id").fill(second)
    page.get_by_label("Hvordan arbeidet er overlevert").fill("Overlevert i møte")
    page.get_by_label("Begrunnelse").fill("Tone har fått ny stilling")  # the rule needs one
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Koordinatoren er byttet.")
    _caseload_of(page, server, second, name)
    expect(page.get_by_role("table", name="Åpne planer per koordinator")).to_contain_text(
        "Trond Testkoordinator"
    )
    page.goto(f"{server.url}/oversikt/koordinatorer?koordinator={first}")
    expect(page.get_by_role("link", name=f"Bytt koordinator \u2013 {name}")).to_have_count(0)


def _fits_and_is_clean(
    page: Page, server: Server, path: str, check_a11y: Check, *, a4: bool = False
) -> None:
    """`a4`: the printed evidence document (the API's, laid out for A4) is checked by axe only."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{server.url}{path}")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        assert a4 or scrolled <= width, f"{path} scrolls sideways at {width} px ({scrolled})"
        if width == 360:
            check_a11y(page, f"{path} at 360 px")


def _first_link(page: Page, server: Server, path: str, selector: str) -> str:
    page.goto(f"{server.url}{path}")
    href = page.locator(selector).first.get_attribute("href")
    assert href, f"no link {selector} on {path}"
    return href


def test_every_oversight_page_fits_is_axe_clean_and_loads_nothing_from_elsewhere(
    new_page: Callable[..., Page], login_as: LoginAs, server: Server, check_a11y: Check
) -> None:
    requested: list[str] = []

    def as_person(person: str | DemoPerson, next_path: str) -> Page:
        page = new_page()
        login_as(page, person, next_path=next_path)  # (the mock provider's own page has a CDN)
        page.on("request", lambda request: requested.append(request.url))
        return page

    subject = {"name": "Rita Refusert", "person_id": f"p-{uuid4().hex[:8]}"}
    opening = c.OpenPlan(
        municipality="5001", responsible_unit=HOME_CARE, source="gp", subject=subject
    )
    plan_id = server.planspor.open_plan(COORDINATOR, opening, WriteOptions()).plan_id
    pages = {
        "ke-1": ["/oversikt", "/oversikt?dato=31.12", "/oversikt?dato=2026-06-30&syn=kjent"
                 "&kjent=2026-07-15T12:00", "/oversikt/planer", "/oversikt/koordinatorer",
                 "/oversikt/koordinatorer?koordinator=k-100", "/oversikt/rapport",
                 "/arbeidslister", "/arbeidslister/uten-koordinator"],
        "l-1": ["/oversikt", "/oversikt/planer?enhet=hjem-ost", "/oversikt/koordinatorer",
                "/arbeidslister", "/arbeidslister/evaluering-forfalt",
                f"/planer/{plan_id}"],  # the leader refused a plan: 403
    }  # fmt: skip
    for person, paths in pages.items():
        page = as_person(person, "/oversikt")
        for path in paths:
            _fits_and_is_clean(page, server, path, check_a11y)
    page = as_person(SUPERVISOR, "/")
    _fits_and_is_clean(page, server, "/tilsyn", check_a11y)  # asked for a purpose: 403
    page.get_by_label("Formål (saksnummer)").fill("2026/4712")
    page.get_by_role("button", name="Lagre formålet").click()
    expect(page.locator(".purpose")).to_contain_text("2026/4712")
    history = f"/tilsyn/planer/{plan_id}/historikk"
    for path in ("/tilsyn", "/tilsyn?plan=ikke-en-id", "/leselogg", history,
                 f"/tilsyn/planer/{plan_id}/pa-dato?dato=2026-11-30"):  # fmt: skip
        _fits_and_is_clean(page, server, path, check_a11y)
    page = as_person("kb-1", "/klager")
    case = _first_link(page, server, "/klager", ".case-card a")
    for path in ("/klager", case, f"{case}/dokumentasjon",
                 "/klager/00000000-0000-4000-8000-000000000000"):  # fmt: skip
        _fits_and_is_clean(page, server, path, check_a11y)
    _fits_and_is_clean(page, server, f"{case}/dokumentasjon/utskrift", check_a11y, a4=True)
    elsewhere = {url for url in requested if not url.startswith(server.url)}
    assert requested and elsewhere == set(), f"loaded from another host: {sorted(elsewhere)}"
    assert any(re.search(r"/static/.+\.css$", url) for url in requested)


def test_a_leader_whose_login_names_no_unit_sees_the_figures_and_why_no_worklists(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "l-1", next_path="/oversikt", unit="")
    expect(page.locator("#no-unit")).to_contain_text("sier ikke hvilken enhet du leder")
    expect(page.locator(".unit-figures__total")).to_be_visible()  # the municipality's figures
    expect(page.get_by_role("link", name="Koordinatorenes saksmengde")).to_have_count(0)
    check_a11y(page, "leader without a unit")
    screenshot(page, "oversight-leader-no-unit")
    response = page.goto(f"{server.url}/arbeidslister")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang")
    expect(page.get_by_text("hvilken enhet du leder")).to_be_visible()
    check_a11y(page, "worklists refused without a unit")
