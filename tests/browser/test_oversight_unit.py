"""The coordinating unit's and the unit leader's overview in the browser: the figures for a
reference date, the chart and the table beside it with the same numbers, the plans behind a
figure, the caseload with a coordinator appointed from there, exports, the report; a leader sees
no names and is refused a plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from uuid import uuid4

from playwright.sync_api import Page, expect

from api.demo import COORDINATOR, HOME_CARE
from application import commands as c
from application.service import WriteOptions
from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]


def _chart_and_table(page: Page) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    chart = {
        (p.get_attribute("data-unit") or "", p.get_attribute("data-date") or ""): (
            p.get_attribute("data-virksom") or ""
        )
        for p in page.locator("svg.unit-chart circle").all()
    }
    table = {
        (c.get_attribute("data-unit") or "", c.get_attribute("data-date") or ""): c.inner_text()
        for c in page.locator(".unit-quarter-table td").all()
    }
    return chart, table


def test_the_coordinating_unit_reads_the_figures_and_the_plans_behind_them(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "ke-1", next_path="/oversikt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tall og oversikt")
    expect(page.locator(".unit-asked")).to_contain_text("slik det gjelder nå")
    chart, table = _chart_and_table(page)
    assert chart == table and len({day for _, day in table}) == 12
    check_a11y(page, "oversight figures")
    screenshot(page, "oversight-figures")
    page.get_by_label("Telledato").fill("2026-06-30")
    page.get_by_label("Slik det var kjent på et tidspunkt").check()
    page.get_by_label("Kjent per").fill("2026-07-15T12:00")
    page.get_by_role("button", name="Vis tallene").click()
    expect(page.locator(".unit-asked")).to_contain_text("slik det var kjent 15.07.2026 kl. 12:00")
    # the demo was recorded today, backdated: as known in July nothing of it was on record
    expect(page.locator(".unit-figures__total")).to_contain_text("Ingen å telle")
    page.get_by_label("Slik det gjelder nå").check()
    page.get_by_role("button", name="Vis tallene").click()
    expect(page.locator(".unit-asked")).to_contain_text("Planer som var virksomme 30.06.2026")
    page.locator(".unit-figures__total a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planene bak tallet")
    expect(page.locator(".verdict").first).to_be_visible()
    expect(page.get_by_text("Ingen koordinator er oppnevnt").first).to_be_visible()
    check_a11y(page, "plans behind a figure")
    screenshot(page, "oversight-plans")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned listen (CSV)").click()
    assert download.value.suggested_filename == "virksomme-planer-planene.csv"


def test_the_coordinating_unit_appoints_a_coordinator_from_the_caseload(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "ke-1", next_path="/oversikt/koordinatorer")
    expect(page.locator("table", has_text="Åpne planer")).to_contain_text("Kari Koordinator")
    check_a11y(page, "caseload")
    screenshot(page, "oversight-coordinators")
    page.get_by_role("link", name="Kari Koordinator").click()
    expect(
        page.get_by_role("heading", name="Planene til koordinator Kari Koordinator")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("^Bytt koordinator . Sofie Nilsen$"))
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("^Oppnevn koordinator . Ingrid Lie$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppnevn koordinator")


def test_the_report_for_a_reporting_date_is_a_document_to_send_on(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "ke-1", next_path="/oversikt?dato=2025-12-31")
    page.get_by_role("link", name="Lag rapport for telledatoen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Virksomme individuelle planer per 31.12.2025"
    )
    check_a11y(page, "report")
    screenshot(page, "oversight-report")


def test_a_unit_leader_sees_their_units_figures_without_names_and_is_refused_a_plan(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "l-1", next_path="/oversikt")
    expect(page.get_by_label("Enhet", exact=True)).to_have_value("hjem-ost")
    chart, table = _chart_and_table(page)
    assert chart == table and {unit for unit, _ in table} == {"hjem-ost"}
    check_a11y(page, "oversight as leader")
    screenshot(page, "oversight-leader")
    page.get_by_role("link", name="Koordinatorenes saksmengde").click()
    expect(page.get_by_text("Kari Koordinator")).to_have_count(0)
    page.goto(f"{server.url}/oversikt/planer?enhet=hjem-ost")
    verdict = page.locator(".verdict").first
    expect(verdict).to_be_visible()
    expect(verdict.get_by_role("link")).to_have_count(0)  # no way into a plan
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned listen (CSV)").click()
    assert "Jonas" not in download.value.path().read_text()
    subject = {"name": "Rolf Lukket", "person_id": f"p-{uuid4().hex[:8]}"}
    opening = c.OpenPlan(
        municipality="5001", responsible_unit=HOME_CARE, source="gp", subject=subject
    )
    plan_id = server.planspor.open_plan(COORDINATOR, opening, WriteOptions()).plan_id
    response = page.goto(f"{server.url}/planer/{plan_id}")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang")
    expect(page.get_by_text("Rolf Lukket")).to_have_count(0)
