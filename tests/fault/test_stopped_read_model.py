"""A read model whose handler fails stops alone at that event, visibly (/health, `project
status`, the log: the model, the position and the error class, never content), the others go
on, and `planspor project retry` lets it continue once fixed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from adapters.database import conninfo
from adapters.readmodels.catalog import MODELS
from api.cli import cli
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN
from tests.conftest import ReadModels

SECRET = "Hemmelig mål om rusen"


def _write_plan(client: TestClient, auth: TokenFactory) -> int:
    """A plan with a goal; returns the log position of the goal (what the fault hits)."""
    plan = f"/plans/{client.post('/plans', json=OPEN, headers=auth()).json()['plan_id']}"
    client.post(f"{plan}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth())
    goal = {"text": SECRET, "formulated_by": "user", "user_agreement": "agreed"}
    position = client.post(f"{plan}/goals", json=goal, headers=auth()).json()["position"]
    client.post(f"{plan}/needs", json={"description": "Noe"}, headers=auth())
    return int(position)


def _fail_on_goals(monkeypatch: pytest.MonkeyPatch) -> None:
    model = MODELS["history"]
    apply = model.apply

    def failing(event: Any, position: int, batch: Any) -> None:
        if type(event).__name__ == "GoalAdded":
            raise KeyError(event.text)  # what a careless handler does: content in the error
        apply(event, position, batch)

    monkeypatch.setattr(model, "apply", failing)


def test_a_failing_handler_stops_its_model_alone_visibly_until_retried(
    client: TestClient,
    auth: TokenFactory,
    pg_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    goal_at = _write_plan(client, auth)
    _fail_on_goals(monkeypatch)
    models = ReadModels(pg_env)
    capsys.readouterr()
    models.catch_up()
    head = models.app.recorder.max_notification_id()
    assert models.runner.failed == {"history": (goal_at, "KeyError")}
    assert {name: view.position() for name, view in models.runner.views.items()} == {
        name: head for name in MODELS if name != "history"
    }
    output = capsys.readouterr().out
    stopped = [json.loads(line) for line in output.splitlines() if "read_model_stopped" in line]
    assert [(e["event"], e["model"], e["position"], e["error_type"]) for e in stopped] == [
        ("read_model_stopped", "history", goal_at, "KeyError")
    ]

    health = client.get("/health").json()
    assert health["status"] == "degraded"
    assert health["read_models"]["history"]["position"] == goal_at - 1
    assert health["read_models"]["history"]["stopped"] == {"position": goal_at, "error": "KeyError"}
    assert health["read_models"]["plans"]["stopped"] is None

    monkeypatch.setenv("PLANSPOR_DATABASE_URL", conninfo(pg_env))
    status = CliRunner().invoke(cli, ["project", "status"])
    assert f"history: build 1 at {goal_at - 1}" in status.output
    assert f"STOPPED at {goal_at}: KeyError" in status.output
    assert SECRET not in output + status.output + json.dumps(health) + capsys.readouterr().out

    monkeypatch.undo()  # the handler is fixed
    monkeypatch.setenv("PLANSPOR_DATABASE_URL", conninfo(pg_env))
    assert (
        "runners will retry it" in CliRunner().invoke(cli, ["project", "retry", "history"]).output
    )
    models.runner._follow_registry(pg_env)  # what a running `project run` does every second
    models.catch_up()
    assert models.runner.failed == {}
    assert models.runner.views["history"].position() == head
    assert client.get("/health").json()["status"] == "ok"
    models.close()
