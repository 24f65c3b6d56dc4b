"""The divergence the one consent rule removes, over HTTP: a plan consent dated back 60 days that
expired yesterday gives no access to content AND leaves point h uncovered in the plan list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient

from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN

CatchUp = Callable[[], int]


def test_a_backdated_consent_that_expired_yesterday_refuses_content_and_misses_point_h(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    opened = client.post("/plans", json=OPEN | {"effective_at": _ago(90)}, headers=auth())
    plan = f"/plans/{opened.json()['plan_id']}"
    consent = {
        "scope": "plan",
        "given_by": "user",
        "effective_at": _ago(60),
        "valid_until": (date.today() - timedelta(days=1)).isoformat(),
    }
    assert client.post(f"{plan}/consents", json=consent, headers=auth()).status_code == 201
    goal = {"text": "Gå tur", "formulated_by": "user", "user_agreement": "agreed"}
    refused = client.post(f"{plan}/goals", json=goal, headers=auth())
    assert (refused.status_code, refused.json()["field"]) == (409, "consents")
    catch_up()
    (row,) = client.get("/plans", headers=auth()).json()["items"]
    assert row["completeness"]["h"] is False
    assert "h" in row["missing"]


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()
