"""The write side refuses what the read side cannot hold: 422 naming the field and the rule, and
nothing stored (the values are the ones that once stopped every read model)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.middleware import MAX_BODY_BYTES
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN, open_plan

CONSENT = {"scope": "plan", "given_by": "user"}
GOAL = {"text": "Gå tur", "formulated_by": "user", "user_agreement": "agreed"}


@pytest.mark.parametrize(
    ("path", "body", "field", "rule"),
    [
        (
            "consents",
            CONSENT | {"effective_at": "2026-01-01T00:00:00+21:18"},
            "effective_at",
            "utc_offset",
        ),
        (
            "consents",
            CONSENT | {"effective_at": "0001-01-01T00:00:00+14:00"},
            "effective_at",
            "datetime_range",
        ),
        ("goals", GOAL | {"text": "a\u0000b"}, "text", "control_character"),
        ("goals", GOAL | {"reason": "\u001b[31m"}, "reason", "control_character"),
        ("goals", GOAL | {"text": "\ud800"}, "text", "string_unicode"),
        ("goals", GOAL | {"on_behalf_of": "a\nb"}, "on_behalf_of", "control_character"),
        (
            "period",
            {"starts_on": "0001-01-01", "next_revision_on": "2026-01-01"},
            "starts_on",
            "date_range",
        ),
        (
            "period",
            {"starts_on": "2026-01-01", "next_revision_on": "9999-12-31"},
            "next_revision_on",
            "date_range",
        ),
    ],
)
def test_a_value_no_read_model_can_hold_is_refused_naming_the_field_and_rule(
    client: TestClient,
    auth: TokenFactory,
    catch_up: Callable[[], int],
    path: str,
    body: dict[str, Any],
    field: str,
    rule: str,
) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    client.post(f"{plan}/consents", json=CONSENT, headers=auth())
    before = client.get(f"{plan}/events", headers=auth()).json()
    raw = json.dumps(body)  # ASCII escapes: a lone surrogate travels as `\\ud800`
    headers = auth() | {"Content-Type": "application/json"}
    method = "PUT" if path == "period" else "POST"
    response = client.request(method, f"{plan}/{path}", content=raw, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["field"], problem["errors"][0]["rule"]) == (field, rule)
    assert client.get(f"{plan}/events", headers=auth()).json() == before
    catch_up()


def test_text_keeps_tabs_and_line_breaks(client: TestClient, auth: TokenFactory) -> None:
    plan = f"/plans/{open_plan(client, auth)}"
    client.post(f"{plan}/consents", json=CONSENT, headers=auth())
    text = "Første linje\r\n\tandre linje"
    response = client.post(f"{plan}/goals", json=GOAL | {"text": text}, headers=auth())
    assert response.status_code == 201, response.text


def test_a_nul_in_the_subjects_name_is_refused(client: TestClient, auth: TokenFactory) -> None:
    body = OPEN | {"subject": {"name": "Ola\u0000", "person_id": "p-9"}}
    response = client.post("/plans", json=body, headers=auth())
    assert response.status_code == 422
    assert response.json()["field"] == "subject.name"


def test_a_complaint_known_before_any_deadline_rule_is_refused(
    client: TestClient, auth: TokenFactory
) -> None:
    opened = OPEN | {"subject": {"name": "Ola Nordmann", "person_id": "p-ola"}}
    plan_id = client.post("/plans", json=opened, headers=auth()).json()["plan_id"]
    ola = auth(person_id="p-ola", name="Ola Nordmann", role="user")
    complaint = {
        "plan_id": plan_id,
        "grounds": ["lack_of_user_participation"],
        "complainants_words": "Ingen spurte meg",
        "knew_on": "2000-01-01",
    }
    response = client.post("/complaints", json=complaint, headers=ola)
    assert response.status_code == 422, response.text
    assert (response.json()["field"], response.json()["errors"][0]["rule"]) == (
        "knew_on",
        "no_deadline_rule",
    )


def test_a_token_claim_with_a_control_character_is_not_accepted(
    client: TestClient, auth: TokenFactory
) -> None:
    response = client.get("/plans", headers=auth(name="Kari\u0000"))
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/plans?coordinator_id=a%00b", "query.coordinator_id"),
        ("/audit-trail?actor_id=%1b", "query.actor_id"),
        ("/plans?a%00=1", "query.a\u0000"),
    ],
)
def test_a_control_character_in_a_query_parameter_is_refused(
    client: TestClient, auth: TokenFactory, query: str, field: str
) -> None:
    response = client.get(query, headers=auth())
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert (response.json()["field"], response.json()["rule"]) == (field, "validation")
    assert response.json()["errors"][0]["rule"] == "control_character"


def _cursor(values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("path", "values"),
    [
        ("/plans", [1]),
        ("/plans", [1, 2]),
        ("/plans", ["a", "b", "c"]),
        ("/plans", [{"a": 1}, "x"]),
        ("/plans", ["not a time", "not a uuid"]),
        ("/worklists/overdue-evaluations", ["2026-01-01T00:00:00+00:00", "x"]),
        ("/audit-trail", ["1"]),
        ("/audit-trail", [1, 2]),
        ("/statistics/virksomme-planer/plans", [[1]]),
    ],
)
def test_a_forged_cursor_is_a_problem_not_an_error(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int], path: str, values: Any
) -> None:
    open_plan(client, auth)
    catch_up()
    response = client.get(path, params={"cursor": _cursor(values)}, headers=auth())
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_the_plan_on_a_date_beyond_the_range_is_refused(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = open_plan(client, auth)
    headers = auth()
    response = client.get(f"/plans/{plan}/on-date?date=9999-12-31&purpose=x", headers=headers)
    assert response.status_code == 422, response.text
    assert (response.json()["field"], response.json()["errors"][0]["rule"]) == (
        "query.date",
        "date_range",
    )


def test_a_body_over_the_limit_is_refused_with_413(client: TestClient, auth: TokenFactory) -> None:
    plan = open_plan(client, auth)
    body = json.dumps(GOAL | {"text": "x" * (MAX_BODY_BYTES + 1)}).encode()
    headers = auth() | {"Content-Type": "application/json"}
    declared = client.post(f"/plans/{plan}/goals", content=body, headers=headers)
    chunked = client.post(
        f"/plans/{plan}/goals", content=iter([body[:1000], body[1000:]]), headers=headers
    )
    for response in (declared, chunked):
        assert response.status_code == 413, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["rule"] == "http-413"
    assert len(client.get(f"/plans/{plan}/events", headers=auth()).json()["items"]) == 1
