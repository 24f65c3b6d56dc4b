"""A complaint about missing participation, end to end over HTTP: the user files it directly, the
municipality reviews and documents it, Statsforvalteren decides it; who may see it; the pack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from domain.evidence import FORMATS
from domain.values import Role
from tests.api.conftest import TokenFactory

OLA = {"person_id": "p-ola", "name": "Ola Nordmann", "role": Role.USER}
HANDLER = {"person_id": "kb-1", "name": "Kim Klage", "role": Role.COMPLAINT_HANDLER}
BERGEN_HANDLER = HANDLER | {"person_id": "kb-9", "municipality": "4601"}
STATE = {
    "person_id": "sf-1",
    "name": "Siri Statsforvalter",
    "role": Role.STATE_COMPLAINT_HANDLER,
    "municipality": "5001",
    "office": "trondelag",
}
TRONDELAG = {"office": "trondelag"}
COORDINATOR = {"person_id": "k-100", "name": "Kari Koordinator", "role": Role.COORDINATOR}
TODAY = date.today()


def ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


@pytest.fixture
def plan_id(client: TestClient, auth: TokenFactory) -> str:
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "KE"},
        "subject": {"name": "Ola Nordmann", "person_id": "p-ola"},
        "source": "gp",
    }
    plan_id: str = ok(client.post("/plans", json=body, headers=auth()))["plan_id"]
    path = f"/plans/{plan_id}"
    kari = {"coordinator": {"person_id": "k-100", "name": "Kari Koordinator"}}
    ok(client.post(f"{path}/coordinator", json=kari, headers=auth()))
    ok(client.post(f"{path}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth()))
    goal = {"text": "Trene to ganger i uka", "formulated_by": "professional"}
    ok(client.post(f"{path}/goals", json=goal | {"user_agreement": "pending"}, headers=auth()))
    meeting = {"user_attended": False, "agenda_prepared_with_user": False}
    ok(client.post(f"{path}/meetings", json={"meeting": meeting}, headers=auth()))
    return plan_id


def complaint_body(plan_id: str, knew_on: date = TODAY) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "grounds": ["lack_of_user_participation", "plan_lacks_content"],
        "complainants_words": "Målene er skrevet uten meg. Jeg ble ikke invitert til møtet.",
        "knew_on": knew_on.isoformat(),
        "period": {"from": (TODAY - timedelta(days=30)).isoformat(), "to": TODAY.isoformat()},
    }


def test_a_complaint_goes_from_the_user_to_a_decision_with_the_evidence_on_file(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    filed = client.post("/complaints", json=complaint_body(plan_id), headers=auth(**OLA))
    assert filed.status_code == 201, filed.text
    complaint_id = filed.json()["complaint_id"]
    path = f"/complaints/{complaint_id}"
    assert filed.headers["Location"] == path

    seen = ok(client.get(path, headers=auth(**HANDLER)))
    assert seen["complainant"]["person_id"] == "p-ola"
    assert seen["deadline"]["last_day"] >= (TODAY + timedelta(weeks=4)).isoformat()
    assert seen["deadline"]["basis"] == "pasient- og brukerrettighetsloven § 7-5"
    assert seen["late"] is False

    review = {"outcome": "maintained", "reason": "Planen er utarbeidet i samråd med bruker"}
    ok(client.post(f"{path}/review", json=review, headers=auth(**HANDLER)))
    refused = client.post(f"{path}/forwarding", json={}, headers=auth(**HANDLER))
    assert refused.status_code == 409 and refused.json()["field"] == "evidence"
    ok(client.post(f"{path}/evidence", json={}, headers=auth(**HANDLER)))
    ok(client.post(f"{path}/forwarding", json={}, headers=auth(**HANDLER)))
    decision = {"outcome": "upheld", "decision_reference": "SF 2026/991", "reason": "Ikke hørt"}
    assert (
        client.post(f"{path}/decision", json=decision, headers=auth(**HANDLER)).status_code == 403
    )
    ok(client.post(f"{path}/decision", json=decision, headers=auth(**STATE)))

    case = ok(client.get(path, headers=auth(**OLA)))
    assert case["status"] == "decided"
    assert [s["type"] for s in case["steps"]] == [
        "Received",
        "Reviewed",
        "EvidenceAttached",
        "Forwarded",
        "Decided",
    ]
    assert case["steps"][1]["actor"]["person_id"] == "kb-1"
    assert case["steps"][1]["reason"] == review["reason"]
    evidence = case["evidence"][0]
    rebuilt = ok(
        client.get(
            f"/plans/{plan_id}/evidence-pack",
            params={
                "from": evidence["period"]["from"],
                "to": evidence["period"]["to"],
                "position": evidence["position"],
                "format": evidence["format"],
                "purpose": f"klage {complaint_id}",
            },
            headers=auth(**STATE),
        )
    )
    assert rebuilt["sha256"] == evidence["sha256"]
    flags = {gap["flag"] for gap in rebuilt["content"]["missing"]}
    assert {"goal_not_confirmed", "meeting_without_user", "no_complaint_information"} <= flags


def test_only_the_complainant_the_handlers_and_supervisors_see_a_complaint(
    client: TestClient, auth: TokenFactory, plan_id: str, catch_up: Callable[[], int]
) -> None:
    complaint_id = ok(
        client.post("/complaints", json=complaint_body(plan_id), headers=auth(**OLA))
    )["complaint_id"]
    path = f"/complaints/{complaint_id}"
    for who in (COORDINATOR, {}, BERGEN_HANDLER, STATE):  # state: not forwarded yet
        response = client.get(path, headers=auth(**who))
        assert response.status_code == 404, who
        assert response.json()["rule"] == "complaint-not-found"
    supervisor = {"person_id": "t-1", "name": "Tor Tilsyn", "role": Role.SUPERVISOR} | TRONDELAG
    assert client.get(path, headers=auth(**supervisor)).status_code == 403
    assert client.get(path, params={"purpose": "T 1"}, headers=auth(**supervisor)).is_success
    catch_up()
    reads = ok(client.get(f"/plans/{plan_id}/reads", headers=auth(**OLA)))["items"]
    assert [r["what"] for r in reads if r["actor_id"] == "t-1"] == ["complaint"]


def test_the_coordinator_cannot_file_for_the_user_and_strangers_learn_nothing(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    body = complaint_body(plan_id)
    by_coordinator = client.post("/complaints", json=body, headers=auth(**COORDINATOR))
    assert by_coordinator.status_code == 403
    assert by_coordinator.json()["rule"] == "complaint-filed-by-complainant"
    stranger = {"person_id": "p-other", "name": "Per", "role": Role.USER}
    assert client.post("/complaints", json=body, headers=auth(**stranger)).status_code == 404
    on_paper = client.post("/complaints", json=body, headers=auth(**HANDLER))
    assert on_paper.status_code == 422 and on_paper.json()["field"] == "complainant"
    letter = body | {"complainant": {"person_id": "p-ola", "name": "Ola Nordmann"}, "signed": True}
    assert client.post("/complaints", json=letter, headers=auth(**HANDLER)).status_code == 201


def test_a_late_complaint_is_received_and_flagged(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    body = complaint_body(plan_id, knew_on=TODAY - timedelta(days=90))
    complaint_id = ok(client.post("/complaints", json=body, headers=auth(**OLA)))["complaint_id"]
    assert ok(client.get(f"/complaints/{complaint_id}", headers=auth(**OLA)))["late"] is True


def test_bad_complaints_name_the_field(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    body = complaint_body(plan_id) | {"grounds": []}
    response = client.post("/complaints", json=body, headers=auth(**OLA))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    future = complaint_body(plan_id, knew_on=TODAY + timedelta(days=3))
    response = client.post("/complaints", json=future, headers=auth(**OLA))
    assert response.status_code == 422 and response.json()["field"] == "knew_on"


def test_the_evidence_document_is_printable_norwegian_with_its_hash(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    params = {"from": (TODAY - timedelta(days=30)).isoformat(), "to": TODAY.isoformat()}
    pack = ok(client.get(f"/plans/{plan_id}/evidence-pack", params=params, headers=auth()))
    params["position"] = pack["content"]["position"]
    document = client.get(f"/plans/{plan_id}/evidence-pack/document", params=params, headers=auth())
    assert document.status_code == 200
    assert document.headers["content-type"].startswith("text/html")
    assert document.headers["X-Content-SHA256"] == pack["sha256"]
    html = document.text
    assert pack["sha256"] in html
    assert '<html lang="nb">' in html
    assert "Dette mangler" in html and "Møter uten brukeren" in html
    assert "Mål brukeren ikke har bekreftet</strong>: «Trene to ganger i uka»" in html
    assert "Funn etter klagegrunnlag" in html and "Påkrevd innhold ved periodens slutt" in html


def test_a_pack_says_its_position_unasked_and_rebuilds_in_an_older_format(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    params = {"from": (TODAY - timedelta(days=30)).isoformat(), "to": TODAY.isoformat()}
    newest = ok(client.get(f"/plans/{plan_id}/evidence-pack", params=params, headers=auth()))
    assert isinstance(newest["position"], int) and newest["position"] >= 1
    assert newest["position"] == newest["content"]["position"]
    assert newest["format"] == newest["content"]["format"] == FORMATS[-1]
    older = params | {"position": str(newest["position"]), "format": FORMATS[0]}
    first = ok(client.get(f"/plans/{plan_id}/evidence-pack", params=older, headers=auth()))
    assert first["content"]["format"] == FORMATS[0] and first["sha256"] != newest["sha256"]
    unknown = params | {"format": "planspor.participation-evidence/0"}
    refused = client.get(f"/plans/{plan_id}/evidence-pack", params=unknown, headers=auth())
    assert refused.status_code == 422 and refused.json()["field"] == "query.format"


def test_the_plan_on_a_date_comes_both_ways(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    today = ok(
        client.get(f"/plans/{plan_id}/on-date", params={"date": TODAY.isoformat()}, headers=auth())
    )
    assert today["as_recorded"]["goals"] == today["as_effective"]["goals"]
    assert today["differences"] == []
    before = (TODAY - timedelta(days=1)).isoformat()
    earlier = ok(client.get(f"/plans/{plan_id}/on-date", params={"date": before}, headers=auth()))
    assert earlier["as_recorded"] is None and earlier["as_effective"] is None


def test_each_sees_the_complaints_that_are_theirs_to_see(
    client: TestClient, auth: TokenFactory, plan_id: str, catch_up: Callable[[], int]
) -> None:
    mine = ok(client.post("/complaints", json=complaint_body(plan_id), headers=auth(**OLA)))
    late_body = complaint_body(plan_id, knew_on=TODAY - timedelta(days=60))
    late = ok(client.post("/complaints", json=late_body, headers=auth(**OLA)))
    path = f"/complaints/{late['complaint_id']}"
    ok(
        client.post(
            f"{path}/review",
            json={"outcome": "maintained", "reason": "Nei"},
            headers=auth(**HANDLER),
        )
    )
    ok(client.post(f"{path}/evidence", json={}, headers=auth(**HANDLER)))
    ok(client.post(f"{path}/forwarding", json={}, headers=auth(**HANDLER)))
    catch_up()

    def listed(who: dict[str, Any], **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = ok(
            client.get("/complaints", params=params, headers=auth(**who))
        )["items"]
        return items

    both = [mine["complaint_id"], late["complaint_id"]]
    assert [c["complaint_id"] for c in listed(HANDLER)] == both
    assert [c["complaint_id"] for c in listed(OLA)] == both
    assert listed(BERGEN_HANDLER) == []
    forwarded = listed(STATE)
    assert [(c["complaint_id"], c["status"], c["late"]) for c in forwarded] == [
        (late["complaint_id"], "forwarded", True)
    ]
    assert forwarded[0]["evidence_count"] == 1
    vestland = STATE | {"person_id": "sf-9", "municipality": "4601", "office": "vestland"}
    assert listed(vestland) == []  # another office's counties: Trondheim is not among them
    national = STATE | {"person_id": "h-1", "office": "helsetilsynet"}
    assert [c["complaint_id"] for c in listed(national)] == [late["complaint_id"]]
    elsewhere = client.get("/complaints", params={"municipality": "5001"}, headers=auth(**vestland))
    assert (elsewhere.status_code, elsewhere.json()["field"]) == (403, "municipality")
    case = client.get(path, headers=auth(**vestland))
    assert case.status_code == 404
    assert [c["complaint_id"] for c in listed(HANDLER, late=True)] == [late["complaint_id"]]
    assert listed(HANDLER, status="received")[0]["deadline"] >= TODAY.isoformat()
    assert client.get("/complaints", headers=auth(**COORDINATOR)).status_code == 403
    catch_up()
    supervisor = {"person_id": "t-1", "name": "Tor Tilsyn", "role": Role.SUPERVISOR} | TRONDELAG
    searches = ok(client.get("/read-log", params={"purpose": "T 2"}, headers=auth(**supervisor)))[
        "items"
    ]
    listings = [r for r in searches if r["what"] == "complaint list"]
    assert {r["actor_id"] for r in listings} == {"kb-1", "sf-1", "h-1"}  # not Ola's own list


def test_complaint_steps_refuse_a_stale_version_and_replay_a_retried_filing(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    retry = auth(**OLA) | {"Idempotency-Key": "klage-1"}
    first = client.post("/complaints", json=complaint_body(plan_id), headers=retry)
    again = client.post("/complaints", json=complaint_body(plan_id), headers=retry)
    assert first.json()["complaint_id"] == again.json()["complaint_id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    path = f"/complaints/{first.json()['complaint_id']}"
    stale = auth(**HANDLER) | {"If-Match": first.headers["ETag"]}
    review = {"outcome": "maintained", "reason": "Planen står"}
    assert client.post(f"{path}/review", json=review, headers=stale).status_code == 200
    second = client.post(f"{path}/review", json=review | {"reason": "Igjen"}, headers=stale)
    assert second.status_code == 412 and second.json()["field"] == "If-Match"


def test_evidence_needs_a_period_when_the_complaint_names_none(
    client: TestClient, auth: TokenFactory, plan_id: str
) -> None:
    body = complaint_body(plan_id) | {"period": None}
    filed = ok(client.post("/complaints", json=body, headers=auth(**OLA)))
    path = f"/complaints/{filed['complaint_id']}"
    refused = client.post(f"{path}/evidence", json={}, headers=auth(**HANDLER))
    assert refused.status_code == 422 and refused.json()["field"] == "period"
    period = {"from": (TODAY - timedelta(days=7)).isoformat(), "to": TODAY.isoformat()}
    ok(client.post(f"{path}/evidence", json={"period": period}, headers=auth(**HANDLER)))
    evidence = ok(client.get(path, headers=auth(**OLA)))["evidence"]
    assert [e["period"] for e in evidence] == [period]
