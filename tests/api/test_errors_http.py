"""Errors name what they are about: a domain rule names its field(s) (a goal refused for lack of
consent names the consents), a body error points into the body (RFC 6901), and a body that is
not JSON says where parsing failed instead of passing the offset off as a field name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN

GOAL = {"text": "Gå tur", "formulated_by": "user", "user_agreement": "agreed"}


def opened(client: TestClient, auth: TokenFactory) -> str:
    response = client.post("/plans", json=OPEN, headers=auth())
    assert response.status_code == 201, response.text
    return f"/plans/{response.json()['plan_id']}"


def test_a_goal_refused_for_lack_of_consent_names_the_consents(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = opened(client, auth)
    refused = client.post(f"{plan}/goals", json=GOAL, headers=auth())
    assert refused.status_code == 409
    body = refused.json()
    assert (body["rule"], body["field"], body["fields"]) == (
        "consent-to-plan-required",
        "consents",
        ["consents"],
    )


def test_content_dated_before_the_consent_names_the_date_and_the_consents(
    client: TestClient, auth: TokenFactory
) -> None:
    plan = opened(client, auth)
    consent = client.post(
        f"{plan}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth()
    )
    assert consent.status_code == 201
    early = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    refused = client.post(f"{plan}/goals", json=GOAL | {"effective_at": early}, headers=auth())
    assert refused.status_code == 409
    body = refused.json()
    assert (body["rule"], body["fields"]) == (
        "content-dated-before-consent",
        ["effective_at", "consents"],
    )


def test_a_body_error_points_into_the_body(client: TestClient, auth: TokenFactory) -> None:
    plan = opened(client, auth)
    client.post(f"{plan}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth())
    measure = {"measure": {"title": "", "responsible_service": "Fysio"}}
    refused = client.post(f"{plan}/measures", json=measure, headers=auth())
    assert refused.status_code == 422
    body = refused.json()
    assert (body["field"], body["pointer"]) == ("measure.title", "/measure/title")


def test_a_malformed_json_body_names_its_position_not_a_field(
    client: TestClient, auth: TokenFactory
) -> None:
    headers = auth() | {"Content-Type": "application/json"}
    refused = client.post("/plans", content=b'{"municipality": "5001", ', headers=headers)
    assert refused.status_code == 422
    body = refused.json()
    assert body["rule"] == "validation" and "field" not in body
    assert (body["pointer"], body["offset"]) == ("", 25)
    assert body["errors"][0]["rule"] == "json_invalid"
