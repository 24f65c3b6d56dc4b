"""A unit leader sees no names and no plan content in any list across plans: every list endpoint
is walked over HTTP on plans full of names and texts, and the body must hold none of them. Every
field a list schema shows is classified in the policy's field-level view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from api import overview_schemas, virksom_verdicts
from application.list_view import LIST_FIELDS
from domain.values import Role
from tests.api.conftest import TokenFactory

CatchUp = Callable[[], int]
LEADER = {"person_id": "l-1", "name": "Liv Leder", "role": Role.UNIT_LEADER,
          "unit": "Koordinerende enhet"}  # fmt: skip
SECRETS = {
    "subject": "Ola Hemmeligsen",
    "other_subject": "Eva Skjultvik",
    "coordinator": "Kari Navnesen",
    "deputy": "Dag Stedfortredersen",
    "participant": "Nina Deltakersen",
    "responsible_person": "Per Ansvarligsen",
    "goal": "Klare trappene hjemme igjen",
    "mapping": "Jeg vil helst bo i huset mitt",
    "measure": "Rusbehandling hos Blåkors",
    "responsible_service": "Psykisk helse ettervern",
    "contribution": "Kjører til behandling",
    "decision": "Søke om avlastningsopphold",
}
LISTS = [
    "/plans",
    "/worklists/without-coordinator",
    "/worklists/overdue-evaluations",
    "/worklists/overdue-measures",
    "/worklists/dormant-plans?days=1",
    "/worklists/measures-without-decision",
    "/worklists/caseload",
    "/statistics/virksomme-planer",
    "/statistics/virksomme-planer/plans",
]


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def _post(
    client: TestClient, auth: TokenFactory, path: str, body: dict[str, Any], method: str = "POST"
) -> str:
    response = client.request(method, path, json=body, headers=auth())
    assert response.status_code in (200, 201), response.text
    return str(response.json().get("created_id") or response.json().get("plan_id"))


def _open(client: TestClient, auth: TokenFactory, name: str, person: str) -> str:
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "Koordinerende enhet"},
        "subject": {"name": name, "person_id": person},
        "source": "gp",
        "effective_at": _ago(400),
    }
    plan_id = _post(client, auth, "/plans", body)
    consent = {"scope": "plan", "given_by": "user", "effective_at": _ago(400)}
    _post(client, auth, f"/plans/{plan_id}/consents", consent)
    return plan_id


def full_plan(client: TestClient, auth: TokenFactory) -> None:
    """One plan in every worklist (overdue revision, overdue and undecided measures, dormant),
    with names and free text everywhere; another waiting for a coordinator."""
    plan = f"/plans/{_open(client, auth, SECRETS['subject'], 'p-secret')}"
    coordinator = {"person_id": "k-9", "name": SECRETS["coordinator"]}
    _post(
        client, auth, f"{plan}/coordinator", {"coordinator": coordinator, "effective_at": _ago(390)}
    )
    deputy = {"deputy": {"person_id": "d-9", "name": SECRETS["deputy"]}, "effective_at": _ago(390)}
    _post(client, auth, f"{plan}/deputy", deputy, "PUT")
    participant = {
        "name": SECRETS["participant"],
        "role": "service_provider",
        "sector": "care",
        "contribution": SECRETS["contribution"],
    }
    _post(
        client,
        auth,
        f"{plan}/participants",
        {"participant": participant, "effective_at": _ago(380)},
    )
    _post(
        client,
        auth,
        f"{plan}/mappings",
        {"users_words": SECRETS["mapping"], "effective_at": _ago(380)},
    )
    goal = {"text": SECRETS["goal"], "formulated_by": "user", "user_agreement": "agreed"}
    goal_id = _post(client, auth, f"{plan}/goals", goal | {"effective_at": _ago(380)})
    measure = {
        "title": SECRETS["measure"],
        "responsible_service": SECRETS["responsible_service"],
        "responsible_person": SECRETS["responsible_person"],
        "goal_ids": [goal_id],
        "due_date": (date.today() - timedelta(days=30)).isoformat(),
    }
    measure_id = _post(
        client, auth, f"{plan}/measures", {"measure": measure, "effective_at": _ago(370)}
    )
    applied = {"status": "applied_for", "effective_at": _ago(360)}
    _post(client, auth, f"{plan}/measures/{measure_id}/status", applied)
    period = {
        "starts_on": (date.today() - timedelta(days=360)).isoformat(),
        "next_revision_on": (date.today() - timedelta(days=100)).isoformat(),
        "effective_at": _ago(360),
    }
    _post(client, auth, f"{plan}/period", period, "PUT")
    meeting = {
        "user_attended": True,
        "agenda_prepared_with_user": True,
        "attendees": [{"name": SECRETS["participant"], "role": "service_provider"}],
        "decisions": [{"text": SECRETS["decision"]}],
    }
    _post(client, auth, f"{plan}/meetings", {"meeting": meeting, "effective_at": _ago(350)})
    _open(client, auth, SECRETS["other_subject"], "p-other")


def test_every_list_schema_field_is_classified_in_the_policy() -> None:
    schemas: list[type[BaseModel]] = [
        overview_schemas.PlanSummaryOut,
        overview_schemas.WaitingPlanOut,
        overview_schemas.OverdueEvaluationOut,
        overview_schemas.DormantPlanOut,
        overview_schemas.MeasureItemOut,
        overview_schemas.CaseloadOut,
        virksom_verdicts.PlanVerdictOut,
    ]
    unclassified = {
        f"{schema.__name__}.{name}"
        for schema in schemas
        for name in schema.model_fields
        if name not in LIST_FIELDS
    }
    assert unclassified == set()


@pytest.mark.parametrize("path", LISTS)
def test_a_unit_leader_sees_no_name_and_no_plan_content_in_any_list(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp, path: str
) -> None:
    full_plan(client, auth)
    catch_up()
    coordinating_unit = client.get(path, headers=auth())
    assert coordinating_unit.status_code == 200, coordinating_unit.text
    leader = client.get(path, headers=auth(**LEADER))
    assert leader.status_code == 200, leader.text
    assert leader.json() != {"items": []}  # the list is not simply empty
    leaked = {key for key, text in SECRETS.items() if text in leader.text}
    assert leaked == set(), f"{path} shows a unit leader {sorted(leaked)}"
    if path.startswith("/worklists") and "caseload" not in path:  # the unit sees what it hides
        assert any(text in coordinating_unit.text for text in SECRETS.values())
