"""Who has read the plan, in a browser: the coordinating unit sees each read, with who, when,
what and on which basis — the coordinator's own opening of the plan among them."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.test_plan_page import Check, coordinator, open_plan


def test_the_coordinating_unit_sees_who_has_read_the_plan(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")
    page.get_by_role("link", name="Historikk").click()
    page.get_by_role("button", name="Logg ut").click()

    login_as(page, "ke-1", f"/planer/{plan_id}")
    page.get_by_role("link", name="Hvem har lest planen").click()
    read = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=who.name))

    def reading(what: str) -> Locator:
        return read.filter(has=page.get_by_role("definition").get_by_text(what, exact=True))

    expect(reading("Planen").first).to_contain_text("Koordinator for planen")
    expect(reading("Historikken")).to_have_count(1)
    check_a11y(page, "reads")
    screenshot(page, "reads")
