"""An HTTP client on the real app (PostgreSQL event store) and development tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from adapters.auth import build_verifier, issue_dev_token
from adapters.settings import Settings
from api.app import create_app
from api.pages.common import SESSION_COOKIE
from application.service import Planspor
from domain.values import Role

TokenFactory = Callable[..., dict[str, str]]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


@pytest.fixture
def client(settings: Settings, pg_env: dict[str, str]) -> Iterator[TestClient]:
    app = create_app(settings, planspor=Planspor(env=pg_env), verifier=build_verifier(settings))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth(settings: Settings) -> TokenFactory:
    """Headers with a development token; keyword arguments override the coordinator's claims."""

    def headers(**claims: Any) -> dict[str, str]:
        values: dict[str, Any] = {
            "person_id": "k-100",
            "name": "Kari Koordinator",
            "role": Role.COORDINATING_UNIT,
            "municipality": "5001",
        } | claims
        return {"Authorization": f"Bearer {issue_dev_token(settings, **values)}"}

    return headers


@pytest.fixture
def catch_up(pg_env: dict[str, str]) -> Iterator[Callable[[], int]]:
    """Bring every read model up to the head of the log (what `planspor project run` does)."""
    from tests.conftest import ReadModels  # noqa: PLC0415

    models = ReadModels(pg_env)
    yield models.catch_up
    models.close()


Login = Callable[[dict[str, str]], str]


@pytest.fixture
def planspor(client: TestClient) -> Planspor:
    app: Planspor = client.app.state.planspor  # type: ignore[attr-defined]
    return app


@pytest.fixture
def login(client: TestClient) -> Iterator[Login]:
    """A session for the claims, as a login would start it; returns its CSRF token."""

    def start(claims: dict[str, str]) -> str:
        store = client.app.state.sessions  # type: ignore[attr-defined]
        raw = store.start(claims, "idporten-loa-substantial")
        client.cookies.set(SESSION_COOKIE, raw)
        token: str = store.find(raw).csrf_token
        return token

    yield start
    client.cookies.clear()
