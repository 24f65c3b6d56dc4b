"""Virksomme planer over HTTP: labelled figures, verdicts with reasons, and refused questions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from application.service import Planspor
from tests.api.conftest import TokenFactory
from tests.readmodels.virksom_history import D, day, plan

URL = "/statistics/virksomme-planer"


def get(client: TestClient, auth: TokenFactory, path: str, **params: Any) -> Any:
    response = client.get(path, params=params, headers=auth())
    assert response.status_code == 200, response.text
    return response.json()


def two_plans(client: TestClient, catch_up: Callable[[], int]) -> None:
    app: Planspor = client.app.state.planspor  # type: ignore[attr-defined]
    plan(app, "p-1", unit="a")
    plan(app, "p-2", unit="b", meeting=None, evaluation=(200, -100))  # no activity in 180 days
    catch_up()


def test_the_figures_are_labelled_with_the_question_they_answer(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    two_plans(client, catch_up)
    reported = datetime.now(UTC)
    body = get(client, auth, URL, reference_date=D.isoformat(), known_at=reported.isoformat())
    assert body["reference_date"] == D.isoformat()
    assert datetime.fromisoformat(body["known_at"]) == reported
    assert body["thresholds"] == {
        "activity_window_days": 180,
        "evaluation_interval_days": 365,
        "revision_grace_days": 30,
    }
    assert body["municipality"] == "5001" and body["log_position"] > 0
    total = body["total"]
    assert (total["unit_id"], total["plans"], total["virksom"], total["share_virksom"]) == (
        None,
        2,
        1,
        0.5,
    )
    assert total["passed"] == {"started": 2, "in_active_use": 1, "updated": 2}
    assert total["quality"]["consent_in_force"] == {"numerator": 2, "denominator": 2, "share": 1.0}
    assert total["quality"]["meetings_with_user"]["denominator"] == 1
    assert [(u["unit_id"], u["virksom"]) for u in body["units"]] == [("a", 1), ("b", 0)]


def test_thresholds_and_scope_come_from_the_question(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    two_plans(client, catch_up)
    wider = get(client, auth, URL, reference_date=D.isoformat(), activity_window_days=200)
    assert (wider["thresholds"]["activity_window_days"], wider["total"]["virksom"]) == (200, 2)
    unit = get(client, auth, URL, reference_date=D.isoformat(), unit_id="b")
    assert (unit["total"]["plans"], [u["unit_id"] for u in unit["units"]]) == (1, ["b"])
    future = datetime.now(UTC) + timedelta(days=30)
    capped = get(client, auth, URL, known_at=future.isoformat())
    assert datetime.fromisoformat(capped["known_at"]) <= datetime.now(UTC)
    elsewhere = client.get(URL, headers=auth(municipality="0301")).json()
    assert (elsewhere["total"]["plans"], elsewhere["units"]) == (0, [])


def test_each_plan_has_a_verdict_with_labelled_reasons_and_deciding_facts(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    two_plans(client, catch_up)
    first = get(client, auth, f"{URL}/plans", reference_date=D.isoformat(), limit=1)
    assert first["reference_date"] == D.isoformat() and first["next_cursor"]
    second = get(
        client, auth, f"{URL}/plans", reference_date=D.isoformat(), cursor=first["next_cursor"]
    )
    assert second["next_cursor"] is None
    items = {item["unit_id"]: item for item in first["items"] + second["items"]}
    assert (items["a"]["virksom"], items["b"]["virksom"]) == (True, False)
    labels = [criterion["label"] for criterion in items["b"]["criteria"]]
    assert labels == [
        "Koordinator oppnevnt og planarbeid igangsatt",
        "I aktiv bruk",
        "Oppdateres regelmessig",
    ]
    in_use = items["b"]["criteria"][1]
    assert (in_use["passed"], [r["code"] for r in in_use["reasons"]]) == (False, ["no_activity"])
    assert [fact["version"] for fact in in_use["facts"]] == [7]  # the evaluation 200 days back
    assert items["b"]["last_activity_on"] == day(200).isoformat()


def test_a_malformed_question_is_refused_naming_the_field(
    client: TestClient, auth: TokenFactory
) -> None:
    for params, field in (
        ({"reference_date": "2025-13-45"}, "query.reference_date"),
        ({"known_at": "2025-12-31T12:00:00"}, "query.known_at"),  # no offset
        ({"revision_grace_days": "-1"}, "query.revision_grace_days"),
    ):
        response = client.get(URL, params=params, headers=auth())
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["field"] == field
    bad_cursor = client.get(f"{URL}/plans", params={"cursor": "WyJ4Il0"}, headers=auth())
    assert (bad_cursor.status_code, bad_cursor.json()["field"]) == (422, "query.cursor")
