"""Outside development: `/login` goes straight to the identity provider, the picker is gone,
and the session cookie is Secure. Driven over HTTP through the same OIDC provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from fastapi.testclient import TestClient

from adapters.settings import Settings
from api.app import create_app
from api.demo_people import BY_ID
from application.service import Planspor
from tests.browser.conftest import Provider, browser_settings
from tests.conftest import ReadModels


@pytest.fixture
def production(
    provider: Provider, pg_env: dict[str, str], pg_url: str, tmp_path: Path
) -> Iterator[TestClient]:
    settings = browser_settings(
        provider, tmp_path, environment="production", pseudonym_key="a-real-secret",
        oidc_issuer=provider.url, oidc_jwks_url=f"{provider.url}/jwks", database_url=pg_url,
        oidc_redirect_uri="https://planspor.test/login/callback",
    )  # fmt: skip
    assert isinstance(settings, Settings)
    models = ReadModels(pg_env)
    models.catch_up()
    app = create_app(settings, planspor=Planspor(env=pg_env))
    with TestClient(app, base_url="https://planspor.test") as client:
        yield client
    models.close()


def test_in_production_login_goes_to_the_provider_and_the_cookie_is_secure(
    production: TestClient, provider: Provider
) -> None:
    picker = production.get("/login?next=/arbeidslister", follow_redirects=False)
    assert picker.status_code == 303
    assert picker.headers["location"] == "/login/start?next=/arbeidslister"
    start = production.get(picker.headers["location"], follow_redirects=False)
    authorize = start.headers["location"]
    assert authorize.startswith(f"{provider.url}/oauth2/authorize?")
    assert "code_challenge_method=S256" in authorize and "nonce=" in authorize
    provider.set_claims("k-100", BY_ID["k-100"].claims())
    answer = requests.post(authorize, data={"sub": "k-100"}, allow_redirects=False, timeout=10)
    callback = urlsplit(answer.headers["location"])
    assert callback.path == "/login/callback"
    signed_in = production.get(f"{callback.path}?{callback.query}", follow_redirects=False)
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/arbeidslister"
    cookie = signed_in.headers["set-cookie"]
    assert "planspor_sesjon=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    page = production.get("/arbeidslister")
    assert page.status_code == 200 and "Kari Koordinator" in page.text


def test_in_production_there_is_no_picker_of_demo_people(production: TestClient) -> None:
    refused = production.post("/login/dev", data={"person": "k-100", "csrf_token": "x"})
    assert refused.status_code == 404
    assert "planspor_sesjon" not in refused.headers.get("set-cookie", "")


def test_a_replayed_callback_is_refused(production: TestClient, provider: Provider) -> None:
    start = production.get("/login/start", follow_redirects=False)
    provider.set_claims("k-100", BY_ID["k-100"].claims())
    answer = requests.post(start.headers["location"], data={"sub": "k-100"},
                           allow_redirects=False, timeout=10)  # fmt: skip
    callback = urlsplit(answer.headers["location"])
    first = production.get(f"{callback.path}?{callback.query}", follow_redirects=False)
    assert first.status_code == 303
    production.cookies.clear()
    again = production.get(f"{callback.path}?{callback.query}", follow_redirects=False)
    assert again.status_code == 403, "a login attempt is used once"
