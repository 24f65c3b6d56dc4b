"""The plan's forms in a browser, by role and label: each saves through the API's one write
path and confirms what happened; a refused form shows the rule beside the field and keeps the
input; a consequential step asks first."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

from playwright.sync_api import Page, expect

from tests.browser.conftest import LoginAs, Server
from tests.browser.test_plan_page import UNIT_ACTOR, Check, coordinator, open_plan


def saved(page: Page, message: str) -> None:
    expect(page.get_by_role("status")).to_have_text(message)


def test_goals_are_added_revised_with_a_reason_and_confirmed(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Legg til mål").click()
    page.get_by_label("Målet", exact=True).fill("Jeg vil handle selv på butikken")
    page.get_by_role("group", name="Er brukeren enig?").get_by_label("Ikke bekreftet").check()
    check_a11y(page, "form-goal")
    screenshot(page, "form-goal")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Målet er lagt til.")

    goal = "målet «Jeg vil handle selv på butikken»"
    page.get_by_role("link", name=f"Endre {goal}").click()
    expect(page.get_by_label("Målet", exact=True)).to_have_value("Jeg vil handle selv på butikken")
    page.get_by_label("Målet", exact=True).fill("Jeg vil handle selv to ganger i uka")
    page.get_by_role("button", name="Lagre").click()

    expect(page.get_by_role("alert")).to_contain_text("Begrunnelse: Skriv en begrunnelse.")
    expect(page.get_by_label("Begrunnelse")).to_have_accessible_description(
        "Feil: Skriv en begrunnelse."
    )
    expect(page.get_by_label("Målet", exact=True)).to_have_value(
        "Jeg vil handle selv to ganger i uka"
    )
    check_a11y(page, "form-refused")
    screenshot(page, "form-refused")
    page.get_by_label("Begrunnelse").fill("Aksel ønsker å starte i det små")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Målet er endret.")

    page.get_by_role(
        "link", name="Brukeren er enig i målet «Jeg vil handle selv to ganger i uka»"
    ).click()
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Det er registrert at brukeren er enig i målet.")
    check_a11y(page, "plan-saved")
    screenshot(page, "plan-saved")
    goals = server.planspor.get_plan(plan_id, UNIT_ACTOR).goals.values()
    assert {g.text: g.user_agreement for g in goals}[
        "Jeg vil handle selv to ganger i uka"
    ] == "agreed"


def test_a_measure_is_added_and_moved_along_its_status_with_the_decision_when_refused(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Legg til tiltak").click()
    page.get_by_label("Tiltak", exact=True).fill("Praktisk bistand")
    page.get_by_label("Ansvarlig tjeneste").fill("Hjemmetjenesten")
    page.get_by_label("Frist (valgfritt)").fill("2027-03-01")
    page.get_by_label("Jeg vil gå tur hver dag").check()
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Tiltaket er lagt til.")
    measure = page.get_by_role("article", name="Tiltak Praktisk bistand")
    expect(measure).to_contain_text("01.03.2027")
    expect(measure).to_contain_text("«Jeg vil gå tur hver dag»")

    for status in ("Søkt", "Avslått"):
        page.get_by_role("link", name="Endre status for tiltaket Praktisk bistand").click()
        page.get_by_label(status).check()
        page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv vedtakets referanse")
    expect(page.get_by_label("Avslått")).to_be_checked()
    check_a11y(page, "form-measure-refused")
    page.get_by_label("Vedtakets referanse").fill("2026/9001")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Tiltakets status er endret.")
    expect(measure).to_contain_text("Avslått (vedtak 2026/9001)")


def test_people_consent_and_a_withdrawal_that_asks_first(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    plan_id = open_plan(server, coordinator(), name="Siv Samtykke")
    login_as(page, "ke-1", f"/planer/{plan_id}")

    page.get_by_role("link", name="Legg til deltaker").click()
    page.get_by_label("Navn", exact=True).fill("Nils Fysio")
    page.get_by_label("Virksomhet eller tjeneste").fill("Fysioterapitjenesten")
    page.get_by_label("Hva deltakeren skal bidra med").fill("Trening to ganger i uka")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Deltakeren er lagt til.")

    page.get_by_role("link", name="Registrer samtykke").click()
    page.get_by_label("Samtykke til deling av opplysninger").check()
    page.get_by_label("Deling med").select_option(label="Nils Fysio (Fysioterapitjenesten)")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Samtykket er registrert.")
    expect(page.get_by_role("region", name="Samtykker")).to_contain_text("Nils Fysio")

    page.get_by_role("link", name="Oppnevn stedfortreder").click()
    page.get_by_label("Navn", exact=True).fill("Stein Stedfortreder")
    page.get_by_label("Person-id").fill("k-301")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Stedfortrederen er oppnevnt.")

    page.get_by_role("link", name="Trekk tilbake samtykke til deling").click()
    page.get_by_label("Begrunnelse").fill("Brukeren vil ikke dele mer")
    page.get_by_role("button", name="Trekk tilbake samtykket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Er du sikker? Trekk tilbake samtykke"
    )
    check_a11y(page, "confirm-withdraw")
    screenshot(page, "confirm-withdraw")
    plan = server.planspor.get_plan(plan_id, UNIT_ACTOR)
    assert all(c.withdrawn_at is None for c in plan.consents.values()), "nothing before yes"
    page.get_by_role("button", name="Ja, trekk tilbake samtykket").click()
    saved(page, "Samtykket er trukket tilbake.")
    plan = server.planspor.get_plan(plan_id, UNIT_ACTOR)
    assert [c.withdrawal_reason for c in plan.consents.values() if c.withdrawn_at] == [
        "Brukeren vil ikke dele mer"
    ]


def test_a_meeting_an_evaluation_and_a_version_agreed_and_delivered(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Registrer møte").click()
    page.get_by_label("Brukeren var med").check()
    page.get_by_label("Dagsorden ble forberedt med brukeren").check()
    page.get_by_label("Hvem var med").fill(
        "Per Prøve, bruker\nNina Sykepleier, sykepleier, Hjemmesykepleien"
    )
    page.get_by_label("Beslutninger").fill("Søke om praktisk bistand\nNytt møte om tre måneder")
    check_a11y(page, "form-meeting")
    screenshot(page, "form-meeting")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Møtet er registrert.")
    expect(page.get_by_role("region", name="Møter")).to_contain_text("Søke om praktisk bistand")

    page.get_by_role("link", name="Registrer evaluering").click()
    page.get_by_label("Brukeren deltok", exact=True).check()
    page.get_by_label("Brukerens eget syn").fill("Jeg får gått mer nå")
    page.get_by_label("Resultat av evalueringen").fill("Planen videreføres")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text("Neste revisjon")
    expect(page.get_by_label("Brukerens eget syn")).to_have_value("Jeg får gått mer nå")
    page.get_by_label("Neste revisjon").fill("2027-06-01")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Evalueringen er registrert.")
    expect(page.get_by_role("region", name="Evalueringer")).to_contain_text("«Jeg får gått mer nå»")

    page.get_by_role("link", name="Avtal en versjon").click()
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Versjonen er avtalt.")
    page.get_by_role("link", name="Lever versjon 1").click()
    page.get_by_label("Mottaker", exact=True).fill("Per Prøve")
    page.get_by_label("Mottakerens rolle").select_option(label="Bruker")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Versjonen er levert.")
    expect(page.get_by_role("article", name="Versjon 1")).to_contain_text("Per Prøve (Brev")


CONTENT_STEPS = [
    ("Registrer hva som er viktig", "Hva er viktig for deg?", "Å klare meg selv", "Kartleggingen"),
    ("Registrer ressurs", "Ressursen", "Har en hund", "Ressursen"),
    ("Registrer behov", "Behovet", "Hjelp til innkjøp", "Behovet"),
]


def test_content_period_and_cooperation_fill_the_nine_points(
    server: Server, page: Page, login_as: LoginAs
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    login_as(page, who, f"/planer/{plan_id}")
    for link, label, text, message in CONTENT_STEPS:
        page.get_by_role("link", name=link).click()
        page.get_by_label(label).fill(text)
        page.get_by_role("button", name="Lagre").click()
        saved(page, f"{message} er registrert.")
    page.get_by_role("link", name="Sett planperiode").click()
    page.get_by_label("Planen gjelder fra").fill("2026-01-01")
    page.get_by_label("Neste revisjon").fill("2027-01-01")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Planperioden er satt.")
    page.get_by_role("link", name="Registrer samarbeid").click()
    page.get_by_label("Tjeneste eller etat").fill("Nav Østbyen")
    page.get_by_label("Sektor").select_option(label="Nav")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Samarbeidet er registrert.")
    points = page.get_by_role("region", name="De ni punktene")
    for covered in ("a) Brukerens mål", "g) Planperiode", "i) Samarbeid"):
        expect(points).to_contain_text(f"På plass {covered}")


def test_suspend_resume_and_close_with_a_confirmation(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    who = coordinator()
    plan_id: UUID = open_plan(server, who, name="Anne Avslutning")
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Sett planen i bero").click()
    page.get_by_label("Begrunnelse").fill("Innlagt på sykehus")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Planen er satt i bero.")
    page.get_by_role("link", name="Gjenoppta planen").click()
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Planen er gjenopptatt.")

    page.get_by_role("link", name="Avslutt planen").click()
    page.get_by_role("button", name="Avslutt planen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en begrunnelse.")
    page.get_by_label("Begrunnelse").fill("Brukeren har flyttet")
    page.get_by_role("button", name="Avslutt planen").click()
    check_a11y(page, "confirm-close")
    screenshot(page, "confirm-close")
    page.get_by_role("link", name="Nei, gå tilbake til planen").click()
    assert not server.planspor.get_plan(plan_id, UNIT_ACTOR).closed
    page.get_by_role("link", name="Avslutt planen").click()
    page.get_by_label("Begrunnelse").fill("Brukeren har flyttet")
    page.get_by_role("button", name="Avslutt planen").click()
    page.get_by_role("button", name="Ja, avslutt planen").click()
    saved(page, "Planen er avsluttet.")
    expect(page.get_by_role("link", name="Åpne planen igjen")).to_be_visible()
    expect(page.get_by_role("link", name="Legg til mål")).to_have_count(0)  # only reopening
    assert server.planspor.get_plan(plan_id, UNIT_ACTOR).closed


def test_a_request_is_registered_with_its_source_as_a_new_plan(
    server: Server, page: Page, login_as: LoginAs, check_a11y: Check, screenshot: Check
) -> None:
    login_as(page, "ke-1", "/")
    page.get_by_role("link", name="Registrer en henvendelse").click()
    page.get_by_label("Brukerens navn").fill("Hanne Henvendelse")
    page.get_by_label("Lokal person-id").fill(f"p-{uuid4().hex[:8]}")
    page.get_by_role("group", name="Hvem henvendelsen kom fra").get_by_label("Pårørende").check()
    page.get_by_label("Hva henvendelsen gjelder").fill("Datteren melder behov for hjelp hjemme")
    check_a11y(page, "form-new-plan")
    screenshot(page, "form-new-plan")
    page.get_by_role("button", name="Opprett planen").click()

    saved(page, "Planen er opprettet.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan for Hanne Henvendelse")
    expect(page.get_by_text("Pårørende, ")).to_be_visible()


def test_a_goal_is_added_with_the_keyboard_alone_and_javascript_off(
    server: Server, new_page: Callable[..., Page], login_as: LoginAs
) -> None:
    who = coordinator()
    plan_id = open_plan(server, who)
    page = new_page(java_script_enabled=False)
    login_as(page, who, f"/planer/{plan_id}")

    page.get_by_role("link", name="Legg til mål").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Målet", exact=True).focus()
    page.keyboard.type("Jeg vil lage middag selv")
    page.keyboard.press("Tab")  # to the first of «Hvem formulerte målet», already chosen
    expect(page.get_by_label("Brukeren", exact=True)).to_be_focused()
    page.get_by_role("button", name="Lagre").focus()
    page.keyboard.press("Enter")

    saved(page, "Målet er lagt til.")
    expect(page.get_by_role("region", name="Mål")).to_contain_text("«Jeg vil lage middag selv»")
