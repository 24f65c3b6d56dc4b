"""Access over HTTP: consent takes effect on the next request, no existence leaks, every read of
plan content is logged (and refused if it cannot be), and the user sees who has read the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from adapters.auth import build_verifier
from adapters.database import conninfo, eventsourcing_env
from adapters.settings import Settings
from api.app import create_app
from application.service import Planspor
from domain.values import AssuranceLevel, Role
from tests.api.conftest import TokenFactory

CatchUp = Callable[[], int]
OLA = {
    "person_id": "p-ola",
    "name": "Ola Nordmann",
    "role": Role.USER,
    "assurance": AssuranceLevel.HIGH,
}
NINA = {"person_id": "s-1", "name": "Nina", "role": Role.SERVICE_PROVIDER}
LEADER = {"person_id": "l-1", "name": "Lea Leder", "role": Role.UNIT_LEADER, "unit": "KE"}
SUPERVISOR = {
    "person_id": "t-1",
    "name": "Tor Tilsyn",
    "role": Role.SUPERVISOR,
    "municipality": "0301",
    "office": "helsetilsynet",  # national: reaches the plans of 5001 from an Oslo desk
}
SECRET_GOAL = "Slutte å drikke"

# Every GET route is either plan content (its reads are logged) or not; a new route must be
# placed here, so that none can serve content without logging it.
CONTENT_ROUTES = {
    "/plans/{plan_id}",
    "/plans/{plan_id}/events",
    "/plans/{plan_id}/history",
    "/audit-trail",
    "/audit-trail/export",
    "/plans/{plan_id}/evidence-pack",
    "/plans/{plan_id}/evidence-pack/document",
    "/plans/{plan_id}/document",
    "/plans/{plan_id}/on-date",
    "/complaints/{complaint_id}",
}
CONTENT_PARAMS = {"from": "2026-01-01", "to": "2026-12-31", "date": "2026-06-30"}
OTHER_ROUTES = {
    "/health",
    "/complaints",
    "/plans",
    "/plans/{plan_id}/reads",
    "/read-log",
    "/statistics/virksomme-planer",
    "/statistics/virksomme-planer/plans",
    "/statistics/virksomme-planer/series",
    "/statistics/virksomme-planer/national",
    "/worklists/without-coordinator",
    "/worklists/overdue-evaluations",
    "/worklists/overdue-measures",
    "/worklists/dormant-plans",
    "/worklists/measures-without-decision",
    "/worklists/caseload",
}


def _complaint(plan: dict[str, str]) -> dict[str, Any]:
    return {
        "plan_id": plan["id"],
        "grounds": ["lack_of_user_participation"],
        "complainants_words": "Ingen spurte meg.",
        "knew_on": "2026-11-02",
    }


def _ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


@pytest.fixture
def plan(client: TestClient, auth: TokenFactory) -> dict[str, str]:
    """Ola's plan, opened by the coordinating unit, with nurse Nina sharing until next month."""
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "KE"},
        "subject": {"name": "Ola Nordmann", "person_id": "p-ola"},
        "source": "gp",
    }
    plan_id = _ok(client.post("/plans", json=body, headers=auth()))["plan_id"]
    path = f"/plans/{plan_id}"
    _ok(client.post(f"{path}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth()))
    _ok(
        client.post(
            f"{path}/goals",
            json={"text": SECRET_GOAL, "formulated_by": "user", "user_agreement": "agreed"},
            headers=auth(),
        )
    )
    nurse = _ok(
        client.post(
            f"{path}/participants",
            headers=auth(),
            json={
                "participant": {
                    "name": "Nina",
                    "role": "service_provider",
                    "sector": "care",
                    "person_id": "s-1",
                }
            },
        )
    )
    consent = _ok(
        client.post(
            f"{path}/consents",
            headers=auth(),
            json={
                "scope": "sharing",
                "given_by": "user",
                "participant_id": nurse["created_id"],
                "valid_until": (date.today() + timedelta(days=30)).isoformat(),
            },
        )
    )
    return {"path": path, "id": plan_id, "consent": consent["created_id"]}


def test_withdrawn_sharing_consent_cuts_access_on_the_very_next_request(
    client: TestClient, auth: TokenFactory, plan: dict[str, str]
) -> None:
    assert SECRET_GOAL in client.get(plan["path"], headers=auth(**NINA)).text
    withdrawal = client.post(
        f"{plan['path']}/consents/{plan['consent']}/withdrawal",
        json={"reason": "Vil ikke dele mer"},
        headers=auth(**OLA),
    )
    assert withdrawal.status_code == 200, withdrawal.text
    for path in (plan["path"], f"{plan['path']}/events", f"{plan['path']}/history"):
        refused = client.get(
            path,
            params={"as_of": datetime.now(UTC).isoformat()} if path == plan["path"] else None,
            headers=auth(**NINA),
        )
        assert refused.status_code == 403 and refused.json()["rule"] == "consent-required"
        assert SECRET_GOAL not in refused.text and "Ola" not in refused.text


def test_other_municipalities_and_guessed_ids_get_the_same_404(
    client: TestClient, auth: TokenFactory, plan: dict[str, str]
) -> None:
    elsewhere = client.get(plan["path"], headers=auth(person_id="ke-9", municipality="0301"))
    guessed = client.get("/plans/00000000-0000-4000-8000-000000000000", headers=auth())
    assert elsewhere.status_code == guessed.status_code == 404
    assert elsewhere.json()["title"] == guessed.json()["title"]
    assert "Ola" not in elsewhere.text and SECRET_GOAL not in elsewhere.text
    stranger = client.get(plan["path"], headers=auth(person_id="p-x", role=Role.USER))
    assert stranger.status_code == 404


def test_role_escalation_is_refused(
    client: TestClient, auth: TokenFactory, plan: dict[str, str]
) -> None:
    goal = {"text": "Nytt mål", "formulated_by": "user", "user_agreement": "agreed"}
    as_user = client.post(f"{plan['path']}/goals", json=goal, headers=auth(**OLA))
    assert as_user.status_code == 403
    as_nurse = client.post(
        f"{plan['path']}/coordinator",
        headers=auth(**NINA),
        json={"coordinator": {"person_id": "s-1", "name": "Nina"}},
    )
    assert as_nurse.status_code == 403
    other_coordinator = client.post(
        f"{plan['path']}/goals", json=goal, headers=auth(person_id="k-9", role=Role.COORDINATOR)
    )
    assert other_coordinator.status_code == 404
    opened_elsewhere = client.post(
        "/plans",
        headers=auth(),
        json={
            "municipality": "0301",
            "responsible_unit": {"unit_id": "u", "name": "U"},
            "subject": {"name": "X", "person_id": "p-y"},
            "source": "gp",
        },
    )
    assert opened_elsewhere.status_code == 403
    assert opened_elsewhere.json()["field"] == "municipality"


def test_a_leader_sees_figures_and_worklists_but_no_content(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: CatchUp
) -> None:
    catch_up()
    assert client.get(plan["path"], headers=auth(**LEADER)).status_code == 403
    listed = _ok(client.get("/plans", headers=auth(**LEADER)))["items"]
    assert [item["subject_name"] for item in listed] == [None]
    assert client.get("/statistics/virksomme-planer", headers=auth(**LEADER)).status_code == 200
    assert client.get("/audit-trail", headers=auth(**LEADER)).status_code == 403


def test_every_content_route_logs_the_read_and_the_user_sees_who_read(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: CatchUp
) -> None:
    spec = client.get("/openapi.json").json()
    gets = {path for path, operations in spec["paths"].items() if "get" in operations}
    assert gets == CONTENT_ROUTES | OTHER_ROUTES
    catch_up()
    supervisor = auth(**SUPERVISOR)
    complaint = _ok(client.post("/complaints", json=_complaint(plan), headers=auth(**OLA)))
    purpose = {"purpose": "SF 2026/77", "municipality": "5001"} | CONTENT_PARAMS
    for path in sorted(CONTENT_ROUTES):
        concrete = path.replace("{plan_id}", plan["id"])
        concrete = concrete.replace("{complaint_id}", complaint["complaint_id"])
        no_purpose = client.get(concrete, params=CONTENT_PARAMS, headers=supervisor)
        assert no_purpose.status_code == 403, concrete
        assert client.get(concrete, params=purpose, headers=supervisor).status_code == 200
    catch_up()
    reads = _ok(client.get(f"{plan['path']}/reads", headers=auth(**OLA)))["items"]
    by_supervisor = [r for r in reads if r["actor_id"] == "t-1"]
    assert {r["what"] for r in by_supervisor} == {
        "plan",
        "events",
        "history",
        "evidence pack",
        "plan on date",
        "complaint",
        "document",
    }
    assert {r["purpose"] for r in by_supervisor} == {"SF 2026/77"}
    assert by_supervisor[0]["actor_role"] == "supervisor"
    searches = _ok(client.get("/read-log", params=purpose, headers=supervisor))["items"]
    # the search is itself a read, recorded before it runs: it finds itself
    assert {r["what"] for r in searches if r["plan_id"] is None} == {
        "audit trail",
        "audit export",
        "read log search",
    }


def test_a_read_that_cannot_be_logged_is_refused(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], pg_env: dict[str, str]
) -> None:
    """The log's table is gone (a real failure of the INSERT, not a stand-in): the content is
    refused, and comes back once the log can be written again."""
    with psycopg.connect(conninfo(pg_env), autocommit=True) as conn:
        conn.execute("ALTER TABLE planspor_read_log RENAME TO read_log_away")
        refused = client.get(plan["path"], headers=auth())
        conn.execute("ALTER TABLE read_log_away RENAME TO planspor_read_log")
    assert refused.status_code == 503 and refused.json()["rule"] == "read-not-logged"
    assert SECRET_GOAL not in refused.text and "Ola" not in refused.text
    assert client.get(plan["path"], headers=auth()).status_code == 200


def test_commands_configured_as_sensitive_need_a_high_assurance_login(
    settings: Settings, pg_env: dict[str, str], auth: TokenFactory
) -> None:
    configured = Settings(data_dir=settings.data_dir, high_assurance_commands=["Close"])
    env = (
        pg_env
        | eventsourcing_env(configured, "postgresql://x@y/z")
        | {k: v for k, v in pg_env.items() if k.startswith("POSTGRES_")}
    )
    app = create_app(configured, planspor=Planspor(env=env), verifier=build_verifier(settings))
    with TestClient(app) as client:
        body = {
            "municipality": "5001",
            "responsible_unit": {"unit_id": "ke", "name": "KE"},
            "subject": {"name": "Ola", "person_id": "p-ola"},
            "source": "gp",
        }
        plan = _ok(client.post("/plans", json=body, headers=auth()))["plan_id"]
        substantial = client.post(
            f"/plans/{plan}/closure", json={"reason": "Flyttet"}, headers=auth()
        )
        assert substantial.status_code == 403
        assert substantial.json()["rule"] == "assurance-too-low"
        high = client.post(
            f"/plans/{plan}/closure",
            json={"reason": "Flyttet"},
            headers=auth(assurance=AssuranceLevel.HIGH),
        )
        assert high.status_code == 200, high.text


def test_a_user_finds_their_own_plan_and_nothing_else(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: CatchUp
) -> None:
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "KE"},
        "subject": {"name": "Per", "person_id": "p-per"},
        "source": "gp",
    }
    _ok(client.post("/plans", json=body, headers=auth()))
    catch_up()
    mine = _ok(client.get("/plans", headers=auth(**OLA)))["items"]
    assert [item["plan_id"] for item in mine] == [plan["id"]]
    assert len(_ok(client.get("/plans", headers=auth()))["items"]) == 2
    assert client.get("/worklists/caseload", headers=auth(**OLA)).status_code == 403
