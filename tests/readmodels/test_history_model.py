"""Plan history: one entry per event with who, when, why, and field changes with old values."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import Tracking

from adapters.database import conninfo
from adapters.readmodels import history_queries
from adapters.readmodels.reads import ReadStore
from adapters.readmodels.store import APPLICATION
from application import commands as c
from domain.plan import Plan
from projections.history import LABELS
from projections.history_handlers import HANDLERS
from projections.topics import topics_of
from tests.application.scenario import COORDINATOR, open_plan, run, whole_life
from tests.conftest import ReadModels

Entry = dict[str, Any]


def entries(read_models: ReadModels, plan_id: UUID) -> list[Entry]:
    return read_models.query(
        "SELECT * FROM rm_history_entries WHERE plan_id = %s ORDER BY version", plan_id
    )


def last_entry(read_models: ReadModels, plan_id: UUID) -> Entry:
    return entries(read_models, plan_id)[-1]


def change(entry: Entry, record: str, field: str) -> tuple[Any, Any]:
    (found,) = [x for x in entry["changes"] if (x["record"], x["field"]) == (record, field)]
    return found["old"], found["new"]


def consented_plan(read_models: ReadModels) -> UUID:
    plan_id = open_plan(read_models.app)
    run(read_models.app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    return plan_id


def test_every_plan_event_type_has_a_bokmal_label_and_its_changes() -> None:
    event_types = {topic.rsplit(".", 1)[-1] for topic in topics_of(Plan)}
    assert len(event_types) == 43  # 35, and the own part of issue 10
    assert set(LABELS) == event_types
    assert len(set(LABELS.values())) == len(LABELS)  # no two kinds of event read the same
    assert {kind.__name__ for kind in HANDLERS.handled()} == event_types


def test_a_goal_revision_shows_the_old_and_the_new_wording(read_models: ReadModels) -> None:
    plan_id = consented_plan(read_models)
    goal = run(
        read_models.app,
        plan_id,
        c.AddGoal(text="Gå tur hver dag", formulated_by="user", user_agreement="agreed"),
    )
    read_models.catch_up()  # the old wording must come back from the database
    run(
        read_models.app,
        plan_id,
        c.ReviseGoal(
            goal_id=str(goal),
            text="Gå tur tre ganger i uken",
            user_agreement="agreed",
            reason="For mye hver dag",
        ),
    )
    read_models.catch_up()
    revised = last_entry(read_models, plan_id)
    assert (revised["event_type"], revised["label"]) == ("GoalRevised", "Mål revidert")
    assert change(revised, f"goal:{goal}", "text") == (
        "Gå tur hver dag",
        "Gå tur tre ganger i uken",
    )
    assert [x["field"] for x in revised["changes"]] == ["text"]  # unchanged fields are not listed
    assert revised["reason"] == "For mye hver dag"


def test_a_measure_status_change_shows_the_old_and_the_new_status(
    read_models: ReadModels,
) -> None:
    plan_id = consented_plan(read_models)
    measure = run(
        read_models.app,
        plan_id,
        c.AddMeasure(measure={"title": "Fysioterapi", "responsible_service": "Fysio"}),
    )
    run(
        read_models.app,
        plan_id,
        c.ChangeMeasureStatus(measure_id=str(measure), status="applied_for"),
    )
    read_models.catch_up()
    run(
        read_models.app,
        plan_id,
        c.ChangeMeasureStatus(
            measure_id=str(measure), status="refused", decision_reference="2026/9"
        ),
    )
    read_models.catch_up()
    applied, refused = entries(read_models, plan_id)[-2:]
    assert applied["label"] == "Tiltak: status endret"
    assert change(applied, f"measure:{measure}", "status") == ("wished", "applied_for")
    assert change(refused, f"measure:{measure}", "status") == ("applied_for", "refused")
    assert change(refused, f"measure:{measure}", "decision_reference") == (None, "2026/9")


def test_replacing_the_coordinator_shows_the_old_and_the_new_coordinator(
    read_models: ReadModels,
) -> None:
    plan_id = open_plan(read_models.app)
    kari = {"person_id": "k-100", "name": "Kari Koordinator"}
    run(read_models.app, plan_id, c.AppointCoordinator(coordinator=kari))
    run(
        read_models.app,
        plan_id,
        c.ReplaceCoordinator(
            coordinator={"person_id": "k-200", "name": "Kåre Koordinator"},
            handover_note="Overlevert i møte",
            reason="Kari slutter",
        ),
    )
    read_models.catch_up()
    appointed, replaced = entries(read_models, plan_id)[-2:]
    assert change(appointed, "coordinator", "person_id") == (None, "k-100")
    assert replaced["label"] == "Koordinator byttet"
    assert change(replaced, "coordinator", "person_id") == ("k-100", "k-200")
    assert change(replaced, "coordinator", "name") == ("Kari Koordinator", "Kåre Koordinator")
    assert change(replaced, f"handover:{replaced['version']}", "note") == (
        None,
        "Overlevert i møte",
    )


def test_withdrawing_consent_changes_the_consents_status_and_keeps_the_reason(
    read_models: ReadModels,
) -> None:
    plan_id = open_plan(read_models.app)
    consent = run(read_models.app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    run(
        read_models.app,
        plan_id,
        c.WithdrawConsent(consent_id=str(consent), reason="Vil ikke dele lenger"),
    )
    read_models.catch_up()
    given, withdrawn = entries(read_models, plan_id)[-2:]
    assert (given["label"], withdrawn["label"]) == ("Samtykke gitt", "Samtykke trukket tilbake")
    assert change(given, f"consent:{consent}", "scope") == (None, "plan")
    assert change(withdrawn, f"consent:{consent}", "status") == ("given", "withdrawn")
    assert change(withdrawn, f"consent:{consent}", "withdrawal_reason") == (
        None,
        "Vil ikke dele lenger",
    )
    assert withdrawn["reason"] == "Vil ikke dele lenger"


def test_every_entry_says_what_happened_when_by_whom_and_on_whose_behalf(
    read_models: ReadModels,
) -> None:
    plan_id = whole_life(read_models.app)
    run(read_models.app, plan_id, c.RecordNeed(description="Hjelp", on_behalf_of="p-ola"))
    read_models.catch_up()
    rows = entries(read_models, plan_id)
    version = read_models.app.get_plan(plan_id, COORDINATOR).version
    assert [row["version"] for row in rows] == list(range(1, version + 1))
    for row in rows:
        assert row["label"] == LABELS[row["event_type"]]
        assert row["effective_at"] <= row["recorded_at"]
        assert (row["actor_id"], row["actor_name"], row["actor_role"]) == (
            "k-100",
            "Kari Koordinator",
            "coordinating_unit",
        )
        assert (row["municipality"], row["unit_id"]) == ("5001", "ke")
        assert row["changes"], row["event_type"]
    assert [row["on_behalf_of"] for row in rows][-2:] == [None, "p-ola"]
    closed = next(row for row in rows if row["event_type"] == "Closed")
    assert change(closed, "plan", "status") == ("granted", "closed")
    assert rows[-1]["actor_assurance"] == "idporten-loa-substantial"


def test_dates_in_changes_are_iso_strings(read_models: ReadModels) -> None:
    plan_id = whole_life(read_models.app)
    read_models.catch_up()
    period = next(e for e in entries(read_models, plan_id) if e["event_type"] == "PlanPeriodSet")
    old, new = change(period, "plan", "starts_on")
    assert old is None
    assert isinstance(new, str) and len(new) == 10 and new[4] == "-"


def test_catching_up_twice_does_not_duplicate_entries(read_models: ReadModels) -> None:
    plan_id = whole_life(read_models.app)
    read_models.catch_up()
    before = len(entries(read_models, plan_id))
    assert read_models.catch_up() == 0
    view = read_models.runner.views["history"]
    head = read_models.app.recorder.max_notification_id() or 0
    page = read_models.app.recorder.select_notifications(start=1, limit=1000, stop=head)
    again = [(read_models.app.mapper.to_domain_event(n), n.id) for n in page]
    assert view.apply_batch(again, Tracking(APPLICATION, head)) == 0  # a racing runner
    assert len(entries(read_models, plan_id)) == before


def test_the_export_fetches_through_a_server_side_cursor_in_slices(
    read_models: ReadModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = whole_life(read_models.app)
    read_models.catch_up()
    monkeypatch.setattr(history_queries, "EXPORT_SLICE", 3)
    reads = ReadStore(conninfo(read_models.env))
    try:
        rows = history_queries.export_audit_trail(
            reads, history_queries.AuditFilter(municipality="5001", plan_id=plan_id)
        )
        first = next(rows)
        fetching = read_models.query(
            "SELECT query FROM pg_stat_activity WHERE query LIKE 'FETCH FORWARD 3 FROM%%'"
        )
        rest = list(rows)
    finally:
        reads.close()
    assert len(fetching) == 1  # the database holds the result; the export asks for 3 at a time
    assert [first["version"], *[row["version"] for row in rest]] == [
        row["version"] for row in entries(read_models, plan_id)
    ]
