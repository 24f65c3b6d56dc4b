"""Current plans and worklists over HTTP, read from the `plans` read model."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from domain.plan import OSLO
from domain.values import Role
from tests.api.conftest import Login, TokenFactory
from tests.api.test_plans_http import OPEN

CatchUp = Callable[[], int]


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def _open(client: TestClient, auth: TokenFactory, person: str, days_ago: int = 0) -> str:
    body = OPEN | {
        "subject": {"name": f"Person {person}", "person_id": person},
        "effective_at": _ago(days_ago),
    }
    response = client.post("/plans", json=body, headers=auth())
    assert response.status_code == 201, response.text
    return str(response.json()["plan_id"])


def _post(client: TestClient, auth: TokenFactory, path: str, body: dict[str, Any]) -> Any:
    response = client.post(path, json=body, headers=auth())
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_plan_list_filters_and_pages_with_a_cursor(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    ids = [_open(client, auth, f"p{n}", days_ago=10 - n) for n in range(5)]
    _post(
        client,
        auth,
        f"/plans/{ids[0]}/coordinator",
        {"coordinator": {"person_id": "k-7", "name": "Kari"}},
    )
    catch_up()
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/plans", params=params, headers=auth()).json()
        seen += [item["plan_id"] for item in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == ids  # oldest request first, each exactly once
    mine = client.get("/plans", params={"coordinator_id": "k-7"}, headers=auth()).json()
    assert [item["plan_id"] for item in mine["items"]] == [ids[0]]
    assert "c" not in mine["items"][0]["missing"]
    assert mine["items"][0]["missing_labels"][0] == "Brukerens mål, ressurser og behov"
    other = client.get("/plans", headers=auth(person_id="x", municipality="0301")).json()
    assert other["items"] == []


def test_worklists_show_what_needs_doing(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    waiting = _open(client, auth, "w1", days_ago=40)
    _post(
        client,
        auth,
        f"/plans/{waiting}/decision",
        {"outcome": "granted", "complaint_information_given": True, "effective_at": _ago(30)},
    )
    overdue = _open(client, auth, "o1", days_ago=400)
    plan = f"/plans/{overdue}"
    _post(client, auth, f"{plan}/coordinator", {"coordinator": {"person_id": "k-1", "name": "K"}})
    _post(
        client,
        auth,
        f"{plan}/consents",
        {"scope": "plan", "given_by": "user", "effective_at": _ago(399)},
    )
    _post(
        client,
        auth,
        f"{plan}/evaluations",
        {
            "effective_at": _ago(380),
            "evaluation": {
                "user_took_part": True,
                "outcome": "OK",
                # beyond the 30 days of grace the virksom figure allows: overdue
                "next_revision_on": (datetime.now(OSLO).date() - timedelta(days=45)).isoformat(),
            },
        },
    )
    measure = _post(
        client,
        auth,
        f"{plan}/measures",
        {
            "effective_at": _ago(300),
            "measure": {
                "title": "BPA",
                "responsible_service": "Tildeling",
                "due_date": (datetime.now(OSLO).date() - timedelta(days=3)).isoformat(),
            },
        },
    )["created_id"]
    _post(
        client,
        auth,
        f"{plan}/measures/{measure}/status",
        {"status": "applied_for", "effective_at": _ago(20)},
    )
    catch_up()

    def items(path: str, **params: Any) -> list[dict[str, Any]]:
        response = client.get(path, params=params, headers=auth())
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    (no_coordinator,) = items("/worklists/without-coordinator")
    assert (no_coordinator["plan_id"], no_coordinator["days_waiting"]) == (waiting, 30)
    (late,) = items("/worklists/overdue-evaluations")
    assert (late["plan_id"], late["days_overdue"]) == (overdue, 45)
    (late_measure,) = items("/worklists/overdue-measures")
    assert (late_measure["measure_id"], late_measure["days_overdue"]) == (measure, 3)
    (undecided,) = items("/worklists/measures-without-decision")
    assert (undecided["measure_id"], undecided["days_waiting"]) == (measure, 20)
    assert {p["plan_id"] for p in items("/worklists/dormant-plans", days=25)} == {waiting}

    def as_coordinator(person: str, path: str) -> list[str]:
        headers = auth(person_id=person, role=Role.COORDINATOR)
        return [item["plan_id"] for item in client.get(path, headers=headers).json()["items"]]

    assert as_coordinator("k-1", "/worklists/overdue-evaluations") == [overdue]
    assert as_coordinator("k-9", "/worklists/overdue-evaluations") == []
    assert as_coordinator("k-9", "/worklists/overdue-measures") == []
    caseload = client.get("/worklists/caseload", headers=auth()).json()
    assert caseload == [
        {"coordinator_id": "k-1", "coordinator_name": "K", "plans": 1, "overdue_evaluations": 1}
    ]


def test_read_your_writes_waits_for_the_position_of_a_write(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    response = client.post("/plans", json=OPEN, headers=auth())
    position = response.json()["position"]
    behind = client.get("/plans", params={"min_position": position, "wait": 0.2}, headers=auth())
    assert behind.status_code == 503 and behind.json()["rule"] == "read-model-behind"
    assert behind.headers["Retry-After"] == "1"
    catch_up()
    fresh = client.get("/plans", params={"min_position": position, "wait": 0.2}, headers=auth())
    assert fresh.status_code == 200 and len(fresh.json()["items"]) == 1


def test_the_worklist_counts_are_the_whole_lists_not_a_page(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp, login: Login
) -> None:
    """The overview and the worklists page show how many entries each list has: counted in
    the database, the same scope as the list's pages, however many pages it has."""
    for n in range(57):
        _open(client, auth, f"v{n}", days_ago=3)
    catch_up()
    listed, cursor = 0, None
    while True:  # the API's pages of the same list, 50 at a time
        params: dict[str, Any] = {"cursor": cursor} if cursor else {}
        page = client.get("/worklists/without-coordinator", params=params, headers=auth()).json()
        listed += len(page["items"])
        if not (cursor := page["next_cursor"]):
            break
    assert listed == 57
    login({"sub": "k-0", "name": "Koordinerende", "role": "coordinating_unit",
           "municipality": "5001"})  # fmt: skip
    counts = r'href="/arbeidslister/uten-koordinator"[^>]*>.*?<span class="count[^"]*">(\d+)<'
    assert re.search(counts, client.get("/arbeidslister").text, re.S).group(1) == "57"  # type: ignore[union-attr]
    overview = client.get("/oversikt").text
    row = r'/arbeidslister/uten-koordinator.*?<span class="count[^"]*">(\d+)</span>'
    assert re.search(row, overview, re.S).group(1) == "57"  # type: ignore[union-attr]
