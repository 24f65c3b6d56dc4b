"""The plan's history as a timeline and the plan on a date, in a browser: the date picker is
a plain GET form, so it works with JavaScript off too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from application import commands as c
from application.service import WriteOptions
from tests.browser.conftest import LoginAs, Server
from tests.browser.test_plan_page import UNIT_ACTOR, Check, coordinator, open_plan


def test_the_history_shows_who_when_why_and_the_plan_on_a_picked_date(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    goal_id = next(iter(server.planspor.get_plan(plan_id, UNIT_ACTOR).goals))
    revise = c.ReviseGoal(
        goal_id=goal_id, text="Gå tur tre ganger i uka", user_agreement="agreed", reason="Ønske"
    )
    server.planspor.execute(plan_id, UNIT_ACTOR, revise, WriteOptions())
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Historikk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Historikk for planen")
    revised = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Mål revidert")
    )
    expect(revised).to_contain_text("Test Enhet (Koordinerende enhet)")
    expect(revised.get_by_role("definition").filter(has_text="Ønske")).to_have_count(1)
    expect(revised.get_by_role("deletion")).to_contain_text("Jeg vil gå tur hver dag")
    expect(revised.get_by_role("insertion")).to_contain_text("Gå tur tre ganger i uka")
    check_a11y(page, "history")
    screenshot(page, "history")

    today = datetime.now(UTC).date()
    page.get_by_label("Se planen slik den var på en dato").fill(today.isoformat())
    page.get_by_role("button", name="Vis planen på datoen").click()
    expect(page.get_by_role("heading", level=2, name=f"Planen {today:%d.%m.%Y}")).to_be_visible()
    expect(page.get_by_role("region", name="Forskjeller")).to_contain_text("Ingen forskjeller")
    recorded = page.get_by_role("region", name="Slik den var registrert ved slutten av dagen")
    expect(recorded).to_contain_text("«Gå tur tre ganger i uka»")
    check_a11y(page, "on-date")
    screenshot(page, "on-date")


def test_the_date_picker_works_without_javascript_and_names_a_wrong_date(
    server: Server, new_page: Callable[..., Page], login_as: LoginAs
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    page = new_page(java_script_enabled=False)
    login_as(page, who, f"/planer/{plan_id}/pa-dato")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    page.get_by_label("Dato").fill(yesterday.isoformat())
    page.get_by_role("button", name="Vis planen").click()
    expect(page.get_by_text(f"Planen var ikke åpnet {yesterday:%d.%m.%Y}.")).to_be_visible()

    page.goto(f"{server.url}/planer/{plan_id}/pa-dato?dato=i+fjor")
    expect(page.get_by_role("alert")).to_contain_text("Skriv en gyldig dato")
    expect(page.get_by_label("Dato")).to_have_accessible_description(
        "Feil: Skriv en gyldig dato, for eksempel 31.12.2025."
    )
