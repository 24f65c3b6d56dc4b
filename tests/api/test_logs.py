"""Logs carry ids, never names, plan content or tokens."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from adapters.logging import pseudonym
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import OPEN


def test_access_log_has_ids_and_no_names_content_or_tokens(
    capsys: pytest.CaptureFixture[str], client: TestClient, auth: TokenFactory
) -> None:
    headers = auth()
    capsys.readouterr()
    plan_id = client.post("/plans", json=OPEN, headers=headers).json()["plan_id"]
    client.post(
        f"/plans/{plan_id}/consents", json={"scope": "plan", "given_by": "user"}, headers=headers
    )
    client.post(
        f"/plans/{plan_id}/goals",
        json={"text": "Hemmelig mål om helse", "formulated_by": "user", "user_agreement": "agreed"},
        headers=headers,
    )
    client.get(f"/plans/{plan_id}", headers=headers)
    client.post(
        "/plans",
        json=OPEN | {"subject": {"name": "Ola", "national_id": "15076500566"}},
        headers=headers,
    )
    output = capsys.readouterr().out
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("logger") == "planspor.access"]
    assert len(access) == 5
    assert {line["actor_id"] for line in access} == {"k-100"}
    assert {line["route"] for line in access} >= {"/plans", "/plans/{plan_id}/goals"}
    for secret in (
        "Ola Nordmann",
        "Kari Koordinator",
        "Hemmelig mål",
        "15076500565",
        "15076500566",
        headers["Authorization"].removeprefix("Bearer "),
    ):
        assert secret not in output


def test_a_complaint_leaves_no_words_or_names_in_the_logs(
    capsys: pytest.CaptureFixture[str], client: TestClient, auth: TokenFactory
) -> None:
    opened = OPEN | {"subject": {"name": "Ola Nordmann", "person_id": "p-ola"}}
    plan_id = client.post("/plans", json=opened, headers=auth()).json()["plan_id"]
    ola = auth(person_id="p-ola", name="Ola Nordmann", role="user")
    capsys.readouterr()
    complaint = {
        "plan_id": plan_id,
        "grounds": ["lack_of_user_participation"],
        "complainants_words": "Koordinatoren overhørte meg om rusen",
        "knew_on": "2026-11-01",
    }
    filed = client.post("/complaints", json=complaint, headers=ola)
    assert filed.status_code == 201
    client.get(f"/complaints/{filed.json()['complaint_id']}", headers=ola)
    client.post("/complaints", json=complaint | {"grounds": ["rusen"]}, headers=ola)  # 422
    output = capsys.readouterr().out
    access = [line for line in output.splitlines() if '"planspor.access"' in line]
    assert len(access) == 3
    for secret in ("Ola Nordmann", "overhørte", "rusen"):
        assert secret not in output


def test_an_identity_number_as_the_tokens_subject_is_logged_as_its_pseudonym(
    capsys: pytest.CaptureFixture[str], client: TestClient, auth: TokenFactory
) -> None:
    opened = OPEN | {"subject": {"name": "Ola Nordmann", "national_id": "15076500565"}}
    plan_id = client.post("/plans", json=opened, headers=auth()).json()["plan_id"]
    ola = auth(person_id="15076500565", name="Ola Nordmann", role="user")
    capsys.readouterr()
    client.get(f"/plans/{plan_id}", headers=ola)
    client.get("/plans/not-a-plan", headers=ola)  # 422: the failed request is logged too
    client.get("/complaints", headers=ola)
    output = capsys.readouterr().out
    access = [json.loads(line) for line in output.splitlines() if '"planspor.access"' in line]
    assert len(access) == 3
    assert {line["actor_id"] for line in access} == {pseudonym("15076500565")}
    assert pseudonym("15076500565") != pseudonym("15076500566")
    assert "15076500565" not in output
