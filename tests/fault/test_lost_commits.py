"""An answer is never false: with the connection to PostgreSQL cut just before or just after
COMMIT, many times, every write answered 2xx is stored exactly once, every write answered "not
stored" (409) is not stored, and a write answered "outcome unknown" (503) is stored once after
a retry with the same Idempotency-Key."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.auth import build_verifier
from adapters.settings import Settings
from api.app import create_app
from application.service import Planspor
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN
from tests.fault.proxy import CuttingProxy

WRITES = 80


@pytest.fixture
def proxy(pg_env: dict[str, str]) -> Iterator[CuttingProxy]:
    target = (pg_env["POSTGRES_HOST"], int(pg_env["POSTGRES_PORT"]))
    cutting = CuttingProxy(target, seed=12, before=0.2, after=0.2)
    yield cutting
    cutting.close()


@pytest.fixture
def proxied(
    proxy: CuttingProxy, pg_env: dict[str, str], settings: Settings, tmp_path: Path
) -> Iterator[TestClient]:
    env = pg_env | {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(proxy.port)}
    app = create_app(settings, planspor=Planspor(env=env), verifier=build_verifier(settings))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _goal(n: int) -> dict[str, Any]:
    return {"text": f"mål {n}", "formulated_by": "user", "user_agreement": "agreed"}


def _stored_goals(pg_env: dict[str, str], plan_id: str) -> Counter[str]:
    direct = Planspor(env=pg_env)
    try:
        events = direct.events.get(plan_id)  # type: ignore[arg-type]
        return Counter(e.text for e in events if type(e).__name__ == "GoalAdded")  # type: ignore[attr-defined]
    finally:
        direct.close()


def test_every_answer_about_a_write_is_true_when_commits_are_cut(
    proxied: TestClient, proxy: CuttingProxy, auth: TokenFactory, pg_env: dict[str, str]
) -> None:
    plan_id = proxied.post("/plans", json=OPEN, headers=auth()).json()["plan_id"]
    consent = {"scope": "plan", "given_by": "user"}
    assert proxied.post(f"/plans/{plan_id}/consents", json=consent, headers=auth()).is_success
    answers: dict[str, int] = {}
    keyed: dict[str, str] = {}
    proxy.cutting = True
    for n in range(WRITES):
        headers = auth() | ({"Idempotency-Key": f"goal-{n}"} if n % 2 else {})
        response = proxied.post(f"/plans/{plan_id}/goals", json=_goal(n), headers=headers)
        answers[f"mål {n}"] = response.status_code
        if n % 2:
            keyed[f"mål {n}"] = f"goal-{n}"
        assert response.status_code in (201, 409, 503), response.text
        if response.status_code == 503:
            assert response.json()["rule"] in ("outcome-unknown", "database-unavailable")
    proxy.cutting = False
    first = Counter(answers.values())  # before the retries
    for text, status in answers.items():
        if status == 503 and text in keyed:  # the advice: retry with the same key
            retry = proxied.post(
                f"/plans/{plan_id}/goals",
                json=_goal(int(text.split()[1])),
                headers=auth() | {"Idempotency-Key": keyed[text]},
            )
            assert retry.status_code == 201, retry.text
            answers[text] = 201
    stored = _stored_goals(pg_env, plan_id)
    tally = Counter(answers.values())
    print(f"writes {WRITES}, first answers {dict(first)}, after retries {dict(tally)}, ", end="")
    print(f"cuts {dict(proxy.cuts)}")
    assert sum(proxy.cuts.values()) >= WRITES // 5
    for text, status in answers.items():
        if status == 201:
            assert stored[text] == 1, (text, stored[text])
        if status == 409:
            assert stored[text] == 0, text
        if status == 503:  # unknown without a key to retry with: at most once
            assert stored[text] <= 1, text
    assert max(stored.values()) == 1
