"""The API over HTTP: the whole life, concurrency (412), idempotent retries, problem+json."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import TokenFactory

OPEN = {
    "municipality": "5001",
    "responsible_unit": {"unit_id": "ke", "name": "Koordinerende enhet"},
    "subject": {"name": "Ola Nordmann", "national_id": "15076500565"},
    "source": "gp",
}


def post(
    client: TestClient, auth: TokenFactory, path: str, body: dict[str, Any], **headers: str
) -> Any:
    return client.post(path, json=body, headers=auth() | headers)


CONSENT_A_WEEK_AGO = {
    "scope": "plan",
    "given_by": "user",
    "effective_at": (datetime.now(UTC) - timedelta(days=7)).isoformat(),
}


def open_plan(client: TestClient, auth: TokenFactory) -> str:
    response = post(client, auth, "/plans", OPEN)
    assert response.status_code == 201, response.text
    return str(response.json()["plan_id"])


def test_a_coordinator_runs_a_plan_through_its_life_over_http(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    assert post(client, auth, f"{plan}/consents", CONSENT_A_WEEK_AGO).status_code == 201
    assert (
        post(
            client,
            auth,
            f"{plan}/coordinator",
            {"coordinator": {"person_id": "k-100", "name": "Kari"}},
        ).status_code
        == 200
    )
    goal = post(
        client,
        auth,
        f"{plan}/goals",
        {
            "text": "Gå tur hver dag",
            "formulated_by": "user",
            "user_agreement": "agreed",
            "effective_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(),
        },
    ).json()["created_id"]
    measure = post(
        client,
        auth,
        f"{plan}/measures",
        {"measure": {"title": "Fysioterapi", "responsible_service": "Fysio", "goal_ids": [goal]}},
    ).json()["created_id"]
    post(
        client,
        auth,
        f"{plan}/meetings",
        {
            "meeting": {
                "user_attended": True,
                "agenda_prepared_with_user": True,
                "decisions": [{"text": "Start", "measure_ids": [measure]}],
            }
        },
    )
    post(
        client,
        auth,
        f"{plan}/evaluations",
        {
            "evaluation": {
                "user_took_part": True,
                "outcome": "Videre",
                "next_revision_on": "2099-01-01",
            }
        },
    )
    post(client, auth, f"{plan}/versions", {"agreed_with_user": True})
    post(
        client,
        auth,
        f"{plan}/versions/1/deliveries",
        {"recipient": {"name": "Ola", "role": "user"}, "delivery_channel": "letter"},
    )
    middle = datetime.now(UTC)
    closed = post(client, auth, f"{plan}/closure", {"reason": "Behovet er borte"})
    assert closed.status_code == 200 and closed.headers["ETag"] == '"10"'
    assert post(client, auth, f"{plan}/reopening", {"reason": "Nytt behov"}).status_code == 200

    now = client.get(plan, headers=auth()).json()
    assert now["version"] == 11 and now["status"] == "requested"
    assert now["goals"][0]["text"] == "Gå tur hver dag"
    then = client.get(plan, params={"as_of": middle.isoformat()}, headers=auth()).json()
    assert then["version"] == 9 and then["versions"][0]["deliveries"][0]["channel"] == "letter"
    events = client.get(f"{plan}/events", headers=auth()).json()["items"]
    assert [e["type"] for e in events][-2:] == ["Closed", "Reopened"]
    assert events[-2]["reason"] == "Behovet er borte"
    assert events[-2]["actor"] == {
        "person_id": "k-100",
        "name": "Kari Koordinator",
        "role": "coordinating_unit",
        "organisation": "",
        "unit": "",
        "municipality": "5001",
        "assurance": "idporten-loa-substantial",
    }
    assert events[3]["effective_at"] < events[3]["recorded_at"]


def test_write_with_stale_if_match_gets_412_and_changes_nothing(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    stale = post(client, auth, f"{plan}/user-information", {}, **{"If-Match": '"0"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert stale.json()["rule"] == "version-mismatch"
    assert client.get(plan, headers=auth()).json()["version"] == 1
    fresh = post(client, auth, f"{plan}/user-information", {}, **{"If-Match": '"1"'})
    assert fresh.status_code == 200 and fresh.headers["ETag"] == '"2"'


def test_retry_with_idempotency_key_returns_the_first_response_without_a_second_event(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    body = {"scope": "plan", "given_by": "user"}
    first = post(client, auth, f"{plan}/consents", body, **{"Idempotency-Key": "retry-1"})
    again = post(client, auth, f"{plan}/consents", body, **{"Idempotency-Key": "retry-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()  # the position included: the replay is the first write
    assert isinstance(first.json()["position"], int)
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(client.get(f"{plan}/events", headers=auth()).json()["items"]) == 2
    other = post(
        client,
        auth,
        f"{plan}/consents",
        body | {"given_by": "representative"},
        **{"Idempotency-Key": "retry-1"},
    )
    assert other.status_code == 422 and other.json()["field"] == "Idempotency-Key"


def test_bad_input_is_a_problem_naming_field_and_rule(
    client: TestClient, auth: TokenFactory
) -> None:
    wrong_number = post(
        client, auth, "/plans", OPEN | {"subject": {"name": "Ola", "national_id": "15076500566"}}
    )
    assert wrong_number.status_code == 422
    assert wrong_number.json()["field"] == "subject.national_id"
    assert wrong_number.json()["rule"] == "invalid-national-identity-number"
    assert "15076500566" not in wrong_number.text
    unknown = post(client, auth, "/plans", OPEN | {"priority": "high"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "priority"
    future = post(
        client,
        auth,
        "/plans",
        OPEN | {"effective_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()},
    )
    assert future.status_code == 422 and future.json()["rule"] == "effective-time-in-future"
    naive = post(client, auth, "/plans", OPEN | {"effective_at": "2026-01-01T10:00:00"})
    assert naive.status_code == 422 and naive.json()["field"] == "effective_at"


def test_domain_conflicts_are_409_and_store_nothing(client: TestClient, auth: TokenFactory) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    refused = post(
        client,
        auth,
        f"{plan}/goals",
        {"text": "Mål", "formulated_by": "user", "user_agreement": "agreed"},
    )
    assert refused.status_code == 409 and refused.json()["rule"] == "consent-to-plan-required"
    duplicate = post(client, auth, "/plans", OPEN)
    assert duplicate.status_code == 409
    assert duplicate.json()["existing_plan_id"] == plan.removeprefix("/plans/")
    assert len(client.get(f"{plan}/events", headers=auth()).json()["items"]) == 1


def test_unknown_goal_is_404_and_refused_measure_needs_decision_reference(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    post(client, auth, f"{plan}/consents", {"scope": "plan", "given_by": "user"})
    missing = post(client, auth, f"{plan}/goals/nope/achievement", {})
    assert missing.status_code == 404 and missing.json()["rule"] == "goal-not-found"
    measure = post(
        client,
        auth,
        f"{plan}/measures",
        {"measure": {"title": "BPA", "responsible_service": "Tildelingskontoret"}},
    ).json()["created_id"]
    post(client, auth, f"{plan}/measures/{measure}/status", {"status": "applied_for"})
    refused = post(client, auth, f"{plan}/measures/{measure}/status", {"status": "refused"})
    assert refused.status_code == 422 and refused.json()["field"] == "decision_reference"


def test_plan_at_a_version_that_does_not_exist_is_404(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    assert client.get(plan, params={"version": 1}, headers=auth()).json()["version"] == 1
    missing = client.get(plan, params={"version": 2}, headers=auth())
    assert missing.status_code == 404 and missing.json()["field"] == "version"
    both = client.get(
        plan, params={"version": 1, "as_of": datetime.now(UTC).isoformat()}, headers=auth()
    )
    assert both.status_code == 422 and both.json()["field"] == "query.version"


def test_plans_of_another_municipality_are_404(client: TestClient, auth: TokenFactory) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    other = auth(person_id="k-9", municipality="0301")
    assert client.get(plan, headers=other).status_code == 404
    assert client.post(f"{plan}/user-information", json={}, headers=other).status_code == 404


def test_health_and_openapi_are_served(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    open_plan(client, auth)
    behind = client.get("/health").json()
    assert behind["status"] == "ok" and behind["log_head"] >= 1
    catch_up()
    health = client.get("/health").json()
    assert health["read_models"]["plans"]["lag"] == 0
    assert health["read_models"]["plans"]["position"] == health["log_head"]
    spec = client.get("/openapi.json").json()
    assert "/plans/{plan_id}/goals" in spec["paths"]
    assert spec["components"]["schemas"]["AddGoal"]["examples"]
