"""Every command the API accepts is one every read model can apply: commands generated from the
API's own OpenAPI description (schemathesis' strategies, i.e. hypothesis) are sent over HTTP to
real plans; afterwards every read model catches up to the head of the log without an error."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NOT_SET

from adapters.auth import issue_dev_token
from adapters.settings import Settings
from api.app import create_app
from domain.values import Role
from tests.conftest import ReadModels

EXAMPLES = 80
WRITE_METHODS = {"post", "put", "patch", "delete"}
ROLES = {"": Role.COORDINATING_UNIT, "complaints": Role.COMPLAINT_HANDLER}


def _writes() -> st.SearchStrategy[Any]:
    schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    writes = [operation for operation in operations if operation.method in WRITE_METHODS]
    return st.sampled_from(writes).flatmap(lambda operation: operation.as_strategy())


WRITES = _writes()


def body_of(case: Any) -> dict[str, Any]:
    """The generated body as request keywords (none when the operation takes none)."""
    return {} if case.body is None or case.body is NOT_SET else {"json": case.body}


class World:
    """A fresh plan (consent, goal, measure) for each generated command, and a complaint on it."""

    def __init__(self, client: TestClient, settings: Settings) -> None:
        self.client, self.settings, self.counter = client, settings, itertools.count()

    def headers(self, role: Role, person_id: str = "k-100") -> dict[str, str]:
        token = issue_dev_token(
            self.settings, person_id=person_id, name="N N", role=role, municipality="5001"
        )
        return {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: dict[str, Any], role: Role, person: str = "k-100") -> Any:
        response = self.client.post(path, json=body, headers=self.headers(role, person))
        assert response.status_code in (200, 201), response.text
        return response.json()

    def fresh(self) -> dict[str, str]:
        person, unit = f"p-{next(self.counter)}", Role.COORDINATING_UNIT
        plan = self.post(
            "/plans",
            {
                "municipality": "5001",
                "responsible_unit": {"unit_id": "ke", "name": "KE"},
                "subject": {"name": "Ola", "person_id": person},
                "source": "gp",
            },
            unit,
        )["plan_id"]
        consent = self.post(f"/plans/{plan}/consents", {"scope": "plan", "given_by": "user"}, unit)
        goal = {"text": "Mål", "formulated_by": "user", "user_agreement": "agreed"}
        measure = {"measure": {"title": "Tiltak", "responsible_service": "Hjemmetjenesten"}}
        return {
            "plan_id": plan,
            "person": person,
            "consent_id": consent["created_id"],
            "goal_id": self.post(f"/plans/{plan}/goals", goal, unit)["created_id"],
            "measure_id": self.post(f"/plans/{plan}/measures", measure, unit)["created_id"],
            "number": "1",
        }

    def complaint(self, ids: dict[str, str]) -> str:
        body = {
            "plan_id": ids["plan_id"],
            "grounds": ["lack_of_user_participation"],
            "complainants_words": "Ingen spurte meg",
            "knew_on": "2026-11-01",
        }
        filed = self.post("/complaints", body, Role.USER, ids["person"])
        return str(filed["complaint_id"])

    def send(self, case: Any) -> int:
        ids = self.fresh()
        if "complaint_id" in case.path_parameters:
            ids["complaint_id"] = self.complaint(ids)
        path = case.operation.path.format(
            **{k: ids.get(k, v) for k, v in case.path_parameters.items()}
        )
        role = ROLES.get(path.split("/")[1] if path.count("/") > 1 else "", Role.COORDINATING_UNIT)
        if path == "/complaints":
            role, headers = Role.USER, self.headers(Role.USER, ids["person"])
        else:
            headers = self.headers(role)
        kwargs = body_of(case)
        response = self.client.request(
            case.method, path, params=case.query or None, headers=headers, **kwargs
        )
        return response.status_code


@pytest.fixture
def world(pg_env: dict[str, str], tmp_path: Any) -> Iterator[World]:
    from adapters.auth import build_verifier  # noqa: PLC0415
    from application.service import Planspor  # noqa: PLC0415

    app_settings = Settings(data_dir=tmp_path)
    app = create_app(
        app_settings, planspor=Planspor(env=pg_env), verifier=build_verifier(app_settings)
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        yield World(client, app_settings)


def test_every_command_the_api_accepts_is_applied_by_every_read_model(
    world: World, pg_env: dict[str, str]
) -> None:
    statuses: Counter[int] = Counter()

    @given(case=WRITES)
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(case: Any) -> None:
        status = world.send(case)
        statuses[status] += 1
        assert status < 500, (case.method, case.operation.path, case.body)

    send()
    assert sum(n for status, n in statuses.items() if status < 300) > EXAMPLES // 10, statuses
    models = ReadModels(pg_env)
    try:
        models.catch_up()
        head = models.app.recorder.max_notification_id()
        assert {name: view.position() for name, view in models.runner.views.items()} == {
            name: head for name in models.runner.views
        }
    finally:
        models.close()
