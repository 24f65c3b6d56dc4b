"""The user's own plan in a real browser, at phone width: log in, write what matters and a goal
of one's own, disagree with a goal a professional wrote, add one's view to an evaluation,
withdraw a participant's access (and that participant's next page is refused), see who has read
the plan, download it. axe-core and screenshots (360 px and desktop) at each state."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.own_part import own_plan

Check = Callable[[Page, str], None]
PHONE: ViewportSize = {"width": 360, "height": 800}


def saved(page: Page, text: str) -> None:
    expect(page.get_by_role("status")).to_have_text(text)


def test_a_user_writes_their_own_part_and_decides_who_sees_the_plan(
    server: Server, page: Page, new_page: Callable[..., Page], login_as: LoginAs,
    check_a11y: Check, screenshot: Check,
) -> None:  # fmt: skip
    plan = own_plan(server)
    page.set_viewport_size(PHONE)
    login_as(page, plan.user, "/")
    page.wait_for_url("**/min-plan")
    check_a11y(page, "user start")
    screenshot(page, "user-start")
    page.get_by_role("link", name=f"Planen til {plan.user.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min plan")
    check_a11y(page, "user plan")
    screenshot(page, "user-plan")

    page.get_by_role("button", name="Lagre", exact=True).click()  # nothing written yet
    expect(page.get_by_label("Hva er viktig for deg?")).to_have_accessible_description(
        "Skriv med dine egne ord. For eksempel: Jeg vil bo hjemme og gå tur med hunden. "
        "Feil: Skriv noe her før du lagrer."
    )
    check_a11y(page, "user plan refused")
    screenshot(page, "user-plan-refused")
    page.get_by_label("Hva er viktig for deg?").fill("Å klare meg selv hjemme")
    page.get_by_role("button", name="Lagre", exact=True).click()
    saved(page, "Lagret. Det du skrev står nå i planen.")
    expect(page.locator(".own-words").first).to_have_text("Å klare meg selv hjemme")

    page.get_by_label("Skriv et nytt mål").fill("Jeg vil lage middag selv")
    page.get_by_role("button", name="Lagre målet").click()
    saved(page, "Lagret. Målet ditt står nå i planen.")
    mine = page.locator(".goal", has_text="Jeg vil lage middag selv")
    expect(mine).to_contain_text("skrevet av deg · du er enig")

    theirs = page.locator(".goal", has_text="Trene styrke to ganger i uka")
    theirs.get_by_label("Nei, jeg er ikke enig").check()
    theirs.get_by_label("Vil du si noe mer? (frivillig)").fill("Én gang i uka holder")
    theirs.get_by_role("button", name="Send svaret").click()
    saved(page, "Lagret. Svaret ditt står ved målet.")
    theirs = page.locator(".goal", has_text="Trene styrke to ganger i uka")
    expect(theirs).to_contain_text("skrevet av en fagperson · du er ikke enig")
    expect(theirs).to_contain_text("Kommentar: Én gang i uka holder")

    evaluation = page.locator(".evaluation").first
    evaluation.get_by_label("Hva mener du om evalueringen?").fill("Jeg ble ikke spurt")
    evaluation.get_by_label("Nei").check()
    evaluation.get_by_role("button", name="Lagre det du mener").click()
    saved(page, "Lagret. Det du mener står ved evalueringen.")
    expect(page.locator(".evaluation").first).to_contain_text("Ditt syn: Jeg ble ikke spurt")
    check_a11y(page, "user plan saved")
    screenshot(page, "user-plan-saved")

    nurse = new_page()
    login_as(nurse, plan.nurse, f"/deltaker/{plan.plan_id}")
    expect(nurse.get_by_role("heading", level=1)).to_have_text(f"Planen til {plan.user.name}")

    page.get_by_role("button", name=f"Stopp tilgangen for {plan.nurse.name}").click()
    saved(page, "Lagret. Tilgangen er endret med en gang.")
    expect(page.locator(".access")).to_contain_text("Kan ikke se planen.")
    refused = nurse.reload()  # the participant's very next page
    assert refused is not None and refused.status == 403
    expect(nurse.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang")

    page.get_by_role("link", name="Se hvem som har lest planen").click()
    expect(page.get_by_role("heading", name=plan.nurse.name).first).to_be_visible()
    check_a11y(page, "user reads")
    screenshot(page, "user-reads")
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned planen slik den er nå (PDF)").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert download.value.suggested_filename.startswith("individuell-plan-v")


def test_a_user_logged_in_at_a_lower_level_reads_but_is_not_offered_the_forms(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check
) -> None:
    plan = own_plan(server)
    login_as(page, plan.user, f"/min-plan/{plan.plan_id}", acr="idporten-loa-substantial")
    expect(page.get_by_text("For å skrive i den må du logge inn med høyt sikkerhetsnivå"))\
        .to_be_visible()  # fmt: skip
    expect(page.get_by_role("button", name="Lagre målet")).to_have_count(0)
    check_a11y(page, "user plan read only")
