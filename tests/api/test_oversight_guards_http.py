"""The oversight pages' guards over HTTP: every export streams (no length known up front) and a
leader's holds no name and no free text; every oversight form is refused without the session's
CSRF token, and nothing is stored; a read that cannot be logged shows nothing of the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import psycopg
import pytest
from fastapi.testclient import TestClient

from adapters.database import conninfo
from api.pages import routers
from application import commands as c
from application.commands import complaints as cc
from application.service import Planspor, WriteOptions
from domain.values import Actor
from tests.api.conftest import Login, TokenFactory
from tests.api.test_list_views_http import SECRETS, full_plan

CatchUp = Callable[[], int]
MUNICIPALITY = {"municipality": "5001"}
LEADER = {"sub": "l-9", "name": "Liv Leder", "role": "unit_leader",
          "unit": "Koordinerende enhet"} | MUNICIPALITY  # fmt: skip
KE = {"sub": "ke-9", "name": "Siri Enhet", "role": "coordinating_unit"} | MUNICIPALITY
SUPERVISOR = {"sub": "sf-9", "name": "Stine Tilsyn", "role": "supervisor",
              "office": "trondelag"} | MUNICIPALITY  # fmt: skip
HANDLER = {"sub": "kb-9", "name": "Kim Klage", "role": "complaint_handler"} | MUNICIPALITY
STATE = {"sub": "sfk-9", "name": "Sara Statsklage", "role": "state_complaint_handler",
         "office": "trondelag"} | MUNICIPALITY  # fmt: skip
LEADER_EXPORTS = [
    "/oversikt/eksport/tall.csv",
    "/oversikt/eksport/kvartaler.csv",
    "/oversikt/eksport/planer.csv",
    "/oversikt/eksport/saksmengde.csv",
    "/oversikt/eksport/uten-koordinator.csv",
    "/oversikt/eksport/evaluering-forfalt.csv",
    "/oversikt/eksport/tiltak-forfalt.csv",
    "/oversikt/eksport/uten-aktivitet.csv",
    "/oversikt/eksport/tiltak-uten-vedtak.csv",
]
UNIT = Actor("ke-9", "Siri Enhet", "coordinating_unit", "5001")
SUBJECT = "Hemmelig Klagersen"


def _streamed(response: object) -> bool:
    """A StreamingResponse sends no Content-Length: its size is not known before it is sent."""
    headers = response.headers  # type: ignore[attr-defined]
    return "content-length" not in headers


@pytest.mark.parametrize("path", LEADER_EXPORTS)
def test_every_export_streams_and_a_leaders_holds_no_name_or_free_text(
    client: TestClient, auth: TokenFactory, catch_up: CatchUp, login: Login, path: str
) -> None:
    full_plan(client, auth)
    catch_up()
    login(LEADER)
    export = client.get(path)
    assert export.status_code == 200, export.text
    assert export.headers["content-type"].startswith("text/csv") and _streamed(export)
    assert len(export.text.splitlines()) > 1  # a header and rows, not simply empty
    leaked = {key for key, text in SECRETS.items() if text in export.text}
    assert leaked == set(), f"{path} gives a leader {sorted(leaked)}"
    login(KE)
    unit = client.get(path)
    assert unit.status_code == 200 and _streamed(unit)
    if "tiltak" in path:  # the coordinating unit's export holds what the leader's leaves out
        assert SECRETS["measure"] in unit.text and SECRETS["subject"] in unit.text


def _case(planspor: Planspor) -> tuple[UUID, UUID]:
    opened = planspor.open_plan(
        UNIT, c.OpenPlan(municipality="5001", responsible_unit={"unit_id": "ke", "name": "KE"},
                         source="gp", subject={"name": SUBJECT, "person_id": "p-k"}),
        WriteOptions(),
    )  # fmt: skip
    planspor.execute(
        opened.plan_id, UNIT, c.GiveConsent(scope="plan", given_by="user"), WriteOptions()
    )
    filing = cc.FileComplaint(
        plan_id=opened.plan_id, grounds=["lack_of_user_participation"],
        complainants_words="Ingen spurte meg.", knew_on=date.today(),
    )  # fmt: skip
    user = Actor("p-k", SUBJECT, "user", "5001")
    return opened.plan_id, planspor.file_complaint(user, filing, WriteOptions()).plan_id


def test_the_supervisors_exports_stream(
    client: TestClient, login: Login, planspor: Planspor, catch_up: CatchUp
) -> None:
    plan_id, _ = _case(planspor)
    catch_up()
    csrf = login(SUPERVISOR)
    client.post("/tilsyn/formal", data={"csrf_token": csrf, "formal": "2026/5"})
    client.get("/tilsyn", params={"plan": str(plan_id)})  # a read in the read log
    catch_up()
    for path in ("/tilsyn/eksport", "/leselogg/eksport"):
        for kind in ("csv", "jsonl"):
            asked = {"plan": str(plan_id)} if path == "/tilsyn/eksport" else {"aktor": "sf-9"}
            export = client.get(path, params=asked | {"format": kind})
            assert export.status_code == 200 and _streamed(export), (path, kind)
            assert export.text.strip(), (path, kind)


def test_every_oversight_form_is_refused_without_the_sessions_csrf_token(
    client: TestClient, login: Login, planspor: Planspor, catch_up: CatchUp
) -> None:
    _, complaint = _case(planspor)
    catch_up()
    posts = {
        getattr(route, "path", "")
        for router in routers()
        for route in router.routes
        if "POST" in (getattr(route, "methods", None) or ())
        and getattr(route, "path", "").startswith(("/tilsyn", "/klager", "/leselogg", "/oversikt"))
    }
    steps = ("vedlegg", "vurdering", "oversending", "avgjorelse")
    forms = sorted(
        path.replace("{step}", step) for path in posts for step in steps
    )  # every step of a case, and the purpose form
    assert set(forms) >= {"/tilsyn/formal", "/klager/{complaint_id}/avgjorelse"}
    head = planspor.recorder.max_notification_id()
    for claims in (SUPERVISOR, HANDLER, STATE):
        csrf = login(claims)
        for form in forms:
            path = form.replace("{complaint_id}", str(complaint))
            data = {"formal": "2026/9", "outcome": "upheld", "reason": "x",
                    "decision_reference": "SF-9"}  # fmt: skip
            for token in ({}, {"csrf_token": "not-" + csrf}):
                refused = client.post(path, data=data | token, follow_redirects=False)
                assert refused.status_code == 403, (claims["role"], path, token)
                assert "Skjemaet ble avvist" in refused.text
    assert planspor.recorder.max_notification_id() == head  # nothing was stored
    login(SUPERVISOR)
    assert client.get("/tilsyn").status_code == 403  # and no purpose was stated


def test_an_oversight_read_that_cannot_be_logged_shows_nothing_of_the_plan(
    client: TestClient,
    login: Login,
    planspor: Planspor,
    catch_up: CatchUp,
) -> None:
    plan_id, complaint = _case(planspor)
    catch_up()
    csrf = login(SUPERVISOR)
    stated = client.post("/tilsyn/formal", data={"csrf_token": csrf, "formal": "2026/6"})
    assert stated.status_code == 200
    pages = {
        SUPERVISOR["sub"]: [f"/tilsyn/planer/{plan_id}/historikk",
                            f"/tilsyn/planer/{plan_id}/pa-dato?dato={date.today()}",
                            f"/tilsyn?plan={plan_id}"],
        HANDLER["sub"]: [f"/klager/{complaint}", f"/klager/{complaint}/dokumentasjon"],
    }  # fmt: skip
    assert all(client.get(path).status_code == 200 for path in pages[SUPERVISOR["sub"]])

    with psycopg.connect(conninfo(dict(planspor.env)), autocommit=True) as conn:
        conn.execute("ALTER TABLE planspor_read_log RENAME TO read_log_away")  # a real failure
        try:
            for claims in (SUPERVISOR, HANDLER):
                if claims is HANDLER:
                    login(HANDLER)
                for path in pages[claims["sub"]]:
                    refused = client.get(path)
                    assert refused.status_code == 503, path
                    assert "Lesingen kunne ikke logges" in refused.text
                    assert SUBJECT not in refused.text
        finally:
            conn.execute("ALTER TABLE read_log_away RENAME TO planspor_read_log")
