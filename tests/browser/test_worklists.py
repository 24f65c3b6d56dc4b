"""Worklists in the browser: the same read models and access rule as `GET /worklists/…`,
names hidden from a unit leader, and a page that waits for a write it was sent after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import uuid4

from playwright.sync_api import Page, expect

from api.demo import COORDINATOR, KE
from application import commands as c
from application.service import WriteOptions
from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]


def _column(page: Page, label: str) -> list[str]:
    return page.locator(f"td[data-label='{label}']").all_inner_texts()


def test_each_worklist_of_a_coordinator_shows_their_cases(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "k-100", next_path="/arbeidslister")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidslister")
    check_a11y(page, "worklists")
    screenshot(page, "worklists")
    expected = {
        "evaluering-forfalt": ("Bruker", {"Jonas Haugen"}),
        "tiltak-forfalt": ("Tiltak", {"Ergoterapi: tilpasset kjøkken"}),
        "tiltak-uten-vedtak": ("Tiltak", {"Støttekontakt"}),
        "uten-aktivitet": ("Bruker", {"Jonas Haugen", "Tor Aas"}),
    }
    for slug, (column, values) in expected.items():
        page.goto(f"{server.url}/arbeidslister/{slug}")
        assert set(_column(page, column)) >= values, slug
        check_a11y(page, f"worklist {slug}")
        screenshot(page, f"worklist-{slug}")
    page.goto(f"{server.url}/arbeidslister/uten-koordinator")
    expect(page.get_by_text("Ingen saker på denne listen.")).to_be_visible()


def test_the_coordinating_unit_sees_plans_without_a_coordinator_and_the_caseload(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "ke-1", next_path="/arbeidslister")
    caseload = page.locator("table", has_text="Åpne planer")
    expect(caseload).to_contain_text("Kari Koordinator")
    expect(caseload).to_contain_text("Ola Ansatt")
    page.get_by_role("link", name="Planer uten koordinator").click()
    assert {"Ingrid Lie", "Maja Solberg"} <= set(_column(page, "Bruker"))
    check_a11y(page, "without coordinator")
    screenshot(page, "worklist-uten-koordinator")
    page.get_by_role("link", name="Ingrid Lie").click()
    expect(page).to_have_url(f"{server.url}/planer/*".replace("*", page.url.split("/")[-1]))


def test_a_unit_leader_sees_the_worklists_without_names(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check
) -> None:
    login_as(page, "l-1", next_path="/arbeidslister/evaluering-forfalt")
    users = _column(page, "Bruker")
    assert users and set(users) == {"Skjult"}
    expect(page.get_by_text("Jonas Haugen")).to_have_count(0)
    check_a11y(page, "worklist as unit leader")


def test_a_page_opened_after_a_write_waits_for_the_read_model_to_have_it(
    page: Page, login_as: LoginAs, server: Server
) -> None:
    subject = {"name": "Rita Ny", "person_id": f"p-{uuid4().hex[:8]}"}
    opening = c.OpenPlan(municipality="5001", responsible_unit=KE, source="user", subject=subject)
    plan_id = server.planspor.open_plan(COORDINATOR, opening, WriteOptions()).plan_id
    consent = c.GiveConsent(scope="plan", given_by="user")
    server.planspor.execute(plan_id, COORDINATOR, consent, WriteOptions())
    measure = {"title": "Trygghetsalarm", "responsible_service": "Hjemmetjenesten",
               "due_date": date.today() - timedelta(days=3)}  # fmt: skip
    result = server.planspor.execute(
        plan_id, COORDINATOR, c.AddMeasure(measure=measure), WriteOptions()
    )
    login_as(
        page, "ke-1", next_path=f"/arbeidslister/tiltak-forfalt?min_position={result.position}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiltak på overtid")
    assert "Trygghetsalarm" in _column(page, "Tiltak")


def test_an_unknown_worklist_is_a_page_not_found(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check
) -> None:
    login_as(page, "k-100")
    response = page.goto(f"{server.url}/arbeidslister/finnes-ikke")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke arbeidslisten")
    check_a11y(page, "not found")
