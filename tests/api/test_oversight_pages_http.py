"""The oversight pages over HTTP (no browser): the figures, the chart and its table from one
query, the plans behind a figure, streamed exports without names for a leader, the supervisor's
purpose kept in the session, and the complaint handler's case within their municipality."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.pages.unit_figures import quarter_ends
from application import commands as c
from application.service import Planspor, WriteOptions
from domain.plan import OSLO
from domain.values import Actor
from tests.api.conftest import Login

UNIT = Actor("ke-9", "Test Enhet", "coordinating_unit", "5001", unit="Koordinerende enhet")
KE = {"sub": "ke-9", "name": "Test Enhet", "role": "coordinating_unit", "municipality": "5001",
      "unit": "Koordinerende enhet"}  # fmt: skip
LEADER = {"sub": "l-9", "name": "Lise Leder", "role": "unit_leader", "municipality": "5001",
          "unit": "Hjemmetjenesten Vest"}  # fmt: skip
HOME = {"unit_id": "hjem-vest", "name": "Hjemmetjenesten Vest"}


@pytest.fixture
def plans(planspor: Planspor, catch_up: Callable[[], int]) -> list[UUID]:
    made = []
    for n, unit in enumerate([HOME, HOME, {"unit_id": "ke", "name": "Koordinerende enhet"}]):
        opened = planspor.open_plan(
            UNIT,
            c.OpenPlan(
                municipality="5001", responsible_unit=unit,
                subject={"name": f"Per Prøve {n}", "person_id": f"p-{n}"}, source="gp",
                effective_at="2024-01-10T10:00:00+01:00",
            ),
            WriteOptions(),
        )  # fmt: skip
        made.append(opened.plan_id)
    catch_up()
    return made


def test_the_chart_and_the_table_beside_it_show_the_same_numbers(
    client: TestClient, login: Login, plans: list[UUID]
) -> None:
    login(KE)
    page = client.get("/oversikt", params={"dato": "2025-12-31"})
    assert page.status_code == 200, page.text
    chart = set(
        re.findall(r'data-unit="([^"]*)" data-date="([^"]*)" data-virksom="(\d+)"', page.text)
    )
    table = set(re.findall(r'<td data-unit="([^"]*)" data-date="([^"]*)">(\d+)</td>', page.text))
    assert chart == table
    assert {unit for unit, _, _ in table} == {"hjem-vest", "ke"}
    ends = quarter_ends(datetime.now(OSLO).date())  # the page's today: Oslo's
    assert {day for _, day, _ in table} == {d.isoformat() for d in ends} and len(ends) == 12


def test_quarter_ends_are_the_last_twelve_before_today() -> None:
    ends = quarter_ends(date(2026, 2, 10))
    assert ends[-1] == date(2025, 12, 31) and ends[0] == date(2023, 3, 31)
    assert quarter_ends(date(2026, 3, 31))[-1] == date(2026, 3, 31)


def test_a_leader_sees_their_unit_and_exports_without_names(
    client: TestClient, login: Login, plans: list[UUID]
) -> None:
    login(LEADER)
    page = client.get("/oversikt")
    assert page.status_code == 200, page.text
    assert "Hjemmetjenesten Vest" in page.text and "Per Prøve" not in page.text
    assert 'data-unit="ke"' not in page.text  # the chart is of the leader's own unit
    listed = client.get("/oversikt/planer", params={"enhet": "hjem-vest", "dato": "2025-12-31"})
    assert listed.status_code == 200 and f"/planer/{plans[0]}" not in listed.text
    export = client.get("/oversikt/eksport/uten-koordinator.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    lines = export.text.splitlines()
    assert lines[0].startswith("plan_id,subject_name") and len(lines) == 3  # the unit's two
    assert str(plans[2]) not in export.text  # the coordinating unit's own plan is not theirs
    assert "Per Prøve" not in export.text
    assert client.get(f"/planer/{plans[0]}").status_code == 403


def test_the_coordinating_unit_reads_why_each_plan_counted_or_not(
    client: TestClient, login: Login, plans: list[UUID]
) -> None:
    login(KE)
    listed = client.get("/oversikt/planer", params={"enhet": "hjem-vest", "dato": "2025-12-31"})
    assert listed.status_code == 200
    assert listed.text.count('class="verdict verdict--no"') == 2
    assert "Ingen koordinator er oppnevnt" in listed.text and f"/planer/{plans[0]}" in listed.text
    export = client.get("/oversikt/eksport/planer.csv", params={"dato": "2025-12-31"})
    assert len(export.text.splitlines()) == 4 and "no_coordinator" in export.text
    report = client.get("/oversikt/rapport", params={"dato": "2025-12-31"})
    assert (
        report.status_code == 200 and "Virksomme individuelle planer per 31.12.2025" in report.text
    )


def test_a_malformed_date_is_shown_beside_the_field(
    client: TestClient, login: Login, plans: list[UUID]
) -> None:
    login(KE)
    page = client.get("/oversikt", params={"dato": "31.12"})
    assert page.status_code == 422 and 'aria-invalid="true"' in page.text


SUPERVISOR = {"sub": "sf-9", "name": "Stine Tilsyn", "role": "supervisor", "municipality": "5001",
              "org": "Statsforvalteren i Trøndelag", "office": "trondelag"}  # fmt: skip
HANDLER = {"sub": "kb-9", "name": "Kim Klage", "role": "complaint_handler",
           "municipality": "5001"}  # fmt: skip


def test_a_supervisor_states_a_purpose_once_and_every_search_is_logged_with_it(
    client: TestClient, login: Login, plans: list[UUID], catch_up: Callable[[], int]
) -> None:
    csrf = login(SUPERVISOR)
    asked = client.get("/tilsyn")
    assert asked.status_code == 403 and 'name="formal"' in asked.text
    assert client.get(f"/tilsyn/planer/{plans[0]}/historikk").status_code == 403
    stated = client.post(
        "/tilsyn/formal",
        data={"csrf_token": csrf, "formal": "2026/77", "neste": f"/tilsyn?plan={plans[0]}"},
        follow_redirects=False,
    )
    assert stated.status_code == 303 and stated.headers["location"] == f"/tilsyn?plan={plans[0]}"
    found = client.get("/tilsyn", params={"plan": str(plans[0])})
    assert (
        found.status_code == 200 and "2026/77" in found.text and "Henvendelse mottatt" in found.text
    )
    history = client.get(f"/tilsyn/planer/{plans[0]}/historikk")
    assert history.status_code == 200
    export = client.get("/tilsyn/eksport", params={"plan": str(plans[0]), "format": "jsonl"})
    assert export.status_code == 200 and len(export.text.splitlines()) == 1
    catch_up()
    log = client.get("/leselogg/eksport", params={"aktor": "sf-9", "format": "csv"})
    assert log.status_code == 200
    rows = log.text.splitlines()[1:]
    assert len(rows) >= 3 and all("2026/77" in row for row in rows)


def test_a_malformed_filter_is_shown_beside_its_field(client: TestClient, login: Login) -> None:
    login(SUPERVISOR)
    page = client.get("/tilsyn", params={"plan": "not-a-uuid"})
    assert page.status_code == 422 and 'id="plan-error"' in page.text


STATE = {"sub": "sfk-9", "name": "Sara Statsklage", "role": "state_complaint_handler",
         "municipality": "5001", "office": "trondelag"}  # fmt: skip


def _complaint(planspor: Planspor, plan_id: UUID, user: Actor) -> UUID:
    from application.commands import complaints as cc  # noqa: PLC0415

    filing = cc.FileComplaint(
        plan_id=plan_id, grounds=["lack_of_user_participation"],
        complainants_words="Ingen spurte meg.", knew_on=date.today(),
        period={"from": date(2024, 1, 1), "to": date.today()},
    )  # fmt: skip
    return planspor.file_complaint(user, filing, WriteOptions()).plan_id


def _hidden(html: str, form: str) -> dict[str, str]:
    part = html.split(f'action="{form}"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', part))


def test_a_complaint_is_documented_reviewed_forwarded_and_decided_from_its_page(
    client: TestClient, login: Login, planspor: Planspor, catch_up: Callable[[], int]
) -> None:
    opened = planspor.open_plan(
        UNIT, c.OpenPlan(municipality="5001", responsible_unit=HOME, source="gp",
                         subject={"name": "Per Prøve", "person_id": "p-x"}), WriteOptions(),
    )  # fmt: skip
    planspor.execute(
        opened.plan_id, UNIT, c.GiveConsent(scope="plan", given_by="user"), WriteOptions()
    )
    user = Actor("p-x", "Per Prøve", "user", "5001")
    from application.commands import complaints as cc  # noqa: PLC0415

    filing = cc.FileComplaint(
        plan_id=opened.plan_id, grounds=["lack_of_user_participation"],
        complainants_words="Ingen spurte meg.", knew_on=date.today(),
        period={"from": date(2024, 1, 1), "to": date.today()},
    )  # fmt: skip
    complaint = planspor.file_complaint(user, filing, WriteOptions()).plan_id
    catch_up()
    login(HANDLER)
    listed = client.get("/klager")
    assert listed.status_code == 200 and f"/klager/{complaint}" in listed.text
    pack = client.get(f"/klager/{complaint}/dokumentasjon")
    assert pack.status_code == 200 and "Ingen kartlegging med brukerens egne ord" in pack.text
    printed = client.get(f"/klager/{complaint}/dokumentasjon/utskrift")
    assert printed.status_code == 200 and printed.headers["x-content-sha256"]
    case = f"/klager/{complaint}"
    review = {"outcome": "maintained", "reason": "Planen står"}
    for step, data in (("vedlegg", {}), ("vurdering", review), ("oversending", {})):
        page = client.get(case).text
        sent = client.post(f"{case}/{step}", data=_hidden(page, f"{case}/{step}") | data,
                           follow_redirects=False)  # fmt: skip
        assert sent.status_code == 303, (
            step,
            re.findall(r"error-summary.*?</ul>", sent.text, re.S),
        )
    token = {"csrf_token": _hidden(page, f"{case}/oversending")["csrf_token"]}
    again = client.post(f"{case}/vurdering", data=token | {"outcome": "upheld", "reason": "x"})
    assert again.status_code == 409 and 'class="error-summary"' in again.text  # reviewed already
    login(STATE)
    page = client.get(case).text
    assert f'action="{case}/avgjorelse"' in page
    missing = client.post(
        f"{case}/avgjorelse", data=_hidden(page, f"{case}/avgjorelse") | {"outcome": "upheld"}
    )
    assert missing.status_code == 422 and 'id="avgjorelse-decision_reference-error"' in missing.text
    done = client.post(
        f"{case}/avgjorelse",
        data=_hidden(missing.text, f"{case}/avgjorelse")
        | {"outcome": "upheld", "decision_reference": "SF-1", "reason": "Brukeren ble ikke hørt"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Avgjort av Statsforvalteren" in client.get(case).text


def test_a_municipal_complaint_handler_does_not_reach_another_municipalitys_case(
    client: TestClient, login: Login, planspor: Planspor
) -> None:
    other = Actor("ke-o", "Oslo Enhet", "coordinating_unit", "0301")
    opened = planspor.open_plan(
        other, c.OpenPlan(municipality="0301", responsible_unit=HOME, source="gp",
                          subject={"name": "Oslo Bruker", "person_id": "p-oslo"}), WriteOptions(),
    )  # fmt: skip
    complaint = _complaint(planspor, opened.plan_id, Actor("p-oslo", "Oslo Bruker", "user", "0301"))
    login(HANDLER)
    page = client.get(f"/klager/{complaint}")
    assert page.status_code == 404 and "Oslo Bruker" not in page.text
