"""The plan page in a browser: a coordinator opens a plan and sees the nine points, goals,
measures, people, consents, meetings, evaluations and versions on one page; the read is logged
before the page is shown."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

from playwright.sync_api import Page, expect

from api.demo_people import DemoPerson
from application import commands as c
from application.service import WriteOptions
from domain.values import Actor, Role
from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]
UNIT = "Hjemmetjenesten Vestbyen"
UNIT_ACTOR = Actor("ke-9", "Test Enhet", "coordinating_unit", "5001", unit="Koordinerende enhet")


def coordinator() -> DemoPerson:
    """A coordinator of their own, so these tests do not change the demo people's plans."""
    suffix = uuid4().hex[:6]
    return DemoPerson(f"k-{suffix}", f"Tora Test {suffix}", Role.COORDINATOR, "test", UNIT)


def open_plan(server: Server, who: DemoPerson, name: str = "Per Prøve") -> UUID:
    """A granted plan with consent and `who` as its coordinator, opened in-process."""
    app, options = server.planspor, WriteOptions()
    opened = app.open_plan(
        UNIT_ACTOR,
        c.OpenPlan(
            municipality="5001",
            responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
            subject={"name": name, "person_id": f"p-{uuid4().hex[:8]}"},
            source="gp",
        ),
        options,
    )
    for command in (
        c.Decide(outcome="granted", complaint_information_given=True),
        c.GiveConsent(scope="plan", given_by="user"),
        c.AppointCoordinator(coordinator={"person_id": who.person_id, "name": who.name}),
        c.AddGoal(text="Jeg vil gå tur hver dag", formulated_by="user", user_agreement="agreed"),
    ):
        app.execute(opened.plan_id, UNIT_ACTOR, command, options)
    return opened.plan_id


def test_a_coordinator_sees_the_plan_with_what_is_missing_of_the_nine_points(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan for Per Prøve")
    points = page.get_by_role("region", name="De ni punktene")
    expect(points).to_contain_text("Mangler e) Tiltak, omfang og hvem som er ansvarlig")
    expect(points).to_contain_text("På plass c) Hvem som er koordinator")
    expect(page.get_by_role("region", name="Mål")).to_contain_text("«Jeg vil gå tur hver dag»")
    expect(page.get_by_role("link", name="Legg til tiltak")).to_be_visible()
    check_a11y(page, "plan")
    screenshot(page, "plan")
