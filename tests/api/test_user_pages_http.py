"""The user's and the coordinator's new pages over HTTP (no browser): a double-submitted form
makes one event, a stale form is refused with what to do, nynorsk from the catalogue, the same
PDF from the coordinator's page, and «what changed since the last visit» on my plans."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.pages.common import SESSION_COOKIE
from application import commands as c
from application.service import Planspor, WriteOptions
from domain.values import Actor, AssuranceLevel
from tests.api.test_plan_pages_http import KARI, UNIT, form_state

PER = {"sub": "p-1", "name": "Per Prøve", "role": "user", "municipality": "5001"}
PER_ACTOR = Actor("p-1", "Per Prøve", "user", "5001", assurance=AssuranceLevel.HIGH)
Login = Callable[[dict[str, str], str], str]


@pytest.fixture
def planspor(client: TestClient) -> Planspor:
    app: Planspor = client.app.state.planspor  # type: ignore[attr-defined]
    return app


@pytest.fixture
def plan_id(planspor: Planspor) -> UUID:
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
    for command in (
        c.GiveConsent(scope="plan", given_by="user"),
        c.AppointCoordinator(coordinator={"person_id": "k-100", "name": "Kari Koordinator"}),
    ):
        planspor.execute(opened.plan_id, UNIT, command, WriteOptions())
    return opened.plan_id


@pytest.fixture
def login(client: TestClient) -> Iterator[Login]:
    def start(claims: dict[str, str], acr: str = AssuranceLevel.HIGH) -> str:
        store = client.app.state.sessions  # type: ignore[attr-defined]
        raw = store.start(claims, acr)
        client.cookies.set(SESSION_COOKIE, raw)
        token: str = store.find(raw).csrf_token
        return token

    yield start
    client.cookies.clear()


def _goal_form(client: TestClient, plan_id: UUID) -> dict[str, str]:
    page = client.get(f"/min-plan/{plan_id}")
    assert page.status_code == 200, page.text
    state = form_state(page.text)
    return {k: state[k] for k in ("csrf_token", "version")} | {"idempotency_key": "k-1"}


def test_a_double_submitted_goal_makes_one_event(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(PER, AssuranceLevel.HIGH)
    form = _goal_form(client, plan_id) | {"text": "Jeg vil sykle til jobben"}
    first = client.post(f"/min-plan/{plan_id}/mal", data=form, follow_redirects=False)
    again = client.post(f"/min-plan/{plan_id}/mal", data=form, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    goals = planspor.get_plan(plan_id, PER_ACTOR).goals.values()
    assert [g.text for g in goals] == ["Jeg vil sykle til jobben"]


def test_a_stale_form_is_refused_and_says_what_to_do(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(PER, AssuranceLevel.HIGH)
    form = _goal_form(client, plan_id) | {"text": "Jeg vil sykle"}
    planspor.execute(plan_id, UNIT, c.RecordNeed(description="Hjelp til å handle"), WriteOptions())
    stale = client.post(f"/min-plan/{plan_id}/mal", data=form)
    assert stale.status_code == 412
    assert "Noen har endret planen mens du skrev" in stale.text
    assert "Jeg vil sykle" in stale.text  # what was typed is kept


def test_the_users_page_comes_in_nynorsk_when_chosen(
    client: TestClient, login: Login, plan_id: UUID
) -> None:
    login(PER, AssuranceLevel.HIGH)
    client.cookies.set("planspor_sprak", "nn")
    page = client.get(f"/min-plan/{plan_id}")
    assert "Planen min" in page.text and "Kven får sjå planen" in page.text


def test_the_coordinator_downloads_the_same_document(
    client: TestClient, login: Login, plan_id: UUID
) -> None:
    login(KARI, AssuranceLevel.SUBSTANTIAL)
    mine = client.get(f"/planer/{plan_id}/dokument")
    api = client.get(f"/planer/{plan_id}/dokument")
    assert mine.status_code == 200 and mine.headers["content-type"] == "application/pdf"
    assert mine.content == api.content


def test_my_plans_tell_the_coordinator_what_the_user_wrote_since_the_last_visit(
    client: TestClient,
    login: Login,
    plan_id: UUID,
    planspor: Planspor,
    catch_up: Callable[[], int],
) -> None:
    planspor.execute(plan_id, PER_ACTOR, c.AddOwnGoal(text="Jeg vil sykle"), WriteOptions())
    catch_up()
    login(KARI, AssuranceLevel.SUBSTANTIAL)
    first = client.get("/")
    assert "Nytt fra brukere og deltakere siden" in first.text
    assert "Per Prøve (brukeren) skrev: Mål lagt til" in first.text
    assert "Jeg vil sykle" not in first.text  # no content: the history has it, a logged read
    assert set(first.cookies) <= {SESSION_COOKIE}  # the last visit is kept on the server
    assert "Nytt fra brukere og deltakere" not in client.get("/").text


def test_a_representative_with_a_recorded_basis_writes_for_the_user(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    guardian = {"name": "Vera Verge", "basis": "guardianship", "person_id": "r-1"}
    consent = c.GiveConsent(scope="plan", given_by="representative", representative=guardian)
    planspor.execute(plan_id, UNIT, consent, WriteOptions())
    vera = {"sub": "r-1", "name": "Vera Verge", "role": "representative", "municipality": "5001"}
    login(vera, AssuranceLevel.HIGH)
    page = client.get(f"/min-plan/{plan_id}")
    assert "Du er representant for Per Prøve" in page.text
    form = _goal_form(client, plan_id) | {"text": "Per skal få gå tur hver dag"}
    assert client.post(f"/min-plan/{plan_id}/mal", data=form).status_code == 200
    last = list(planspor.events.get(plan_id))[-1]
    assert last.meta["actor"]["role"] == "representative"  # type: ignore[attr-defined]
    assert last.meta["on_behalf_of"] == "p-1"  # type: ignore[attr-defined]
    assert last.formulated_by == "representative"  # type: ignore[attr-defined]
    login(vera | {"sub": "r-2", "name": "Rolf"}, AssuranceLevel.HIGH)
    assert client.get(f"/min-plan/{plan_id}").status_code == 404  # no basis recorded: no plan
