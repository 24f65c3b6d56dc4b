"""/docs and /redoc work on a closed network: their pages name no external host, and every
asset they load is served by Planspor itself from an installed package."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from adapters.settings import Settings
from api.app import create_app

REFERENCE = re.compile(r"""(?:src|href|spec-url)="([^"]+)"|url: '([^']+)'""")


@pytest.fixture
def docs_client() -> TestClient:
    return TestClient(create_app(Settings()))  # no lifespan: the pages need no database


@pytest.mark.parametrize(
    ("page", "script"), [("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")]
)
def test_documentation_pages_load_their_assets_from_planspor_and_name_no_external_host(
    docs_client: TestClient, page: str, script: str
) -> None:
    html = docs_client.get(page)
    assert html.status_code == 200
    assert "http://" not in html.text
    assert "https://" not in html.text
    references = [a or b for a, b in REFERENCE.findall(html.text)]
    assert any(reference.endswith(script) for reference in references), references
    for reference in references:
        assert reference.startswith("/"), reference
        assert not reference.startswith("//"), reference
        if reference == "/openapi.json":
            continue
        asset = docs_client.get(reference)
        assert asset.status_code == 200, reference
        assert len(asset.content) > 1000, reference
    bundle = docs_client.get(next(r for r in references if r.endswith(script)))
    assert "javascript" in bundle.headers["content-type"]
    assert len(bundle.content) > 500_000  # the whole UI, not a loader that fetches it elsewhere
