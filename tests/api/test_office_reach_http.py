"""Statsforvalteren's reach is regional: a supervisor of one office gets 404 for a plan in a
municipality its office does not cover, and 403 for figures there; Helsetilsynet reaches all."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from domain.values import Role
from tests.api.conftest import TokenFactory

CatchUp = Callable[[], int]


def supervisor(office: str, municipality: str = "0301") -> dict[str, str]:
    return {
        "person_id": f"t-{office}",
        "name": "Tor Tilsyn",
        "role": Role.SUPERVISOR,
        "municipality": municipality,
        "office": office,
    }


def trondheim_plan(client: TestClient, auth: TokenFactory) -> str:
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "Koordinerende enhet"},
        "subject": {"name": "Ola Nordmann", "person_id": "p-1"},
        "source": "gp",
    }
    response = client.post("/plans", json=body, headers=auth())
    assert response.status_code == 201, response.text
    return str(response.json()["plan_id"])


def test_a_supervisor_reaches_only_plans_its_office_covers(
    client: TestClient, auth: TokenFactory
) -> None:
    path = f"/plans/{trondheim_plan(client, auth)}"
    purpose = {"purpose": "Tilsyn 2026/7"}
    outside = client.get(path, params=purpose, headers=auth(**supervisor("vestland")))
    assert outside.status_code == 404
    assert "Ola Nordmann" not in outside.text
    inside = client.get(path, params=purpose, headers=auth(**supervisor("trondelag", "5001")))
    assert inside.status_code == 200, inside.text
    national = client.get(path, params=purpose, headers=auth(**supervisor("helsetilsynet")))
    assert national.status_code == 200, national.text
    events = client.get(f"{path}/events", params=purpose, headers=auth(**supervisor("agder")))
    assert events.status_code == 404


def test_a_supervisor_asks_figures_only_within_its_office(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    trondheim_plan(client, auth)
    catch_up()
    figures = "/statistics/virksomme-planer"
    asked = {"municipality": "5001"}
    refused = client.get(figures, params=asked, headers=auth(**supervisor("vestland", "4601")))
    assert refused.status_code == 403
    assert (refused.json()["field"], refused.json()["rule"]) == (
        "municipality",
        "outside-office-reach",
    )
    allowed = client.get(figures, params=asked, headers=auth(**supervisor("trondelag", "5001")))
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["total"]["plans"] == 1
