"""The pages' texts come from the bokmål and nynorsk catalogues: none is missing from either,
and a browser's chosen standard is the one its pages are shown in."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api import catalogues, i18n


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_text_the_pages_show_has_a_text_in_the_catalogue(language: i18n.Language) -> None:
    assert catalogues.missing(language) == [], (
        f"run `planspor messages` and write the {i18n.NAMES[language]} text of these"
    )


def test_a_text_new_in_the_code_is_missing_until_it_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = catalogues.extracted()
    found.add("En helt ny tekst som ingen har oversatt")
    monkeypatch.setattr(catalogues, "extracted", lambda: found)
    assert catalogues.missing("nn") == ["En helt ny tekst som ingen har oversatt"]


def test_the_nynorsk_catalogue_is_not_a_copy_of_the_bokmal_one() -> None:
    nynorsk = {m.id: m.string for m in catalogues.load("nn") if m.id}
    assert nynorsk["Hopp til hovedinnholdet"] == "Hopp til hovudinnhaldet"


def test_the_standard_a_browser_chooses_is_the_one_its_pages_are_shown_in(
    client: TestClient,
) -> None:
    bokmal = client.get("/login")
    assert 'lang="nb"' in bokmal.text and "Hopp til hovedinnholdet" in bokmal.text
    chosen = client.get("/sprak/nn?neste=/login", follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == "/login"
    nynorsk = client.get("/login")
    assert 'lang="nn"' in nynorsk.text and "Hopp til hovudinnhaldet" in nynorsk.text


def test_choosing_a_standard_never_leads_off_the_site(client: TestClient) -> None:
    answer = client.get("/sprak/nn?neste=//evil.example/", follow_redirects=False)
    assert answer.headers["location"] == "/"
    unknown = client.get("/sprak/se?neste=/login", follow_redirects=False)
    assert "planspor_sprak" not in unknown.headers.get("set-cookie", "")
