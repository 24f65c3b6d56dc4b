"""Every request needs a valid bearer token: missing, expired, forged and alg=none are refused."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from fastapi.testclient import TestClient

from adapters.auth import issue_dev_token
from adapters.settings import Settings
from domain.values import Role

PLANS = "/plans/00000000-0000-0000-0000-000000000001"


def _token(settings: Settings, **kwargs: object) -> str:
    claims: dict[str, object] = {
        "person_id": "k-1",
        "name": "Kari",
        "role": Role.COORDINATOR,
        "municipality": "5001",
    } | kwargs
    return issue_dev_token(settings, **claims)  # type: ignore[arg-type]


def _refused(client: TestClient, token: str | None, reason: str) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(PLANS, headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == reason


def test_missing_token_is_401(client: TestClient) -> None:
    _refused(client, None, "missing bearer token")


def test_expired_token_is_401(client: TestClient, settings: Settings) -> None:
    _refused(client, _token(settings, ttl=timedelta(seconds=-120)), "token expired")


def test_forged_token_is_401(client: TestClient, settings: Settings) -> None:
    header, payload, signature = _token(settings).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"] = "supervisor"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    _refused(client, f"{header}.{forged}.{signature}", "invalid signature")


def test_token_from_another_key_is_401(client: TestClient, tmp_path_factory: object) -> None:
    other = Settings(data_dir=tmp_path_factory.mktemp("other"))  # type: ignore[attr-defined]
    _refused(client, _token(other), "invalid signature")


def test_alg_none_token_is_401(client: TestClient, settings: Settings) -> None:
    _, payload, _ = _token(settings).split(".")
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    _refused(client, f"{header}.{payload}.", "algorithm not allowed")


def test_valid_token_reaches_the_application(client: TestClient, settings: Settings) -> None:
    response = client.get(PLANS, headers={"Authorization": f"Bearer {_token(settings)}"})
    assert response.status_code == 404
