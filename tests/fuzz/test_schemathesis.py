"""Schemathesis over the OpenAPI description, in process: requests generated from the schema
(seeded: the same run every time) reach real plans and complaints; no answer is a 5xx other than
a documented 503, every status is one the operation declares, and every body (errors included:
a `Problem`) conforms to its documented schema.

`make fuzz` runs it long (PLANSPOR_FUZZ_EXAMPLES) and writes the findings to a file
(PLANSPOR_FUZZ_FINDINGS); `make test` runs a short run."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from adapters.auth import build_verifier
from adapters.settings import Settings
from api.app import create_app
from application.service import Planspor
from domain.values import Role
from tests.conftest import ReadModels
from tests.fuzz.test_read_models_hold import World, body_of

EXAMPLES = int(os.environ.get("PLANSPOR_FUZZ_EXAMPLES", "150"))
SEED = int(os.environ.get("PLANSPOR_FUZZ_SEED", "20261201"))
FINDINGS = os.environ.get("PLANSPOR_FUZZ_FINDINGS")
DOCUMENTED_503 = {"read-model-behind", "database-unavailable", "outcome-unknown", "read-not-logged"}


def _everything() -> st.SearchStrategy[Any]:
    schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    return st.sampled_from(operations).flatmap(lambda operation: operation.as_strategy())


EVERYTHING = _everything()
MOSTLY = st.sampled_from([True] * 9 + [False])


class Fuzzer:
    """Sends a generated case to the app, mostly as an entitled actor on real ids."""

    def __init__(self, world: World, pg_env: dict[str, str]) -> None:
        self.world, self.models = world, ReadModels(pg_env)
        self.ids = world.fresh()
        self.ids["complaint_id"] = world.complaint(self.ids)
        self.requests, self.statuses, self.findings = 0, Counter[int](), list[dict[str, Any]]()

    def send(self, case: Any, real_ids: bool, authorised: bool) -> None:
        self.requests += 1
        if self.requests % 25 == 0:
            self.models.catch_up()
        values = {k: self.ids.get(k, v) if real_ids else v for k, v in case.path_parameters.items()}
        query = dict(case.query or {})
        if "min_position" in query:
            query["wait"] = 0  # nothing to gain from waiting in a fuzz run
        operation_id = case.operation.definition.raw["operationId"]
        if case.method == "get":
            role = Role.COMPLAINT_HANDLER if case.path.startswith("/complaints") else None
            actor = self.world.headers(role or Role.COORDINATING_UNIT)
        else:  # the actor entitled to the write: the user, a participant, a handler, the unit
            actor = self.world.actor(operation_id, self.ids)
        headers = dict(case.headers or {}) | (actor if authorised else {})
        kwargs = body_of(case)
        path = case.operation.path.format(**values)
        response = self.world.client.request(
            case.method, path, params=query or None, headers=headers, **kwargs
        )
        self.statuses[response.status_code] += 1
        self._judge(case, path, response)

    def _judge(self, case: Any, path: str, response: Any) -> None:
        where = {"method": case.method, "path": path, "status": response.status_code}
        if response.status_code >= 500 and not self._documented(response):
            self.findings.append(where | {"problem": "server error", "body": response.text[:500]})
        if response.status_code < 500 or self._documented(response):
            try:
                case.validate_response(
                    response, checks=[status_code_conformance, response_schema_conformance]
                )
            except Exception as failure:  # schemathesis raises a group of failures
                self.findings.append(where | {"problem": "schema", "detail": str(failure)[:500]})

    @staticmethod
    def _documented(response: Any) -> bool:
        return response.status_code == 503 and response.json().get("rule") in DOCUMENTED_503


@pytest.fixture
def fuzzer(pg_env: dict[str, str], tmp_path: Path) -> Iterator[Fuzzer]:
    app_settings = Settings(data_dir=tmp_path)
    app = create_app(
        app_settings, planspor=Planspor(env=pg_env), verifier=build_verifier(app_settings)
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        fuzz = Fuzzer(World(client, app_settings), pg_env)
        yield fuzz
        fuzz.models.close()


def test_no_request_gets_a_server_error_and_every_answer_fits_its_description(
    fuzzer: Fuzzer,
) -> None:
    @seed(SEED)
    @given(
        case=EVERYTHING,
        real_ids=st.booleans() | st.just(True),
        authorised=st.sampled_from([True] * 9 + [False]),
    )
    @settings(
        max_examples=EXAMPLES, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def send(case: Any, real_ids: bool, authorised: bool) -> None:
        fuzzer.send(case, real_ids, authorised)

    send()
    summary = {"requests": fuzzer.requests, "statuses": dict(fuzzer.statuses), "seed": SEED}
    print(f"schemathesis: {summary}, findings {len(fuzzer.findings)}")
    if FINDINGS:
        Path(FINDINGS).parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(summary), *map(json.dumps, fuzzer.findings)]
        Path(FINDINGS).write_text("\n".join(lines) + "\n")
    assert fuzzer.statuses[200] + fuzzer.statuses[201] > 0
    assert fuzzer.findings == []
