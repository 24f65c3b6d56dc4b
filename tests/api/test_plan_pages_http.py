"""The plan pages over HTTP (no browser): a form refused by the domain comes back with the rule
beside the field and the input kept; a stale version is refused (412) with what changed; one
Idempotency-Key makes one event; a consequential step asks first; pages read through the same
policy and read log as the API."""

from __future__ import annotations

import re
from collections.abc import Callable
from uuid import UUID

import psycopg
import pytest
from fastapi.testclient import TestClient

from adapters.database import conninfo
from application import commands as c
from application.service import Planspor, WriteOptions
from domain.values import Actor
from tests.api.conftest import Login

UNIT = Actor("ke-9", "Test Enhet", "coordinating_unit", "5001", unit="Koordinerende enhet")
KARI = {"sub": "k-100", "name": "Kari Koordinator", "role": "coordinator",
        "municipality": "5001", "org": "Trondheim kommune", "unit": "Hjemmetjenesten"}  # fmt: skip


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
        c.AddGoal(text="Gå tur hver dag", formulated_by="user", user_agreement="agreed"),
    ):
        planspor.execute(opened.plan_id, UNIT, command, WriteOptions())
    return opened.plan_id


def form_state(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def test_the_plan_page_shows_the_plan_and_logs_the_read_first(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(KARI)
    page = client.get(f"/planer/{plan_id}")
    assert page.status_code == 200, page.text
    assert "Plan for Per Prøve" in page.text
    assert "«Gå tur hver dag»" in page.text
    with psycopg.connect(conninfo(dict(planspor.env))) as conn:
        reads = conn.execute(
            "SELECT what, actor_id FROM planspor_read_log WHERE plan_id = %s", [plan_id]
        ).fetchall()
    assert ("plan", KARI["sub"]) in reads, "the page's read is in the read log"


def test_a_form_the_domain_refuses_shows_the_rule_beside_the_field_and_keeps_the_input(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(KARI)
    goal_id = next(iter(planspor.get_plan(plan_id, UNIT).goals))
    shown = client.get(f"/planer/{plan_id}/skjema/frafall-mal?gjelder={goal_id}")
    assert shown.status_code == 200, shown.text
    state = form_state(shown.text)
    sent = client.post(
        f"/planer/{plan_id}/skjema/frafall-mal", data=state | {"reason": "  ", "effective_on": ""}
    )
    assert sent.status_code == 422
    assert 'id="f-reason-error"' in sent.text
    assert "Skriv en begrunnelse." in sent.text
    assert 'href="#f-reason"' in sent.text  # the error summary links to the field
    assert planspor.get_plan(plan_id, UNIT).goals[goal_id].status == "active"


def test_a_refused_form_keeps_what_was_typed(
    client: TestClient, login: Login, plan_id: UUID
) -> None:
    login(KARI)
    state = form_state(client.get(f"/planer/{plan_id}/skjema/tiltak").text)
    sent = client.post(
        f"/planer/{plan_id}/skjema/tiltak",
        data=state | {"measure.title": "", "measure.responsible_service": "Hjemmetjenesten"},
    )
    assert sent.status_code == 422
    assert 'value="Hjemmetjenesten"' in sent.text
    assert 'id="f-measure-title-error"' in sent.text


def test_a_saved_form_redirects_to_the_plan_with_a_confirmation(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(KARI)
    state = form_state(client.get(f"/planer/{plan_id}/skjema/tiltak").text)
    data = state | {
        "measure.title": "Praktisk bistand",
        "measure.responsible_service": "Hjemmetjenesten",
    }
    sent = client.post(f"/planer/{plan_id}/skjema/tiltak", data=data, follow_redirects=False)
    assert sent.status_code == 303
    assert sent.headers["location"].startswith(f"/planer/{plan_id}?utfort=tiltak")
    page = client.get(sent.headers["location"])
    assert "Tiltaket er lagt til." in page.text
    assert [m.title for m in planspor.get_plan(plan_id, UNIT).measures.values()] == [
        "Praktisk bistand"
    ]


def test_the_same_form_sent_twice_makes_one_event(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(KARI)
    state = form_state(client.get(f"/planer/{plan_id}/skjema/ressurs").text)
    data = state | {"description": "Glad i å gå tur", "in_users_words": "on"}
    first = client.post(f"/planer/{plan_id}/skjema/ressurs", data=data, follow_redirects=False)
    second = client.post(f"/planer/{plan_id}/skjema/ressurs", data=data, follow_redirects=False)
    assert (first.status_code, second.status_code) == (303, 303)
    assert len(planspor.get_plan(plan_id, UNIT).resources) == 1


def test_a_form_sent_after_the_plan_changed_is_refused_and_shows_what_changed(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(KARI)
    state = form_state(client.get(f"/planer/{plan_id}/skjema/behov").text)
    other = Actor("k-100", "Kari Koordinator", "coordinator", "5001")
    planspor.execute(plan_id, other, c.RecordNeed(description="Trenger skyss"), WriteOptions())
    data = state | {"description": "Trenger hjelp til innkjøp"}
    sent = client.post(f"/planer/{plan_id}/skjema/behov", data=data)
    assert sent.status_code == 412
    assert "Planen er endret siden du åpnet skjemaet" in sent.text
    assert "Behov registrert" in sent.text  # the history's label of what changed
    assert "Trenger skyss" in sent.text
    assert "Trenger hjelp til innkjøp" in sent.text  # the input is kept
    assert [n["description"] for n in planspor.get_plan(plan_id, UNIT).needs] == ["Trenger skyss"]
    resent = data | form_state(sent.text)
    again = client.post(f"/planer/{plan_id}/skjema/behov", data=resent, follow_redirects=False)
    assert again.status_code == 303, "sent again against the version it was shown, it is saved"
    assert len(planspor.get_plan(plan_id, UNIT).needs) == 2


def test_closing_a_plan_asks_first(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    login(UNIT_CLAIMS)
    state = form_state(client.get(f"/planer/{plan_id}/skjema/avslutt").text)
    asked = client.post(f"/planer/{plan_id}/skjema/avslutt", data=state | {"reason": "Flyttet"})
    assert asked.status_code == 200
    assert "Er du sikker?" in asked.text
    assert not planspor.get_plan(plan_id, UNIT).closed
    confirmed = form_state(asked.text)
    assert confirmed["bekreftet"] == "ja"
    done = client.post(f"/planer/{plan_id}/skjema/avslutt", data=confirmed, follow_redirects=False)
    assert done.status_code == 303
    assert planspor.get_plan(plan_id, UNIT).closed


UNIT_CLAIMS = {"sub": "ke-9", "name": "Test Enhet", "role": "coordinating_unit",
               "municipality": "5001", "unit": "Koordinerende enhet"}  # fmt: skip


def test_every_form_opens_from_the_plan(
    client: TestClient, login: Login, plan_id: UUID, planspor: Planspor
) -> None:
    from api.pages.plan_forms_work import FORMS  # noqa: PLC0415

    planspor.execute(plan_id, UNIT, c.AgreeVersion(agreed_with_user=True), WriteOptions())
    plan = planspor.get_plan(plan_id, UNIT)
    items = {
        "goal_id": next(iter(plan.goals)),
        "consent_id": next(iter(plan.consents)),
        "number": "1",
        "measure_id": "",
        "participant_id": "",
    }
    login(UNIT_CLAIMS)
    for key, form in FORMS.items():
        query = f"?gjelder={items[form.item]}" if form.item else ""
        shown = client.get(f"/planer/{plan_id}/skjema/{key}{query}")
        assert shown.status_code == 200, (key, shown.text[-2000:])
        assert f"<h1>{form.title}</h1>" in shown.text


def test_the_history_page_shows_who_when_why_and_each_field_old_to_new(
    client: TestClient,
    login: Login,
    plan_id: UUID,
    planspor: Planspor,
    catch_up: Callable[[], int],
) -> None:
    goal_id = next(iter(planspor.get_plan(plan_id, UNIT).goals))
    revise = c.ReviseGoal(
        goal_id=goal_id, text="Gå tur tre ganger i uka", user_agreement="agreed", reason="Ønske"
    )
    planspor.execute(plan_id, UNIT, revise, WriteOptions())
    catch_up()
    login(KARI)
    page = client.get(f"/planer/{plan_id}/historikk")
    assert page.status_code == 200, page.text
    assert "Mål revidert" in page.text
    assert "Begrunnelse</dt><dd>Ønske" in page.text
    assert re.search(
        r"Mål, tekst: <del>.*Gå tur hver dag</del> → <ins>.*Gå tur tre ganger", page.text
    )


def test_the_history_is_paged(
    client: TestClient,
    login: Login,
    plan_id: UUID,
    planspor: Planspor,
    catch_up: Callable[[], int],
) -> None:
    for number in range(50):
        planspor.execute(plan_id, UNIT, c.RecordNeed(description=f"Behov {number}"), WriteOptions())
    catch_up()
    login(KARI)
    first = client.get(f"/planer/{plan_id}/historikk")
    assert first.text.count('class="plan-event"') == 50
    following = re.search(r'href="(/planer/[^"]+/historikk\?side=[^"]+)">Neste side', first.text)
    assert following
    second = client.get(following.group(1).replace("&amp;", "&"))
    assert second.text.count('class="plan-event"') == 4  # 54 events in all
    assert "Behov 49" in second.text


def test_the_plan_on_a_date_shows_both_views_and_marks_what_was_recorded_later(
    client: TestClient, login: Login, planspor: Planspor
) -> None:
    """A plan registered today for a request received ten days ago: a week ago it was in
    force, but nothing of it was recorded yet."""
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    ago = datetime.now(UTC) - timedelta(days=10)
    opened = planspor.open_plan(
        UNIT,
        c.OpenPlan(
            municipality="5001",
            responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
            subject={"name": "Sen Registrering", "person_id": "p-2"},
            source="hospital",
            effective_at=ago,
        ),
        WriteOptions(),
    )
    coordinator = {"person_id": "k-100", "name": "Kari Koordinator"}
    planspor.execute(
        opened.plan_id,
        UNIT,
        c.AppointCoordinator(coordinator=coordinator, effective_at=ago + timedelta(days=1)),
        WriteOptions(),
    )
    login(KARI)
    week_ago = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    page = client.get(f"/planer/{opened.plan_id}/pa-dato?dato={week_ago}")
    assert page.status_code == 200, page.text
    assert "Slik den var registrert ved slutten av dagen" in page.text
    assert "Ingenting var registrert ennå." in page.text
    assert "Alt som gjaldt da, er registrert senere." in page.text
    assert "Kari Koordinator" in page.text  # coordinator as effective then
    bad = client.get(f"/planer/{opened.plan_id}/pa-dato?dato=31.12.2025")
    assert bad.status_code == 422
    assert 'id="dato-error"' in bad.text


def test_who_has_read_the_plan_is_shown_to_the_coordinating_unit(
    client: TestClient, login: Login, plan_id: UUID, catch_up: Callable[[], int]
) -> None:
    login(KARI)
    assert client.get(f"/planer/{plan_id}").status_code == 200
    catch_up()
    login(UNIT_CLAIMS)
    page = client.get(f"/planer/{plan_id}/lesinger")
    assert page.status_code == 200, page.text
    assert "Kari Koordinator" in page.text
    assert "Koordinator for planen" in page.text
    login(KARI)
    assert client.get(f"/planer/{plan_id}/lesinger").status_code == 403  # the policy's answer


def test_a_new_plan_records_the_request_and_its_source(
    client: TestClient, login: Login, planspor: Planspor
) -> None:
    login(UNIT_CLAIMS)
    shown = client.get("/planer/ny")
    assert shown.status_code == 200, shown.text
    state = form_state(shown.text)
    data = state | {
        "subject.name": "Ny Bruker",
        "subject.person_id": "p-9",
        "source": "next_of_kin",
        "responsible_unit.name": "Koordinerende enhet",
        "responsible_unit.unit_id": "ke-5001",
    }
    bad = client.post("/planer/ny", data=data | {"subject.national_id": "12345678901"})
    assert bad.status_code == 422
    assert 'id="f-subject-national-id-error"' in bad.text
    assert 'value="Ny Bruker"' in bad.text
    sent = client.post("/planer/ny", data=data, follow_redirects=False)
    assert sent.status_code == 303
    plan_id = UUID(sent.headers["location"].split("/")[2].split("?")[0])
    assert planspor.get_plan(plan_id, UNIT).source == "next_of_kin"
    assert "Planen er opprettet." in client.get(sent.headers["location"]).text
    again = client.post("/planer/ny", data=data | {"idempotency_key": "another"})
    assert again.status_code == 409
    assert "Personen har allerede en åpen plan i kommunen." in again.text
