"""The supervisor in the browser: refused and asked for a purpose until one is stated; then the
audit trail searched and exported, a plan's history and the plan on a date, the read log, each
read logged with that purpose."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]


def test_a_supervisor_without_a_purpose_is_asked_for_one_and_then_audits(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "sf-1", next_path="/")
    response = page.goto(f"{server.url}/leselogg")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppgi formål")
    check_a11y(page, "purpose asked")
    screenshot(page, "supervisor-purpose")
    page.get_by_role("button", name="Lagre formålet").click()  # empty: the browser says so
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppgi formål")
    page.get_by_label("Formål (saksnummer)").fill("2026/4711")
    page.get_by_role("button", name="Lagre formålet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leselogg")
    page.get_by_role("link", name="Tilsyn", exact=True).click()
    expect(page.locator(".purpose")).to_contain_text("2026/4711")
    page.get_by_label("Hendelse").select_option(label="Samtykke trukket tilbake")
    page.get_by_role("button", name="Søk").click()
    events = page.locator(".plan-event")
    expect(events.first).to_contain_text("Samtykke trukket tilbake")
    check_a11y(page, "audit trail")
    screenshot(page, "supervisor-audit")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned treffene (JSON Lines)").click()
    lines = download.value.path().read_text().splitlines()
    assert lines and all('"event_type":"ConsentWithdrawn"' in line for line in lines)
    events.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Historikk for planen")
    check_a11y(page, "supervisor history")
    screenshot(page, "supervisor-history")
    page.get_by_label("Se planen slik den var på en dato").fill("2026-11-30")
    page.get_by_role("button", name="Vis planen på datoen").click()
    expect(page.get_by_role("heading", name="Planen 30.11.2026")).to_be_visible()
    check_a11y(page, "supervisor on date")
    page.get_by_role("link", name="Leselogg").click()
    page.get_by_label("Person (id)").fill("sf-1")
    page.get_by_role("button", name="Søk").click()
    purposes = page.locator("td[data-label='Formål']").all_inner_texts()
    for _ in range(50):  # the read log's read model follows the log a moment behind
        if purposes:
            break
        page.reload()
        purposes = page.locator("td[data-label='Formål']").all_inner_texts()
    assert purposes and set(purposes) == {"2026/4711"}
    check_a11y(page, "read log")
    screenshot(page, "supervisor-reads")
