"""PostgreSQL restarts are survived: a real `planspor project run` catching up and the API taking
writes while every connection is cut again and again (the proxy plays the restarting server).
Afterwards the read models equal a clean rebuild, no acknowledged write is lost, and SIGTERM
stops the runner even while the database is down."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from psycopg.conninfo import make_conninfo

from adapters.auth import build_verifier
from adapters.readmodels import builds
from adapters.readmodels.catalog import MODELS
from adapters.settings import Settings
from api.app import create_app
from application.service import Planspor
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN
from tests.conftest import ReadModels
from tests.fault.proxy import CuttingProxy
from tests.readmodels.test_runner import _snapshot

ROOT = Path(__file__).resolve().parents[2]
WRITES, RESTARTS = 40, 10


@pytest.fixture
def proxy(pg_env: dict[str, str]) -> Iterator[CuttingProxy]:
    target = (pg_env["POSTGRES_HOST"], int(pg_env["POSTGRES_PORT"]))
    restarting = CuttingProxy(target, seed=4, before=0.0, after=0.0)
    yield restarting
    restarting.close()


def _via(proxy: CuttingProxy, pg_env: dict[str, str]) -> dict[str, str]:
    return pg_env | {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(proxy.port)}


def _runner(env: dict[str, str], tmp_path: Path) -> subprocess.Popen[bytes]:
    url = make_conninfo(
        dbname=env["POSTGRES_DBNAME"], host="127.0.0.1", port=env["POSTGRES_PORT"], user="postgres"
    )
    variables = os.environ | {
        "DATABASE_URL": url,
        "PLANSPOR_DATA_DIR": str(tmp_path),
        "PLANSPOR_LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "api", "project", "run", "--page-size", "3"]
    return subprocess.Popen(command, cwd=ROOT, env=variables)


def _restarts(proxy: CuttingProxy, done: threading.Event) -> None:
    rng = random.Random(7)
    for _ in range(RESTARTS):
        if done.wait(rng.uniform(0.05, 0.3)):
            return
        proxy.restart(down=rng.choice([0.0, 0.3, 1.0, 3.0]))  # 3 s outlasts every retry


def _write_through_restarts(client: TestClient, auth: TokenFactory) -> tuple[str, Counter[int]]:
    """Writes as a careful client makes them: each with a key, retried on 503 with that key."""
    statuses: Counter[int] = Counter()
    plan_id = None
    while plan_id is None:
        opened = client.post("/plans", json=OPEN, headers=auth() | {"Idempotency-Key": "open"})
        statuses[opened.status_code] += 1
        plan_id = opened.json().get("plan_id")
    consent = {"scope": "plan", "given_by": "user"}
    while True:
        headers = auth() | {"Idempotency-Key": "consent"}
        given = client.post(f"/plans/{plan_id}/consents", json=consent, headers=headers)
        statuses[given.status_code] += 1
        if given.status_code == 201:
            break
    for n in range(WRITES):
        body = {"text": f"mål {n}", "formulated_by": "user", "user_agreement": "agreed"}
        while True:
            headers = auth() | {"Idempotency-Key": f"goal-{n}"}
            response = client.post(f"/plans/{plan_id}/goals", json=body, headers=headers)
            statuses[response.status_code] += 1
            assert response.status_code in (201, 503), response.text
            if response.status_code == 201:
                break
    return str(plan_id), statuses


def test_restarts_during_catch_up_and_writes_lose_nothing(
    proxy: CuttingProxy,
    pg_env: dict[str, str],
    settings: Settings,
    auth: TokenFactory,
    tmp_path: Path,
) -> None:
    env = _via(proxy, pg_env)
    app = create_app(settings, planspor=Planspor(env=env), verifier=build_verifier(settings))
    with TestClient(app, raise_server_exceptions=False) as client:
        client.post(
            "/plans", json=OPEN | {"subject": {"name": "A", "person_id": "p-a"}}, headers=auth()
        )
        runner = _runner(env, tmp_path)
        done = threading.Event()
        restarting = threading.Thread(target=_restarts, args=(proxy, done))
        restarting.start()
        plan_id, statuses = _write_through_restarts(client, auth)
        done.set()
        restarting.join()
    models = ReadModels(pg_env)  # direct, not through the proxy
    head = models.app.recorder.max_notification_id() or 0
    deadline = time.monotonic() + 120  # a guard against hanging, not a measurement
    while min(v.position() for v in models.runner.views.values()) < head:
        assert runner.poll() is None, "the runner exited"
        assert time.monotonic() < deadline, "the runner stopped following the log"
        time.sleep(0.1)
    proxy.restart(down=0.0)
    proxy.refusing = True  # the database is down when the operator stops the runner
    runner.send_signal(signal.SIGTERM)
    assert runner.wait(timeout=30) == 0
    print(f"writes {WRITES}, answers {dict(statuses)}, cuts {dict(proxy.cuts)}")
    assert proxy.cuts["restart"] >= RESTARTS // 2

    events = models.app.events.get(UUID(plan_id))
    goals = Counter(getattr(e, "text", None) for e in events if type(e).__name__ == "GoalAdded")
    assert goals == Counter({f"mål {n}": 1 for n in range(WRITES)})
    incremental = _snapshot(models)
    for model in MODELS:
        builds.rebuild(models.app, pg_env, model, grace=0)
    assert _snapshot(models) == incremental
    models.close()
