"""A participant in a real browser: sees the plan through their sharing consent, updates the
measure they are responsible for (a refused form first: not delivered needs a reason), and is
refused on another service's measure."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.own_part import own_plan

Check = Callable[[Page, str], None]


def test_a_participant_updates_their_measure_and_not_another_services(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    plan = own_plan(server)
    login_as(page, plan.nurse, "/")
    page.wait_for_url("**/deltaker")
    # the list holds no names (a participant's list view is figures only): the plan's start date
    page.locator(f'a[href="/deltaker/{plan.plan_id}"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Planen til {plan.user.name}")
    expect(page.get_by_role("heading", name="Tiltak du har ansvar for")).to_be_visible()
    check_a11y(page, "participant plan")
    screenshot(page, "participant-plan")

    page.get_by_role("link", name="Oppdater «Sårstell»").click()
    page.get_by_label("Tiltaket ble ikke gitt som avtalt").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_label("Hvorfor? (må fylles ut hvis tiltaket ikke ble gitt)"))\
        .to_have_accessible_description("Feil: Skriv hvorfor.")  # fmt: skip
    check_a11y(page, "participant measure refused")
    screenshot(page, "participant-measure-refused")
    page.get_by_label("Tiltaket er i gang").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_have_text("Lagret. Status for tiltaket er oppdatert.")
    expect(page.locator("li", has_text="Sårstell")).to_contain_text("Status: i gang")

    page.get_by_label("Hva bidrar du med?").fill("Sårstell tre ganger i uka")
    page.get_by_role("button", name="Lagre bidraget").click()
    expect(page.get_by_role("status")).to_have_text("Lagret. Bidraget ditt står i planen.")
    page.get_by_label("Legg til i referatet").fill("Såret gror fint")
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_role("status")).to_have_text("Lagret. Det du skrev står i referatet.")
    check_a11y(page, "participant saved")
    screenshot(page, "participant-saved")

    refused = page.goto(f"{server.url}/deltaker/{plan.plan_id}/tiltak/{plan.other_measure}")
    assert refused is not None and refused.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang")
    check_a11y(page, "participant refused")
