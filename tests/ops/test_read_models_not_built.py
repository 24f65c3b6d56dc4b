"""Before any runner has built the read models, their endpoints answer 503 problem+json saying
so and how to start them; /health says the same. Never a 500."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from domain.values import Role
from tests.api.conftest import TokenFactory
from tests.conftest import ReadModels

PLAN = {
    "municipality": "5001",
    "responsible_unit": {"unit_id": "ke", "name": "Koordinerende enhet"},
    "subject": {"name": "Ola Nordmann", "person_id": "p-1"},
    "source": "gp",
}
MODELS = {"plans", "history", "virksom", "complaints"}


def _reads(plan_id: str) -> list[tuple[str, dict[str, Any]]]:
    """Every read-model endpoint, with the role and purpose that may call it."""
    unit = {"role": Role.COORDINATING_UNIT}
    supervisor = {
        "role": Role.SUPERVISOR,
        "person_id": "t-1",
        "name": "Tore Tilsyn",
        "office": "trondelag",
    }
    handler = {"role": Role.COMPLAINT_HANDLER, "person_id": "kb-1", "name": "Kim Klage"}
    leader = {"role": Role.UNIT_LEADER, "person_id": "l-1", "name": "Lea Leder", "unit": "Enhet"}
    worklists = [
        "without-coordinator",
        "overdue-evaluations",
        "overdue-measures",
        "dormant-plans",
        "measures-without-decision",
        "caseload",
    ]
    return [
        ("/plans", unit),
        *[(f"/worklists/{name}", unit) for name in worklists],
        (f"/plans/{plan_id}/history", unit),
        ("/audit-trail?purpose=tilsynssak-1", supervisor),
        ("/audit-trail/export?purpose=tilsynssak-1", supervisor),
        ("/complaints", handler),
        ("/statistics/virksomme-planer?date=2026-01-01", leader),
        ("/statistics/virksomme-planer/plans?date=2026-01-01", leader),
    ]


def _run_the_read_models(env: dict[str, str]) -> None:
    """What `planspor project run` does first: build every model and catch up."""
    models = ReadModels(env)
    models.catch_up()
    models.close()


def test_read_model_endpoints_answer_503_naming_the_model_until_a_runner_builds_it(
    client: TestClient, auth: TokenFactory, pg_env: dict[str, str]
) -> None:
    plan = client.post("/plans", json=PLAN, headers=auth())
    assert plan.status_code == 201, plan.text  # writes do not need the read models
    endpoints = _reads(plan.json()["plan_id"])
    for path, claims in endpoints:
        answer = client.get(path, headers=auth(**claims))
        assert answer.status_code == 503, (path, answer.status_code, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["rule"] == "read-model-not-built", path
        assert problem["read_model"] in MODELS
        assert "planspor project run" in problem["detail"]
        assert answer.headers["Retry-After"]

    _run_the_read_models(pg_env)
    for path, claims in endpoints:
        answer = client.get(path, headers=auth(**claims))
        assert answer.status_code == 200, (path, answer.status_code, answer.text)


def test_the_read_log_needs_no_runner_a_read_is_listed_as_soon_as_it_was_recorded(
    client: TestClient, auth: TokenFactory
) -> None:
    """The read log is a table the read itself writes (decision record 0022), not a read model:
    with no runner at all, the read just made is the newest in the list."""
    plan = client.post("/plans", json=PLAN, headers=auth())
    plan_id = plan.json()["plan_id"]
    assert client.get(f"/plans/{plan_id}", headers=auth()).status_code == 200
    reads = client.get(f"/plans/{plan_id}/reads", headers=auth())
    assert reads.status_code == 200, reads.text
    assert [item["what"] for item in reads.json()["items"]][-1] == "plan"
    assert client.get("/health").json()["read_models_not_built"]  # none of them is built


def test_health_says_which_read_models_are_not_built_and_how_to_start_them(
    client: TestClient, pg_env: dict[str, str]
) -> None:
    before = client.get("/health")
    assert before.status_code == 200
    assert before.json()["status"] == "degraded"
    assert set(before.json()["read_models_not_built"]) == MODELS
    assert "planspor project run" in before.json()["detail"]

    _run_the_read_models(pg_env)
    after = client.get("/health").json()
    assert after["status"] == "ok"
    assert after["read_models_not_built"] == []
    assert set(after["read_models"]) == MODELS
