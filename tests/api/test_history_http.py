"""Plan history and audit trail over HTTP: filters, paging, exports, municipality scope."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import TokenFactory

CatchUp = Callable[[], int]
NINA = {"person_id": "s-200", "name": "Nina Sykepleier", "role": "coordinating_unit"}


@dataclass
class World:
    """Plan a (unit ke) and plan b (unit hj); `middle` lies between a's 3rd and 4th event."""

    a: str
    b: str
    goal: str
    middle: datetime
    goal_effective: datetime


DAY = timedelta(days=1)


def post(client: TestClient, headers: dict[str, str], path: str, body: dict[str, Any]) -> Any:
    response = client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response.json()


def open_plan(client: TestClient, auth: TokenFactory, unit: str, subject: dict[str, str]) -> str:
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": unit, "name": f"Enhet {unit}"},
        "subject": {"name": "Ola Nordmann"} | subject,
        "source": "gp",
    }
    return str(post(client, auth(), "/plans", body)["plan_id"])


def two_plans(client: TestClient, auth: TokenFactory) -> World:
    a = open_plan(client, auth, "ke", {"national_id": "15076500565"})
    effective = datetime.now(UTC) - timedelta(days=3)
    consent = {
        "scope": "plan",
        "given_by": "user",
        "effective_at": (effective - 2 * DAY).isoformat(),
    }
    post(client, auth(), f"/plans/{a}/consents", consent)
    goal = post(
        client,
        auth(**NINA),
        f"/plans/{a}/goals",
        {
            "text": "Gå tur hver dag",
            "formulated_by": "user",
            "user_agreement": "agreed",
            "effective_at": effective.isoformat(),
            "on_behalf_of": "p-ola",
        },
    )["created_id"]
    middle = datetime.now(UTC)
    post(
        client,
        auth(),
        f"/plans/{a}/goals/{goal}/revisions",
        {"text": "Gå tur tre dager i uken", "user_agreement": "agreed", "reason": "For mye"},
    )
    b = open_plan(client, auth, "hj", {"person_id": "p-2"})
    post(client, auth(**NINA), f"/plans/{b}/consents", {"scope": "plan", "given_by": "user"})
    return World(a, b, goal, middle, effective)


def audit(client: TestClient, auth: TokenFactory, **params: Any) -> list[tuple[str, int]]:
    response = client.get("/audit-trail", params=params, headers=auth())
    assert response.status_code == 200, response.text
    return [(item["plan_id"], item["version"]) for item in response.json()["items"]]


def test_a_plans_history_shows_each_event_with_label_actor_and_changes(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    w = two_plans(client, auth)
    catch_up()
    response = client.get(f"/plans/{w.a}/history", headers=auth())
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["version"] for i in items] == [1, 2, 3, 4]
    assert [i["label"] for i in items] == [
        "Henvendelse mottatt",
        "Samtykke gitt",
        "Mål lagt til",
        "Mål revidert",
    ]
    added, revised = items[2], items[3]
    assert (added["actor_name"], added["actor_role"]) == ("Nina Sykepleier", "coordinating_unit")
    assert added["on_behalf_of"] == "p-ola"
    assert datetime.fromisoformat(added["effective_at"]) == w.goal_effective
    assert added["effective_at"] < added["recorded_at"]
    assert revised["changes"] == [
        {
            "record": f"goal:{w.goal}",
            "field": "text",
            "old": "Gå tur hver dag",
            "new": "Gå tur tre dager i uken",
        }
    ]
    assert revised["reason"] == "For mye"


