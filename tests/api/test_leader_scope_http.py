"""A unit leader's worklists, caseload and plan list are their own unit's; the coordinating
unit's are the municipality's. Two units each have a plan in every worklist and a coordinator
of their own; over HTTP (the API and the pages), a leader of one unit never sees the other's
entries, and a leader whose login names no unit is refused the lists (`unit-required`)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.pages.common import SESSION_COOKIE
from domain.plan import OSLO
from domain.values import Role
from tests.api.conftest import TokenFactory

CatchUp = Callable[[], int]
WEST = {"unit_id": "hjem-vest", "name": "Hjemmetjenesten Vest"}
EAST = {"unit_id": "hjem-ost", "name": "Hjemmetjenesten Øst"}
LEADER = {"person_id": "l-9", "name": "Liv Leder", "role": Role.UNIT_LEADER}
WORKLISTS = {  # API path → the page's slug (and export)
    "/worklists/without-coordinator": "uten-koordinator",
    "/worklists/overdue-evaluations": "evaluering-forfalt",
    "/worklists/overdue-measures": "tiltak-forfalt",
    "/worklists/dormant-plans?days=1": "uten-aktivitet",  # the page's: 180 days (both plans)
    "/worklists/measures-without-decision": "tiltak-uten-vedtak",
}
VERDICTS = "/statistics/virksomme-planer/plans"  # the plans behind a figure, each with its verdict


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def _day(days: int) -> str:
    return (datetime.now(OSLO).date() - timedelta(days=days)).isoformat()


def _post(
    client: TestClient, auth: TokenFactory, path: str, body: dict[str, Any], method: str = "POST"
) -> str:
    response = client.request(method, path, json=body, headers=auth())
    assert response.status_code in (200, 201), response.text
    return str(response.json().get("created_id") or response.json().get("plan_id"))


def _plans_of(client: TestClient, auth: TokenFactory, unit: dict[str, str], tag: str) -> set[str]:
    """In `unit`: a plan in every worklist (coordinator koord-<tag>, revision and measure overdue,
    the measure applied for, nothing done for 200 days) and a plan waiting for a coordinator."""
    ids = set()
    for n in (1, 2):
        body = {
            "municipality": "5001",
            "responsible_unit": unit,
            "subject": {"name": f"Navn {tag}{n}", "person_id": f"p-{tag}{n}"},
            "source": "gp",
            "effective_at": _ago(400),
        }
        ids.add(plan_id := _post(client, auth, "/plans", body))
        if n == 2:
            break
        plan = f"/plans/{plan_id}"
        consent = {"scope": "plan", "given_by": "user", "effective_at": _ago(399)}
        _post(client, auth, f"{plan}/consents", consent)
        coordinator = {"person_id": f"koord-{tag}", "name": f"Koordinator {tag}"}
        _post(client, auth, f"{plan}/coordinator", {"coordinator": coordinator,
                                                     "effective_at": _ago(390)})  # fmt: skip
        measure = {"title": "Tiltak", "responsible_service": "Tjeneste", "due_date": _day(30)}
        measure_id = _post(
            client, auth, f"{plan}/measures", {"measure": measure, "effective_at": _ago(370)}
        )
        applied = {"status": "applied_for", "effective_at": _ago(360)}
        _post(client, auth, f"{plan}/measures/{measure_id}/status", applied)
        period = {"starts_on": _day(360), "next_revision_on": _day(100), "effective_at": _ago(200)}
        _post(client, auth, f"{plan}/period", period, "PUT")
    return ids


@pytest.fixture
def units(client: TestClient, auth: TokenFactory, catch_up: CatchUp) -> dict[str, set[str]]:
    made = {"west": _plans_of(client, auth, WEST, "w"), "east": _plans_of(client, auth, EAST, "e")}
    catch_up()
    return made


def _ids(client: TestClient, path: str, headers: dict[str, str]) -> set[str]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return {str(item["plan_id"]) for item in response.json()["items"]}


def _caseload(client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    response = client.get("/worklists/caseload", headers=headers)
    assert response.status_code == 200, response.text
    return {row["coordinator_id"]: row["plans"] for row in response.json()}


@pytest.mark.parametrize("path", [*WORKLISTS, "/plans", VERDICTS])
def test_a_leader_sees_their_own_units_entries_and_the_coordinating_unit_both(
    client: TestClient, auth: TokenFactory, units: dict[str, set[str]], path: str
) -> None:
    everything = _ids(client, path, auth())
    west = _ids(client, path, auth(**LEADER, unit="Hjemmetjenesten Vest"))
    east = _ids(client, path, auth(**LEADER, unit="Hjemmetjenesten Øst"))
    assert west and east  # each unit has an entry in this list
    assert west <= units["west"] and east <= units["east"]
    assert everything == west | east  # the coordinating unit: the whole municipality
    # a provider may map the unit's id instead of its name: the same unit
    assert _ids(client, path, auth(**LEADER, unit="hjem-vest")) == west
    assert _ids(client, path, auth(**LEADER, unit="Hjemmetjenesten Nord")) == set()


def test_a_leaders_caseload_counts_their_units_plans_only(
    client: TestClient, auth: TokenFactory, units: dict[str, set[str]]
) -> None:
    assert _caseload(client, auth()) == {"koord-w": 1, "koord-e": 1}
    assert _caseload(client, auth(**LEADER, unit="Hjemmetjenesten Vest")) == {"koord-w": 1}
    assert _caseload(client, auth(**LEADER, unit="hjem-ost")) == {"koord-e": 1}
    # a leader naming another unit's coordinator in the plan list finds nothing of theirs
    other = "/plans?coordinator_id=koord-e"
    assert _ids(client, other, auth(**LEADER, unit="Hjemmetjenesten Vest")) == set()


@pytest.mark.parametrize("path", [*WORKLISTS, "/worklists/caseload", "/plans", VERDICTS])
def test_a_leader_whose_login_names_no_unit_is_refused_the_lists(
    client: TestClient, auth: TokenFactory, units: dict[str, set[str]], path: str
) -> None:
    response = client.get(path, headers=auth(**LEADER))
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert (problem["rule"], problem["field"]) == ("unit-required", "token.unit")
    assert "Navn" not in response.text


Login = Callable[[dict[str, str]], None]


@pytest.fixture
def login(client: TestClient) -> Iterator[Login]:
    def start(claims: dict[str, str]) -> None:
        store = client.app.state.sessions  # type: ignore[attr-defined]
        client.cookies.set(SESSION_COOKIE, store.start(claims, "idporten-loa-substantial"))

    yield start
    client.cookies.clear()


def _claims(unit: str | None, role: str = "unit_leader") -> dict[str, str]:
    claims = {"sub": "l-9", "name": "Liv Leder", "role": role, "municipality": "5001"}
    return claims | ({"unit": unit} if unit is not None else {})


def _plan_ids(text: str) -> set[str]:
    return set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text))


def test_the_leaders_pages_and_exports_hold_their_units_entries_only(
    client: TestClient, login: Login, units: dict[str, set[str]]
) -> None:
    login(_claims("Hjemmetjenesten Vest"))
    overview = client.get("/oversikt")
    assert overview.status_code == 200, overview.text
    assert re.search(r'<option value="hjem-vest" selected>', overview.text)  # the figure's unit
    counts = re.findall(r'<span class="count[^"]*">(\d+)</span>', overview.text)
    assert counts == ["1", "1", "1", "2", "1"]  # the unit's own, half the municipality's
    for slug in WORKLISTS.values():
        page = client.get(f"/arbeidslister/{slug}")
        assert page.status_code == 200, page.text
        export = client.get(f"/oversikt/eksport/{slug}.csv")
        assert export.status_code == 200
        exported = {row["plan_id"] for row in csv.DictReader(io.StringIO(export.text))}
        assert exported and exported <= units["west"], slug
        assert _plan_ids(page.text) <= units["west"] and "Navn" not in page.text + export.text
    caseload = client.get("/oversikt/eksport/saksmengde.csv").text.splitlines()
    assert caseload[1:] == ["koord-w,,1,1"]  # no name, the unit's coordinator only
    coordinators = client.get("/oversikt/koordinatorer")
    assert coordinators.status_code == 200
    assert "koord-e" not in coordinators.text and "Koordinator w" not in coordinators.text
    assert "koord-w" in coordinators.text
    behind = client.get("/oversikt/planer")  # the plans behind the figure: the unit's alone
    assert behind.status_code == 200, behind.text
    shown = set(re.findall(r"Plan ([0-9a-f]{8})\b", behind.text))  # short ids, no links
    assert shown == {plan_id[:8] for plan_id in units["west"]}
    export = client.get("/oversikt/eksport/planer.csv")
    assert export.status_code == 200
    assert {row["plan_id"] for row in csv.DictReader(io.StringIO(export.text))} == units["west"]


def test_the_coordinating_unit_sees_both_units_on_its_pages(
    client: TestClient, login: Login, units: dict[str, set[str]]
) -> None:
    login(_claims("Koordinerende enhet", role="coordinating_unit"))
    overview = client.get("/oversikt")
    counts = re.findall(r'<span class="count[^"]*">(\d+)</span>', overview.text)
    assert counts == ["2", "2", "2", "4", "2"]
    export = client.get("/oversikt/eksport/uten-koordinator.csv")
    exported = {row["plan_id"] for row in csv.DictReader(io.StringIO(export.text))}
    assert len(exported) == 2 and exported <= units["west"] | units["east"]
    caseload = client.get("/oversikt/eksport/saksmengde.csv").text.splitlines()
    assert sorted(caseload[1:]) == ["koord-e,Koordinator e,1,1", "koord-w,Koordinator w,1,1"]


def test_a_leader_without_a_unit_sees_the_figures_and_why_the_lists_are_not_there(
    client: TestClient, login: Login, units: dict[str, set[str]]
) -> None:
    login(_claims(None))
    overview = client.get("/oversikt")
    assert overview.status_code == 200, overview.text
    assert 'id="no-unit"' in overview.text and 'class="count' not in overview.text
    assert "Hjemmetjenesten Vest" in overview.text  # the municipality's figures per unit
    for path in ("/arbeidslister", "/oversikt/koordinatorer", "/oversikt/eksport/saksmengde.csv",
                 "/oversikt/eksport/uten-koordinator.csv", "/"):  # fmt: skip
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert "hvilken enhet du leder" in refused.text and "Navn" not in refused.text
