"""Meeting invitations in a real browser: the coordinator invites a participant from the plan
page (a refused form first: the rule by each field), the participant's «Deltaker» page shows the
invitation and they answer it, and the coordinator sees the answer. axe-core and screenshots
(360 px and desktop) at each state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from application import commands as c
from application.service import WriteOptions
from tests.browser.conftest import LoginAs, Server
from tests.browser.own_part import own_plan
from tests.browser.test_plan_page import UNIT_ACTOR, coordinator

Check = Callable[[Page, str], None]


def test_a_coordinator_invites_a_participant_who_answers_on_their_own_page(
    server: Server, page: Page, new_page: Callable[..., Page], login_as: LoginAs,
    check_a11y: Check, screenshot: Check,
) -> None:  # fmt: skip
    plan = own_plan(server)
    who = coordinator()
    appoint = c.AppointCoordinator(coordinator={"person_id": who.person_id, "name": who.name})
    server.planspor.execute(plan.plan_id, UNIT_ACTOR, appoint, WriteOptions())
    login_as(page, who, f"/planer/{plan.plan_id}")
    meetings = page.get_by_role("region", name="Møter")
    expect(meetings).to_contain_text("Ingen innkallinger.")

    meetings.get_by_role("link", name="Kall inn til møte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kall inn til møte")
    page.get_by_role("button", name="Send innkallingen").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Sted")).to_have_accessible_description("Feil: Fyll ut feltet.")
    invitees = page.get_by_role("group", name="Hvem kalles inn")
    expect(invitees).to_contain_text("Velg minst én.")
    check_a11y(page, "invitation refused")
    screenshot(page, "invitation-refused")

    meets_on = date.today() + timedelta(days=14)
    page.get_by_label("Dato for møtet").fill(meets_on.isoformat())
    page.get_by_label("Sted").fill("Helsehuset, rom 2")
    page.get_by_label("Dagsorden").fill("Sårstell og trening")
    invitees.get_by_label(plan.nurse.name, exact=False).check()
    check_a11y(page, "invitation form")
    screenshot(page, "invitation-form")
    page.get_by_role("button", name="Send innkallingen").click()
    expect(page.get_by_role("status")).to_have_text("Innkallingen er sendt.")
    invitation = page.get_by_role("article", name="Innkalling til møte")
    expect(invitation).to_contain_text("Helsehuset, rom 2")
    expect(invitation).to_contain_text(f"{plan.nurse.name}: har ikke svart")

    nurse = new_page()
    login_as(nurse, plan.nurse, f"/deltaker/{plan.plan_id}")
    invited = nurse.get_by_role("region", name="Innkallinger til møter")
    expect(invited).to_contain_text("Helsehuset, rom 2")
    expect(invited).to_contain_text("Sårstell og trening")
    invited.get_by_label("Jeg kommer", exact=True).check()
    invited.get_by_label("Kommentar (frivillig)").fill("Kommer etter morgenrunden")
    invited.get_by_role("button", name="Send svaret").click()
    expect(nurse.get_by_role("status")).to_contain_text("Svaret ditt er sendt.")
    expect(nurse.get_by_role("region", name="Innkallinger til møter")).to_contain_text(
        "Du har svart: Jeg kommer"
    )
    check_a11y(nurse, "participant invitation answered")
    screenshot(nurse, "participant-invitation-answered")

    page.reload()
    invitation = page.get_by_role("article", name="Innkalling til møte")
    expect(invitation).to_contain_text(f"{plan.nurse.name}: kommer («Kommer etter morgenrunden»)")
    check_a11y(page, "invitation answered")
    screenshot(page, "invitation-answered")