def test_the_audit_trail_filters_by_actor_event_type_unit_and_time(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    w = two_plans(client, auth)
    catch_up()
    assert audit(client, auth) == [(w.a, 1), (w.a, 2), (w.a, 3), (w.a, 4), (w.b, 1), (w.b, 2)]
    assert audit(client, auth, actor_id="s-200") == [(w.a, 3), (w.b, 2)]
    assert audit(client, auth, event_type=["GoalAdded", "GoalRevised"]) == [(w.a, 3), (w.a, 4)]
    assert audit(client, auth, event_type=["GoalRevised"]) == [(w.a, 4)]  # one type: equality
    assert audit(client, auth, actor_id="s-200", event_type=["GoalAdded"]) == [(w.a, 3)]
    assert audit(client, auth, unit_id="hj") == [(w.b, 1), (w.b, 2)]
    assert audit(client, auth, plan_id=w.b, actor_id="k-100") == [(w.b, 1)]
    assert audit(client, auth, recorded_from=w.middle.isoformat()) == [
        (w.a, 4),
        (w.b, 1),
        (w.b, 2),
    ]
    assert audit(client, auth, recorded_to=w.middle.isoformat()) == [(w.a, 1), (w.a, 2), (w.a, 3)]
    day = timedelta(days=1)
    effective = {
        "effective_from": (w.goal_effective - day).isoformat(),
        "effective_to": (w.goal_effective + day).isoformat(),
    }
    assert audit(client, auth, **effective) == [(w.a, 3)]


def test_cursor_paging_returns_every_entry_exactly_once(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    w = two_plans(client, auth)
    catch_up()
    for path in ("/audit-trail", f"/plans/{w.a}/history"):
        whole = client.get(path, headers=auth()).json()["items"]
        seen: list[int] = []
        params: dict[str, Any] = {"limit": 2}
        while True:
            page = client.get(path, params=params, headers=auth()).json()
            assert len(page["items"]) <= 2
            seen += [item["position"] for item in page["items"]]
            if page["next_cursor"] is None:
                break
            params["cursor"] = page["next_cursor"]
        assert seen == [item["position"] for item in whole]
        assert len(set(seen)) == len(seen) == len(whole)


def test_the_csv_export_streams_the_filtered_entries(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    w = two_plans(client, auth)
    catch_up()
    params = {"format": "csv", "plan_id": w.a}
    response = client.get("/audit-trail/export", params=params, headers=auth())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    expected = client.get("/audit-trail", params={"plan_id": w.a}, headers=auth()).json()
    assert [r["version"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["label"] for r in rows] == [i["label"] for i in expected["items"]]
    assert rows[2]["on_behalf_of"] == "p-ola"
    assert json.loads(rows[3]["changes"]) == expected["items"][3]["changes"]


def test_the_jsonl_export_streams_the_filtered_entries(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    two_plans(client, auth)
    catch_up()
    params = {"format": "jsonl", "actor_id": "s-200"}
    response = client.get("/audit-trail/export", params=params, headers=auth())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    assert 'filename="audit-trail.jsonl"' in response.headers["content-disposition"]
    lines = [json.loads(line) for line in response.text.splitlines()]
    expected = client.get("/audit-trail", params={"actor_id": "s-200"}, headers=auth()).json()
    assert lines == expected["items"]
    assert [line["event_type"] for line in lines] == ["GoalAdded", "ConsentGiven"]


def test_another_municipality_sees_neither_the_plans_history_nor_its_entries(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    w = two_plans(client, auth)
    catch_up()
    oslo = auth(person_id="k-900", name="Per Persen", municipality="0301")
    missing = client.get(f"/plans/{w.a}/history", headers=oslo)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert client.get("/audit-trail", headers=oslo).json()["items"] == []
    exported = client.get("/audit-trail/export", params={"format": "jsonl"}, headers=oslo)
    assert exported.status_code == 200 and exported.text == ""
    header_only = client.get("/audit-trail/export", headers=oslo).text
    assert header_only.count("\r\n") == 1 and header_only.startswith("position,plan_id")


def test_a_read_waits_for_the_history_model_to_reach_the_writes_position(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    plan = open_plan(client, auth, "ke", {"national_id": "15076500565"})
    written = post(client, auth(), f"/plans/{plan}/user-information", {})
    params = {"min_position": written["position"], "wait": 0}
    behind = client.get(f"/plans/{plan}/history", params=params, headers=auth())
    assert behind.status_code == 503 and behind.json()["rule"] == "read-model-behind"
    catch_up()
    caught_up = client.get(f"/plans/{plan}/history", params=params, headers=auth())
    assert [item["label"] for item in caught_up.json()["items"]][-1] == (
        "Bruker informert om rettigheter"
    )


def test_bad_query_parameters_are_refused_as_problems(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    catch_up()
    cases: list[tuple[str, dict[str, Any]]] = [
        ("/audit-trail", {"event_type": "NoSuchEvent"}),
        ("/audit-trail", {"limit": 501}),
        ("/audit-trail", {"cursor": "not-a-cursor"}),
        ("/audit-trail", {"cursor": "WyJ4Il0"}),  # a list, but not of a position
        ("/audit-trail", {"recorded_from": "2026-01-01T00:00:00"}),  # no offset
        ("/audit-trail/export", {"format": "xml"}),
        ("/plans/not-a-uuid/history", {}),
    ]
    for path, params in cases:
        response = client.get(path, params=params, headers=auth())
        assert response.status_code == 422, (path, params, response.text)
        assert response.headers["content-type"] == "application/problem+json"
