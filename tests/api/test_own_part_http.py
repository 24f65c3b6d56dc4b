"""The user's, the representative's and the participants' own part over HTTP (issue 10): each
cell of the access policy both ways — allowed, and refused with the rule — and each write an
event of its author."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.pages.common import SESSION_COOKIE
from domain.facts import local_date
from domain.values import AssuranceLevel, Role
from tests.api.conftest import TokenFactory

HIGH = AssuranceLevel.HIGH
OLA = {"person_id": "p-ola", "name": "Ola Nordmann", "role": Role.USER, "assurance": HIGH}
OLA_SUBSTANTIAL = OLA | {"assurance": AssuranceLevel.SUBSTANTIAL}
VERA = {"person_id": "r-vera", "name": "Vera Verge", "role": Role.REPRESENTATIVE, "assurance": HIGH}
NINA = {"person_id": "s-1", "name": "Nina", "role": Role.SERVICE_PROVIDER}
KARI = {"person_id": "k-1", "name": "Kari", "role": Role.COORDINATOR}


def _ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


def _refused(response: Any, status: int, rule: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["rule"] == rule, response.json()


@pytest.fixture
def plan(client: TestClient, auth: TokenFactory) -> dict[str, str]:
    """Ola's plan: guardian Vera consented to it; coordinator Kari; nurse Nina sharing, with a
    measure of her own and one of another service; a meeting she attended; an evaluation; a goal
    the coordinator formulated; an agreed version; an invitation for Nina."""
    body = {
        "municipality": "5001",
        "responsible_unit": {"unit_id": "ke", "name": "KE"},
        "subject": {"name": "Ola Nordmann", "person_id": "p-ola"},
        "source": "gp",
    }
    plan_id = _ok(client.post("/plans", json=body, headers=auth()))["plan_id"]
    path = f"/plans/{plan_id}"

    def post(url: str, json: dict[str, Any]) -> str:
        return str(_ok(client.post(path + url, json=json, headers=auth())).get("created_id"))

    guardian = {"name": "Vera Verge", "basis": "guardianship", "person_id": "r-vera"}
    post("/consents", {"scope": "plan", "given_by": "representative", "representative": guardian})
    post("/coordinator", {"coordinator": {"person_id": "k-1", "name": "Kari"}})
    nurse = post(
        "/participants",
        {
            "participant": {
                "name": "Nina",
                "role": "service_provider",
                "sector": "care",
                "person_id": "s-1",
                "organisation": "Hjemmesykepleien",
            }
        },
    )
    until = (date.today() + timedelta(days=30)).isoformat()
    sharing = post(
        "/consents",
        {"scope": "sharing", "given_by": "user", "participant_id": nurse, "valid_until": until},
    )
    goal = post(
        "/goals",
        {
            "text": "Trene to ganger i uka",
            "formulated_by": "professional",
            "user_agreement": "pending",
        },
    )

    def measure(title: str, service: str, **extra: str) -> str:
        return post(
            "/measures", {"measure": {"title": title, "responsible_service": service} | extra}
        )

    mine = measure("Medisiner", "Hjemmesykepleien", responsible_participant_id=nurse)
    theirs = measure("Fysioterapi", "Fysioterapitjenesten")
    attendee = {"name": "Nina", "role": "service_provider", "person_id": "s-1"}
    meeting = {"user_attended": True, "agenda_prepared_with_user": True, "attendees": [attendee]}
    met = post("/meetings", {"meeting": meeting})
    unattended = post("/meetings", {"meeting": meeting | {"attendees": []}})
    next_revision = (date.today() + timedelta(days=90)).isoformat()
    evaluation = post(
        "/evaluations",
        {
            "evaluation": {
                "user_took_part": False,
                "outcome": "Videre",
                "next_revision_on": next_revision,
            }
        },
    )
    invitation = post(
        "/invitations",
        {"meets_on": next_revision, "place": "Helsehuset", "participant_ids": [nurse]},
    )
    post("/versions", {"agreed_with_user": True})
    return {
        "path": path,
        "id": plan_id,
        "goal": goal,
        "mine": mine,
        "theirs": theirs,
        "met": met,
        "unattended": unattended,
        "evaluation": evaluation,
        "invitation": invitation,
        "sharing": sharing,
        "nurse": nurse,
    }


Post = Callable[[str, dict[str, Any], dict[str, Any]], Any]


@pytest.fixture
def send(client: TestClient, auth: TokenFactory, plan: dict[str, str]) -> Post:
    def post(url: str, body: dict[str, Any], who: dict[str, Any]) -> Any:
        return client.post(plan["path"] + url, json=body, headers=auth(**who))

    return post


def _last_event(client: TestClient, auth: TokenFactory, plan: dict[str, str]) -> dict[str, Any]:
    events = _ok(client.get(f"{plan['path']}/events", headers=auth()))
    items = events["items"] if isinstance(events, dict) else events
    return dict(items[-1])


def test_the_user_writes_what_matters_and_a_goal_as_their_own_event(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    _ok(send("/what-matters", {"users_words": "Å bo hjemme"}, OLA))
    written = _last_event(client, auth, plan)
    actor = written["actor"]
    assert (actor["person_id"], actor["role"], actor["assurance"]) == ("p-ola", "user", HIGH)
    assert written["channel"] == "digital"
    _ok(send("/own-goals", {"text": "Gå på kafé med venner"}, OLA))
    goal = _last_event(client, auth, plan)
    assert (goal["data"]["formulated_by"], goal["data"]["user_agreement"]) == ("user", "agreed")
    assert goal["actor"]["role"] == "user"


def test_the_users_own_writes_need_a_high_login(send: Post) -> None:
    for url, body in (
        ("/what-matters", {"users_words": "Å bo hjemme"}),
        ("/own-goals", {"text": "Gå på kafé"}),
    ):
        _refused(send(url, body, OLA_SUBSTANTIAL), 403, "assurance-too-low")


def test_others_may_not_write_the_users_own_part(send: Post) -> None:
    _refused(send("/own-goals", {"text": "Et mål"}, NINA), 403, "access-denied")
    _refused(send("/what-matters", {"users_words": "x"}, KARI), 403, "access-denied")
    stranger = OLA | {"person_id": "p-other"}
    assert send("/own-goals", {"text": "Et mål"}, stranger).status_code == 404
    no_basis = VERA | {"person_id": "r-nobody"}
    assert send("/own-goals", {"text": "Et mål"}, no_basis).status_code == 404


def test_a_representative_with_a_recorded_basis_writes_for_the_user(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    body = {"text": "Ola skal få gå tur hver dag", "on_behalf_of": "p-ola"}
    _ok(send("/own-goals", body, VERA))
    goal = _last_event(client, auth, plan)
    assert goal["data"]["formulated_by"] == "representative"
    assert (goal["actor"]["role"], goal["on_behalf_of"]) == ("representative", "p-ola")


def test_the_user_disagrees_with_a_goal_someone_else_formulated(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    answer = {"agreement": "disagreed", "comment": "Jeg orker ikke to ganger i uka"}
    _ok(send(f"/goals/{plan['goal']}/answers", answer, OLA))
    shown = _ok(client.get(plan["path"], headers=auth(**OLA)))
    goal = next(g for g in shown["goals"] if g["goal_id"] == plan["goal"])
    assert goal["user_agreement"] == "disagreed"
    _refused(send(f"/goals/{plan['goal']}/answers", answer, KARI), 403, "access-denied")
    _refused(send(f"/goals/{plan['goal']}/answers", answer, NINA), 403, "access-denied")


def test_the_user_adds_their_view_to_an_evaluation(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    url = f"/evaluations/{plan['evaluation']}/user-views"
    view = {"users_view": "Jeg var ikke spurt", "took_part": False}
    _ok(send(url, view, OLA))
    event = _last_event(client, auth, plan)["data"]
    assert (event["users_view"], event["took_part"]) == ("Jeg var ikke spurt", False)
    _refused(send(url, view, NINA), 403, "access-denied")
    assert send("/evaluations/nope/user-views", view, OLA).status_code == 404


def test_the_user_limits_and_withdraws_a_participants_access_with_effect_at_once(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    today = local_date(datetime.now(UTC)).isoformat()  # the Oslo day, as the rule reads it
    _ok(send(f"/consents/{plan['sharing']}/limit", {"valid_until": today}, OLA))
    assert client.get(plan["path"], headers=auth(**NINA)).status_code == 200  # through today
    yesterday = (local_date(datetime.now(UTC)) - timedelta(days=1)).isoformat()
    refused = send(f"/consents/{plan['sharing']}/limit", {"valid_until": yesterday}, OLA)
    assert refused.status_code == 422 and refused.json()["field"] == "valid_until"
    _refused(
        send(f"/consents/{plan['sharing']}/limit", {"valid_until": today}, NINA),
        403,
        "access-denied",
    )
    withdrawal = {"reason": "Vil ikke dele mer"}
    _ok(send(f"/consents/{plan['sharing']}/withdrawal", withdrawal, OLA))
    _refused(client.get(plan["path"], headers=auth(**NINA)), 403, "consent-required")
    body = {"report": "started"}
    _refused(send(f"/measures/{plan['mine']}/reports", body, NINA), 403, "consent-required")


def test_the_user_sees_who_read_the_plan_and_a_participant_does_not(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: Callable[[], int]
) -> None:
    _ok(client.get(plan["path"], headers=auth(**NINA)))
    catch_up()
    reads = _ok(client.get(f"{plan['path']}/reads", headers=auth(**OLA)))["items"]
    nina = [r for r in reads if r["actor_id"] == "s-1"]
    assert nina and nina[0]["basis"].startswith("sharing consent")
    _refused(client.get(f"{plan['path']}/reads", headers=auth(**NINA)), 403, "access-denied")


def test_the_user_files_a_complaint_and_the_coordinator_cannot_for_them(
    client: TestClient, auth: TokenFactory, plan: dict[str, str]
) -> None:
    complaint = {
        "plan_id": plan["id"],
        "grounds": ["lack_of_user_participation"],
        "complainants_words": "Ingen spurte meg.",
        "knew_on": local_date(datetime.now(UTC)).isoformat(),
    }
    assert client.post("/complaints", json=complaint, headers=auth(**OLA)).status_code == 201
    assert client.post("/complaints", json=complaint, headers=auth(**KARI)).status_code == 403


def test_the_user_downloads_the_plan_as_the_same_tagged_pdf_and_the_read_is_logged(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: Callable[[], int]
) -> None:
    first = client.get(f"{plan['path']}/document", headers=auth(**OLA))
    second = client.get(f"{plan['path']}/document", headers=auth(**OLA))
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/pdf"
    assert first.content.startswith(b"%PDF") and first.content == second.content
    assert len(first.headers["x-content-sha256"]) == 64 and first.headers["x-log-position"]
    agreed = client.get(f"{plan['path']}/document", params={"version": 1}, headers=auth(**OLA))
    assert agreed.status_code == 200 and agreed.content != first.content
    assert client.get(f"{plan['path']}/document?version=9", headers=auth(**OLA)).status_code == 404
    assert client.get(f"{plan['path']}/document", headers=auth(**KARI)).status_code == 200
    _refused(client.get(f"{plan['path']}/document", headers=auth(**NINA)), 403, "access-denied")
    catch_up()
    reads = _ok(client.get(f"{plan['path']}/reads", headers=auth(**OLA)))["items"]
    assert sum(r["what"] == "document" for r in reads) >= 3


def test_a_participant_reports_on_their_own_measure_only(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    _ok(send(f"/measures/{plan['mine']}/reports", {"report": "started"}, NINA))
    event = _last_event(client, auth, plan)
    assert (event["data"]["status"], event["actor"]["person_id"]) == ("started", "s-1")
    no_reason = send(f"/measures/{plan['mine']}/reports", {"report": "not_delivered"}, NINA)
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "reason"
    body = {"report": "not_delivered", "reason": "Syk, besøket ble avlyst"}
    _ok(send(f"/measures/{plan['mine']}/reports", body, NINA))
    other = send(f"/measures/{plan['theirs']}/reports", {"report": "started"}, NINA)
    _refused(other, 403, "not-responsible")
    assert other.json()["field"] == "measure_id"
    _refused(
        send(f"/measures/{plan['mine']}/reports", {"report": "ended"}, OLA), 403, "access-denied"
    )


def test_a_participant_may_not_change_goals(send: Post, plan: dict[str, str]) -> None:
    goal = {"text": "Nytt mål", "formulated_by": "professional", "user_agreement": "pending"}
    _refused(send("/goals", goal, NINA), 403, "access-denied")
    revision = {"text": "Endret", "user_agreement": "pending", "reason": "x"}
    _refused(send(f"/goals/{plan['goal']}/revisions", revision, NINA), 403, "access-denied")


def test_a_participant_records_their_contribution_and_answers_an_invitation(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    _ok(send("/contributions", {"contribution": "Medisiner morgen og kveld"}, NINA))
    shown = _ok(client.get(plan["path"], headers=auth(**NINA)))
    assert any(p["contribution"] == "Medisiner morgen og kveld" for p in shown["participants"])
    _refused(send("/contributions", {"contribution": "x"}, OLA), 403, "access-denied")
    url = f"/invitations/{plan['invitation']}/answers"
    _ok(send(url, {"answer": "coming"}, NINA))
    assert _last_event(client, auth, plan)["data"]["answer"] == "coming"
    _refused(send(url, {"answer": "coming"}, KARI), 403, "access-denied")


def test_a_participant_adds_to_the_minutes_of_a_meeting_they_attended_only(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], send: Post
) -> None:
    _ok(send(f"/meetings/{plan['met']}/minutes", {"text": "Blodtrykket er bedre"}, NINA))
    assert _last_event(client, auth, plan)["data"]["text"] == "Blodtrykket er bedre"
    absent = send(f"/meetings/{plan['unattended']}/minutes", {"text": "Jeg var ikke der"}, NINA)
    assert absent.status_code == 422 and absent.json()["field"] == "meeting_id"
    _refused(send(f"/meetings/{plan['met']}/minutes", {"text": "x"}, OLA), 403, "access-denied")


def test_a_representative_and_a_participant_find_their_plans_as_figures(
    client: TestClient, auth: TokenFactory, plan: dict[str, str], catch_up: Callable[[], int]
) -> None:
    catch_up()
    for who in (VERA, NINA):
        items = _ok(client.get("/plans", headers=auth(**who)))["items"]
        assert [(i["plan_id"], i["subject_name"]) for i in items] == [(plan["id"], None)]
    stranger = VERA | {"person_id": "r-nobody"}
    assert _ok(client.get("/plans", headers=auth(**stranger)))["items"] == []


def test_the_figures_tell_the_users_own_agreement_from_one_recorded_on_their_behalf(
    client: TestClient,
    auth: TokenFactory,
    plan: dict[str, str],
    send: Post,
    catch_up: Callable[[], int],
) -> None:
    """Ola agrees to the coordinator's goal himself; the coordinator adds another goal as
    formulated by Ola and agreed (on his behalf). Both are goals «by the user»; one of each is
    the user's own: the virksom figure, the CSV export, the overview page, the plan and the
    evidence pack all decide by the one rule (`domain.facts.agreed_by`)."""
    _ok(send(f"/goals/{plan['goal']}/answers", {"agreement": "agreed", "comment": "Ja"}, OLA))
    on_behalf = {"text": "Bo hjemme", "formulated_by": "user", "user_agreement": "agreed"}
    other = _ok(send("/goals", on_behalf, KARI))["created_id"]
    catch_up()
    figures = _ok(client.get("/statistics/virksomme-planer", headers=auth()))
    quality = figures["total"]["quality"]
    assert quality["goals_by_user"] == {"numerator": 2, "denominator": 2, "share": 1.0}
    assert quality["goals_by_user_self"] == {"numerator": 1, "denominator": 2, "share": 0.5}

    shown = _ok(client.get(plan["path"], headers=auth()))
    whose = {g["goal_id"]: g["agreed_by"] for g in shown["goals"]}
    assert whose == {plan["goal"]: "user", other: "professional"}

    today = local_date(datetime.now(UTC))
    period = {"from": (today - timedelta(days=30)).isoformat(), "to": today.isoformat()}
    pack = _ok(client.get(f"{plan['path']}/evidence-pack", params=period, headers=auth()))
    goals = {g["goal_id"]: g["agreed_by"] for g in pack["content"]["goals"]}
    assert goals == whose
    flags = {gap["flag"] for gap in pack["content"]["missing"]}
    assert "goal_not_confirmed" not in flags  # both agreed: told apart by `agreed_by`, not missing
    params = period | {"position": pack["content"]["position"]}
    document = client.get(f"{plan['path']}/evidence-pack/document", params=params, headers=auth())
    assert document.text.count("registrert av fagperson på brukerens vegne") == 1
    assert document.text.count(", av brukeren selv") == 1

    store = client.app.state.sessions  # type: ignore[attr-defined]
    claims = {"sub": "ke-9", "name": "Test Enhet", "role": "coordinating_unit",
              "municipality": "5001"}  # fmt: skip
    client.cookies.set(SESSION_COOKIE, store.start(claims, "idporten-loa-substantial"))
    try:
        export = client.get("/oversikt/eksport/tall.csv", params={"dato": today.isoformat()})
        header, *rows = (line.split(",") for line in export.text.splitlines())
        total = dict(zip(header, rows[-1], strict=True))
        assert (total["goals_by_user"], total["goals_by_user_self"], total["goals"]) == (
            "2",
            "1",
            "2",
        )
        for path in ("/oversikt", "/oversikt/rapport"):
            page = client.get(path, params={"dato": today.isoformat()})
            assert page.status_code == 200, page.text
            assert "Mål brukeren selv har skrevet eller bekreftet" in page.text
        client.cookies.set("planspor_sprak", "nn")
        nynorsk = client.get("/oversikt/rapport", params={"dato": today.isoformat()})
        assert "Mål brukaren sjølv har skrive eller stadfesta" in nynorsk.text
        plan_page = client.get(f"/planer/{plan['id']}")
        assert plan_page.text.count("Fagperson på vegner av brukaren") == 1
        assert plan_page.text.count("Brukaren sjølv") >= 1
    finally:
        client.cookies.clear()
