"""Nynorsk in a browser: a coordinator picks Nynorsk in the footer and the plan page, a form and
its refusal are in nynorsk (axe-clean, `lang="nn"`); picking Bokmål brings bokmål back."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.test_plan_page import coordinator, open_plan

Check = Callable[[Page, str], None]


def test_a_coordinator_chooses_nynorsk_and_the_plan_and_its_forms_follow(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")
    expect(page.get_by_role("heading", name="Koordinator og deltakere")).to_be_visible()

    page.get_by_role("link", name="Nynorsk").click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan for Per Prøve")
    expect(page.get_by_role("heading", name="Koordinator og deltakarar")).to_be_visible()
    expect(page.get_by_role("heading", name="Kva er viktig for brukaren")).to_be_visible()
    expect(page.get_by_text("Ingen møte enno.")).to_be_visible()
    check_a11y(page, "plan-nynorsk")
    screenshot(page, "plan-nynorsk")

    page.get_by_role("link", name="Set planen i bero").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set planen i bero")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text("Det er noko som må rettast")
    expect(page.get_by_text("Skriv ei grunngiving.").first).to_be_visible()
    check_a11y(page, "plan-form-refused-nynorsk")
    screenshot(page, "plan-form-refused-nynorsk")

    page.get_by_role("link", name="Bokmål").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sett planen i bero")
