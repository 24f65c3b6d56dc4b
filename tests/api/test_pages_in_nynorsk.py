"""Pages in nynorsk over HTTP: a person's chosen standard, else their municipality's (the
`written_standards` setting), else bokmål; the plan page, the history, a form and its refusal and
the evidence document in nynorsk say nothing in bokmål."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from adapters import configuration
from adapters.settings import Settings
from api import evidence_document, i18n
from api.pages.common import SESSION_COOKIE
from application import commands as c
from application.service import Planspor, WriteOptions
from domain.configuration import Thresholds
from domain.evidence import Period, build_pack, digest
from tests.api.test_catalogues import shown_text
from tests.api.test_plan_pages_http import KARI, UNIT
from tests.domain.builders import events_of
from tests.domain.test_evidence_truths import TODAY, delivered

DAY = timedelta(days=1)

BOKMAL_ONLY = re.compile(
    r"\b(ikke|hvem|hva|hvordan|hvis|ennå|noe|deltakere|planer|endringer|tjenester|bruker|"
    r"brukeren|begrunnelse|stedfortreder|møter|evalueringer|versjoner|samtykker)\b",
    re.IGNORECASE,
)


@pytest.fixture
def plan_id(client: TestClient) -> UUID:
    """A plan in municipality 5001 with Kari Koordinator as its coordinator and one goal."""
    planspor: Planspor = client.app.state.planspor  # type: ignore[attr-defined]
    subject = {"name": "Per Prøve", "person_id": "p-nn"}
    unit = {"unit_id": "ke", "name": "Koordinerende enhet"}
    opened = planspor.open_plan(
        UNIT,
        c.OpenPlan(municipality="5001", responsible_unit=unit, subject=subject, source="gp"),
        WriteOptions(),
    )
    for command in (
        c.GiveConsent(scope="plan", given_by="user"),
        c.AppointCoordinator(coordinator={"person_id": "k-100", "name": "Kari Koordinator"}),
        c.AddGoal(text="Gå tur hver dag", formulated_by="user", user_agreement="agreed"),
    ):
        planspor.execute(opened.plan_id, UNIT, command, WriteOptions())
    return opened.plan_id


@pytest.fixture
def as_kari(client: TestClient) -> Iterator[None]:
    """Kari's session, as her login would start it."""
    raw = client.app.state.sessions.start(KARI, "idporten-loa-substantial")  # type: ignore[attr-defined]
    client.cookies.set(SESSION_COOKIE, raw)
    yield
    client.cookies.clear()


def test_a_coordinators_plan_page_in_nynorsk_has_no_bokmal_text(
    client: TestClient, as_kari: None, plan_id: UUID
) -> None:
    bokmal = client.get(f"/planer/{plan_id}")
    assert bokmal.status_code == 200 and 'lang="nb"' in bokmal.text
    assert "Koordinator og deltakere" in bokmal.text and "Ingen møter ennå." in bokmal.text
    client.cookies.set(i18n.COOKIE, "nn")
    nynorsk = client.get(f"/planer/{plan_id}")
    assert nynorsk.status_code == 200 and 'lang="nn"' in nynorsk.text
    text = shown_text(nynorsk.text)
    assert "Koordinator og deltakarar" in text and "Ingen møte enno." in text
    assert "Mål" in text and "Kva er viktig for brukaren" in text
    assert "Formulert av Brukaren" in " ".join(text.split())  # a vocabulary word, in nynorsk
    # the user's own words stay as written; every other word is nynorsk
    assert BOKMAL_ONLY.findall(text.replace("Gå tur hver dag", "")) == []


