"""A page that needs a read model no runner has built yet answers a Norwegian 503 page (it was a
500: the pages knew "not caught up" but not "not built")."""

from __future__ import annotations

import psycopg
import pytest
from fastapi.testclient import TestClient

from api.pages.common import SESSION_COOKIE
from application import commands as c
from application.service import Planspor, WriteOptions
from domain.values import Actor

UNIT = Actor("ke-9", "Test Enhet", "coordinating_unit", "5001", unit="Koordinerende enhet")


def logged_in_with_a_plan(client: TestClient) -> tuple[Planspor, str]:
    """A plan opened by the coordinating unit, and its browser session on `client`."""
    planspor: Planspor = client.app.state.planspor  # type: ignore[attr-defined]
    opened = planspor.open_plan(
        UNIT,
        c.OpenPlan(
            municipality="5001",
            responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
            subject={"name": "Per Prøve", "person_id": "p-1"},
            source="gp",
        ),
        WriteOptions(),
    )
    store = client.app.state.sessions  # type: ignore[attr-defined]
    claims = {"sub": "ke-9", "name": "Test Enhet", "role": "coordinating_unit",
              "municipality": "5001", "unit": "Koordinerende enhet"}  # fmt: skip
    client.cookies.set(SESSION_COOKIE, store.start(claims, "idporten-loa-substantial"))
    return planspor, str(opened.plan_id)


def test_the_history_page_before_its_read_model_is_built_says_so(client: TestClient) -> None:
    _, plan_id = logged_in_with_a_plan(client)
    page = client.get(f"/planer/{plan_id}/historikk")
    assert page.status_code == 503, page.text[:300]
    assert "Siden kan ikke vises ennå" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_a_page_when_the_database_cannot_be_reached_answers_503_not_500(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API answers 503 database-unavailable; the pages did answer 500 with the same cause."""
    planspor, plan_id = logged_in_with_a_plan(client)
    assert client.get(f"/planer/{plan_id}").status_code == 200

    def unreachable(*args: object, **kwargs: object) -> None:
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(planspor, "grant_read", unreachable)
    page = client.get(f"/planer/{plan_id}")
    assert page.status_code == 503, page.text[:300]
    assert "Planspor svarer ikke akkurat nå" in page.text
    assert "Per Prøve" not in page.text
