"""A unit leader sees no names and no plan content anywhere (issue 16, must-hold 4): beside the
list endpoints (`test_list_views_http.py`), every other route a leader can call over the API —
the series and national figures, complaints, the audit trail, the read log, a plan's own
routes — and every page a leader is offered (`/oversikt` and all under it, its CSV exports,
`/arbeidslister` and each worklist) is walked on a plan full of names and texts, with a
complaint in the user's own words; no body may hold any of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from api.pages import worklists
from api.pages.common import SESSION_COOKIE
from domain.values import Role
from tests.api.conftest import TokenFactory
from tests.api.test_list_views_http import LEADER, SECRETS, full_plan

CatchUp = Callable[[], int]
COMPLAINT_WORDS = "Ingen spurte meg om tiltakene mine"
ALL_SECRETS = SECRETS | {"complaint": COMPLAINT_WORDS}
LEADER_LOGIN = {
    "sub": "l-1",
    "name": "Liv Leder",
    "role": "unit_leader",
    "municipality": "5001",
    "unit": "Koordinerende enhet",
}
TODAY = date.today()


def _plan_and_complaint(client: TestClient, auth: TokenFactory, catch_up: CatchUp) -> str:
    """The full plan of the list test, and a complaint its user filed in their own words."""
    full_plan(client, auth)
    catch_up()
    listed = client.get("/plans", headers=auth()).json()["items"]
    plan_id = next(p["plan_id"] for p in listed if p["subject_name"] == SECRETS["subject"])
    user = {"person_id": "p-secret", "name": SECRETS["subject"], "role": Role.USER}
    complaint = {
        "plan_id": plan_id,
        "grounds": ["lack_of_user_participation"],
        "complainants_words": COMPLAINT_WORDS,
        "knew_on": TODAY.isoformat(),
        "period": {"from": (TODAY - timedelta(days=30)).isoformat(), "to": TODAY.isoformat()},
    }
    filed = client.post("/complaints", json=complaint, headers=auth(**user))
    assert filed.status_code == 201, filed.text
    catch_up()
    return str(plan_id)


def _leaked(text: str) -> set[str]:
    return {key for key, secret in ALL_SECRETS.items() if secret in text}


@pytest.fixture
def leader_session(client: TestClient) -> Iterator[None]:
    """The leader logged in to the pages, as the login would start the session."""
    store = client.app.state.sessions  # type: ignore[attr-defined]
    client.cookies.set(SESSION_COOKIE, store.start(LEADER_LOGIN, "idporten-loa-substantial"))
    yield
    client.cookies.clear()


def test_no_other_api_route_shows_a_unit_leader_a_name_or_plan_content(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp
) -> None:
    plan_id = _plan_and_complaint(client, auth, catch_up)
    dates = f"{(TODAY - timedelta(days=90)).isoformat()},{TODAY.isoformat()}"
    plan = f"/plans/{plan_id}"
    purpose = "purpose=enhetsleder"
    routes = [
        f"/statistics/virksomme-planer/series?dates={dates}",
        f"/statistics/virksomme-planer/national?dates={dates}",
        "/complaints",
        f"/audit-trail?{purpose}",
        f"/audit-trail/export?{purpose}",
        f"/read-log?{purpose}",
        plan,
        f"{plan}/events",
        f"{plan}/history",
        f"{plan}/reads",
        f"{plan}/on-date?date={TODAY.isoformat()}&{purpose}",
        f"{plan}/document",
        f"{plan}/evidence-pack?from={TODAY.isoformat()}&to={TODAY.isoformat()}&{purpose}",
    ]
    answered = {}
    for route in routes:
        answer = client.get(route, headers=auth(**LEADER))
        answered[route] = answer.status_code
        assert answer.status_code < 500, (route, answer.text)
        assert _leaked(answer.text) == set(), f"{route} shows a unit leader {_leaked(answer.text)}"
    assert answered[f"/statistics/virksomme-planer/series?dates={dates}"] == 200
    assert {answered[r] for r in routes[2:]} <= {403, 404}  # no content route is open to them
    assert ALL_SECRETS["goal"] in client.get(plan, headers=auth()).text  # the walk could see


def test_no_page_offered_to_a_unit_leader_shows_a_name_or_plan_content(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp, leader_session: None
) -> None:
    _plan_and_complaint(client, auth, catch_up)
    pages = [
        "/",
        "/oversikt",
        "/oversikt/planer?enhet=ke",
        "/oversikt/koordinatorer",
        "/oversikt/koordinatorer?koordinator=k-9",
        "/oversikt/rapport",
        "/oversikt/eksport/tall.csv",
        "/oversikt/eksport/kvartaler.csv",
        "/oversikt/eksport/planer.csv",
        "/oversikt/eksport/saksmengde.csv",
        *[f"/oversikt/eksport/{slug}.csv" for slug in worklists.LISTS],
        "/arbeidslister",
        *[f"/arbeidslister/{slug}" for slug in worklists.LISTS],
    ]
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, (path, page.status_code, page.text[-2000:])
        assert _leaked(page.text) == set(), f"{path} shows a unit leader {_leaked(page.text)}"
    rows = client.get("/arbeidslister/evaluering-forfalt").text
    assert "Koordinerende enhet" in client.get("/oversikt").text and "<td" in rows
    for path in ["/klager", "/tilsyn", "/leselogg"]:  # not offered to a leader: refused, unsaid
        refused = client.get(path)
        assert refused.status_code in (403, 404), (path, refused.status_code)
        assert _leaked(refused.text) == set(), path
