"""The complaint handlers in the browser: the municipality's handler sees the complaints with
deadlines and late flags, reads a case and its evidence pack (what is missing per ground),
attaches it, records the review and forwards the case; Statsforvalteren's handler records the
decision; a municipal handler is refused another municipality's case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import uuid4

from playwright.sync_api import Page, expect

from api.demo import HOME_CARE
from application import commands as c
from application.commands import complaints as cc
from application.service import WriteOptions
from domain.values import Actor
from tests.browser.conftest import LoginAs, Server

Check = Callable[[Page, str], None]


def test_the_municipal_handler_documents_reviews_and_forwards_a_late_complaint(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "kb-1", next_path="/klager")
    sofie = page.locator(".case-card", has_text="Sofie Nilsen")
    expect(sofie).to_contain_text("Kom for sent")
    check_a11y(page, "complaints")
    screenshot(page, "complaints")
    sofie.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klage fra Sofie Nilsen")
    expect(page.get_by_text("Kjøkkenet er fortsatt ikke tilpasset")).to_be_visible()
    check_a11y(page, "complaint case")
    screenshot(page, "complaint-case")
    page.get_by_role("link", name="Lag og les dokumentasjonen for perioden").click()
    measures = page.locator("section", has_text="Planlagte tiltak ikke levert")
    expect(measures).to_contain_text("Ingenting mangler")  # the measure was started: delivered
    heard = page.locator("section", has_text="Manglende brukermedvirkning")
    expect(heard).to_contain_text("Ingen kartlegging med brukerens egne ord")
    check_a11y(page, "evidence pack")
    screenshot(page, "complaint-pack")
    with page.context.expect_page() as printed:
        page.get_by_role("link", name="Skriv ut dokumentasjonen").click(modifiers=["Control"])
    expect(printed.value.locator("body")).to_contain_text("Sofie Nilsen")
    printed.value.close()
    page.get_by_role("link", name="Tilbake til klagesaken").click()
    page.get_by_role("button", name="Legg ved dokumentasjonen").click()
    expect(page.get_by_role("status")).to_have_text("Dokumentasjonen er lagt ved saken.")
    page.get_by_label("Planen opprettholdes").check()
    page.get_by_role("button", name="Registrer vurderingen").click()
    expect(page.locator(".error-summary")).to_contain_text("Skriv en begrunnelse.")
    check_a11y(page, "review refused")
    page.locator("#vurdering-reason").fill("Tiltaket er bestilt, men ikke levert ennå")
    page.get_by_role("button", name="Registrer vurderingen").click()
    expect(page.get_by_role("status")).to_have_text("Vurderingen er registrert.")
    page.get_by_role("button", name="Send til Statsforvalteren").click()
    expect(page.get_by_role("status")).to_have_text("Saken er sendt til Statsforvalteren.")


def test_statsforvalterens_handler_records_the_decision(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "sfk-1", next_path="/klager")
    page.locator(".case-card", has_text="Emil Strand").get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="Registrer Statsforvalterens avgjørelse")
    ).to_be_visible()
    check_a11y(page, "state complaint case")
    screenshot(page, "complaint-decision")
    page.get_by_label("Delvis medhold").check()
    page.get_by_label("Saksnummer for vedtaket").fill("SF-2026/812")
    page.locator("#avgjorelse-reason").fill("Støttekontakt må avgjøres innen fire uker")
    page.get_by_role("button", name="Registrer avgjørelsen").click()
    expect(page.get_by_role("status")).to_have_text("Avgjørelsen er registrert.")
    expect(page.get_by_text("SF-2026/812")).to_be_visible()


def test_a_municipal_handler_is_refused_another_municipalitys_case(
    page: Page, login_as: LoginAs, server: Server, check_a11y: Check
) -> None:
    oslo = Actor("ke-o", "Oslo Enhet", "coordinating_unit", "0301")
    person = f"p-{uuid4().hex[:8]}"
    subject = {"name": "Oslo Bruker", "person_id": person}
    opening = c.OpenPlan(
        municipality="0301", responsible_unit=HOME_CARE, source="gp", subject=subject
    )
    plan_id = server.planspor.open_plan(oslo, opening, WriteOptions()).plan_id
    filing = cc.FileComplaint(
        plan_id=plan_id, grounds=["no_coordinator"], complainants_words="Ingen koordinator.",
        knew_on=date.today(),
    )  # fmt: skip
    user = Actor(person, "Oslo Bruker", "user", "0301")
    complaint = server.planspor.file_complaint(user, filing, WriteOptions()).plan_id
    login_as(page, "kb-1", next_path="/klager")
    response = page.goto(f"{server.url}/klager/{complaint}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke klagen")
    expect(page.get_by_text("Oslo Bruker")).to_have_count(0)
    check_a11y(page, "another municipality's case")
