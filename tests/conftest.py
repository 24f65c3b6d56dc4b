"""Test fixtures. PostgreSQL is real: the CI server on 127.0.0.1:5432 when `CI` is set (or the
URL in PLANSPOR_TEST_DATABASE_URL), otherwise the embedded server. It never skips: if PostgreSQL
cannot be reached, the tests that need it fail."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from adapters.database import ensure_database, eventsourcing_env, start_embedded
from adapters.settings import Settings
from application.service import Planspor

ROOT = Path(__file__).resolve().parent.parent

# The tests' `date.today()` is the service's civil date (Europe/Oslo, domain.facts.local_date):
# between midnight in Oslo and midnight UTC the two differ, and a test would expect yesterday.
os.environ["TZ"] = "Europe/Oslo"
time.tzset()
# The test process holds every test's objects: its collections are slow, and not the service's.
os.environ.setdefault("PLANSPOR_SLOW_COLLECTION_MS", "0")


def _server_url() -> str:
    if url := os.environ.get("PLANSPOR_TEST_DATABASE_URL"):
        return url
    if os.environ.get("CI"):
        return "postgresql://postgres@127.0.0.1:5432/postgres"
    return start_embedded(ROOT / "var" / "test", dbname="postgres")


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new database named `<prefix>_<random>` on the test server; dropped when done."""
    admin_url = _server_url()
    dbname = f"{prefix}_{uuid.uuid4().hex[:8]}"
    ensure_database(admin_url, dbname)
    info = psycopg.conninfo.conninfo_to_dict(admin_url)
    yield psycopg.conninfo.make_conninfo(**{**info, "dbname": dbname})  # type: ignore[arg-type]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh database for this test session, dropped afterwards."""
    with fresh_database("planspor_test") as url:
        yield url


@pytest.fixture
def pg_env(pg_url: str) -> Iterator[dict[str, str]]:
    """Event-store env on the session database; every table is dropped after each test."""
    yield eventsourcing_env(Settings(), pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=["memory", "postgres"])
def app(request: pytest.FixtureRequest) -> Iterator[Planspor]:
    """The application on the in-memory store and on PostgreSQL: each scenario runs on both."""
    env = {"PERSISTENCE_MODULE": "eventsourcing.popo", "SNAPSHOT_INTERVAL": "5"}
    if request.param == "postgres":
        env = request.getfixturevalue("pg_env") | {"SNAPSHOT_INTERVAL": "5"}
    application = Planspor(env=env)
    yield application
    application.close()


class ReadModels:
    """The application plus a runner for the read models, caught up on demand."""

    def __init__(self, env: dict[str, str]) -> None:
        from adapters.readmodels.catalog import MODELS  # noqa: PLC0415
        from adapters.readmodels.runner import Runner, active_views  # noqa: PLC0415

        self.env = env
        self.app = Planspor(env=env)
        self.runner = Runner(self.app, active_views(env, list(MODELS)), page_size=50)

    def catch_up(self) -> int:
        return self.runner.catch_up()

    def query(self, statement: str, *params: object) -> list[dict[str, Any]]:
        from psycopg.rows import dict_row  # noqa: PLC0415

        from adapters.database import conninfo  # noqa: PLC0415

        with psycopg.connect(conninfo(self.env), row_factory=dict_row) as conn:
            return conn.execute(statement, params).fetchall()

    def close(self) -> None:
        self.runner.close()
        self.app.close()


@pytest.fixture
def read_models(pg_env: dict[str, str]) -> Iterator[ReadModels]:
    models = ReadModels(pg_env)
    yield models
    models.close()