def test_the_history_a_form_and_its_refusal_are_in_nynorsk_too(
    client: TestClient, as_kari: None, plan_id: UUID, catch_up: Callable[[], int]
) -> None:
    catch_up()
    client.cookies.set(i18n.COOKIE, "nn")
    history = client.get(f"/planer/{plan_id}/historikk")
    assert "Historikken til planen" in history.text and "Mål lagt til" in history.text
    assert BOKMAL_ONLY.findall(shown_text(history.text).replace("Gå tur hver dag", "")) == []
    page = client.get(f"/planer/{plan_id}/skjema/sett-i-bero")
    assert "Set planen i bero" in page.text and "Grunngiving" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    version = re.search(r'name="version" value="([^"]+)"', page.text)
    assert token and version
    refused = client.post(
        f"/planer/{plan_id}/skjema/sett-i-bero",
        data={"csrf_token": token[1], "version": version[1], "idempotency_key": "k-nn-1"},
    )
    assert refused.status_code == 422
    assert "Skriv ei grunngiving." in refused.text and "Det er noko som må rettast" in refused.text


def test_the_municipalitys_written_standard_decides_until_the_person_chooses(
    client: TestClient, as_kari: None, plan_id: UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "written_standards", {"5001": "nn"})
    # Kari works in municipality 5001
    page = client.get(f"/planer/{plan_id}")
    assert 'lang="nn"' in page.text and "Koordinator og deltakarar" in page.text
    missing = client.get("/planer/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and "Fann ikkje planen" in missing.text
    client.cookies.set(i18n.COOKIE, "nb")  # her own choice comes first
    chosen = client.get(f"/planer/{plan_id}")
    assert 'lang="nb"' in chosen.text and "Koordinator og deltakere" in chosen.text
    monkeypatch.setattr(settings, "written_standards", {})
    client.cookies.delete(i18n.COOKIE)
    assert 'lang="nb"' in client.get(f"/planer/{plan_id}").text  # no setting: bokmål


def test_a_municipality_chooses_its_written_standard_in_its_configuration_from_a_date(
    client: TestClient, as_kari: None, plan_id: UUID
) -> None:
    """Versioned like the thresholds: the version in force today decides, over the setting; a
    version from a later date does not change today's pages, and the thresholds are kept."""
    reads = client.app.state.reads  # type: ignore[attr-defined]
    grace = Thresholds(revision_grace_days=45)
    with reads.connection() as conn:
        configuration.record(conn, "5001", TODAY - DAY, grace, "nn")
        configuration.record(conn, "5001", TODAY + 10 * DAY, grace, "nb")
        in_force = configuration.versions(conn, ["5001"])
    try:
        page = client.get(f"/planer/{plan_id}")  # Kari works in 5001
        assert 'lang="nn"' in page.text and "Koordinator og deltakarar" in page.text
        assert {v.version: v.written_standard for v in in_force} == {1: "nn", 2: "nb"}
        assert all(v.thresholds == grace for v in in_force)
    finally:  # the other tests share the database: 5001 goes back to the defaults
        with reads.connection() as conn:
            conn.execute(f"DELETE FROM {configuration.TABLE} WHERE municipality = '5001'")


def test_the_written_standards_setting_is_read_from_municipality_number_pairs() -> None:
    settings = Settings.model_validate({"written_standards": "4601=nn, 1516=nn,5001=nb"})
    assert settings.written_standards == {"4601": "nn", "1516": "nn", "5001": "nb"}
    assert Settings().written_standards == {}
    assert i18n.of_municipality(settings.written_standards, "4601") == "nn"
    assert i18n.of_municipality(settings.written_standards, "0301") == "nb"
    with pytest.raises(ValidationError):
        Settings.model_validate({"written_standards": "4601=se"})
    with pytest.raises(ValidationError):
        Settings.model_validate({"written_standards": "Bergen"})


def test_the_evidence_document_is_written_in_the_chosen_standard() -> None:
    plan = delivered("user")
    pack = build_pack(events_of(plan), Period(TODAY - 300 * DAY, TODAY - DAY), 1)
    bokmal = evidence_document.render(pack, digest(pack))
    i18n.use("nn")
    try:
        nynorsk = evidence_document.render(pack, digest(pack))
    finally:
        i18n.use("nb")
    assert '<html lang="nb">' in bokmal and "Uten koordinator</strong>: fra" in bokmal
    assert '<html lang="nn">' in nynorsk and "Utan koordinator</strong>: frå" in nynorsk
    assert "(10 dagar)" in nynorsk and digest(pack) in nynorsk
