"""Application scenarios, each run on the in-memory store and on PostgreSQL (fixture `app`)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from application import commands as c
from application.errors import (
    ConcurrentWriteError,
    IdempotencyKeyReusedError,
    PlanNotFoundError,
    PreconditionFailedError,
)
from application.service import Planspor, WriteOptions
from domain.errors import ConsentRequired, OpenPlanExists, RuleViolation
from domain.plan import Plan
from domain.values import PlanStatus
from tests.application.scenario import (
    COORDINATOR,
    NO_OPTIONS,
    OTHER_MUNICIPALITY,
    open_plan,
    run,
    whole_life,
)


def test_a_plans_whole_life_is_stored_as_events_with_who_and_when(app: Planspor) -> None:
    plan_id = whole_life(app)
    plan = app.get_plan(plan_id, COORDINATOR)
    assert plan.status == PlanStatus.GRANTED
    assert plan.coordinator is not None and plan.coordinator.person_id == "k-100"
    assert len(plan.goals) == 1 and len(plan.measures) == 1 and len(plan.evaluations) == 1
    assert plan.versions[0].deliveries[0]["channel"] == "digital"
    events = app.plan_events(plan_id, COORDINATOR)
    assert [e.originator_version for e in events] == list(range(1, plan.version + 1))
    assert type(events[0]) is Plan.RequestReceived and type(events[-1]) is Plan.Reopened
    assert all(e.meta["actor"]["person_id"] == "k-100" for e in events)
    assert events[-1].meta["reason"] == "Flyttet tilbake"


def test_plan_as_of_an_instant_is_the_version_recorded_then(app: Planspor) -> None:
    plan_id = open_plan(app)
    run(app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    recorded: list[tuple[datetime, int]] = []
    for n in range(12):  # more than two snapshot intervals (5)
        run(app, plan_id, c.RecordNeed(description=f"Behov {n}"))
        recorded.append((datetime.now(UTC), app.get_plan(plan_id, COORDINATOR).version))
    for instant, version in recorded:
        as_of = app.plan_as_of(plan_id, COORDINATOR, instant)
        assert as_of.version == version
        assert len(as_of.needs) == version - 2
    with pytest.raises(PlanNotFoundError):
        app.plan_as_of(plan_id, COORDINATOR, datetime.now(UTC) - timedelta(days=1))


def test_retry_with_the_same_idempotency_key_returns_the_first_answer(app: Planspor) -> None:
    plan_id = open_plan(app)
    options = WriteOptions(idempotency_key="k1", fingerprint="body-a")
    first = app.execute(plan_id, COORDINATOR, c.InformUser(), options)
    again = app.execute(plan_id, COORDINATOR, c.InformUser(), options)
    assert (again.plan_id, again.version) == (first.plan_id, first.version) and again.replayed
    assert app.get_plan(plan_id, COORDINATOR).version == first.version
    with pytest.raises(IdempotencyKeyReusedError):
        app.execute(
            plan_id,
            COORDINATOR,
            c.InformUser(),
            WriteOptions(idempotency_key="k1", fingerprint="body-b"),
        )


def test_opening_is_idempotent_too(app: Planspor) -> None:
    options = WriteOptions(idempotency_key="open-1", fingerprint="x")
    command = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": "Ola", "person_id": "p-77"},
        source="user",
    )
    first = app.open_plan(COORDINATOR, command, options)
    assert app.open_plan(COORDINATOR, command, options).plan_id == first.plan_id


def test_stale_expected_version_is_refused_and_changes_nothing(app: Planspor) -> None:
    plan_id = open_plan(app)
    with pytest.raises(PreconditionFailedError):
        app.execute(plan_id, COORDINATOR, c.InformUser(), WriteOptions(expected_version=7))
    assert app.get_plan(plan_id, COORDINATOR).version == 1
    result = app.execute(plan_id, COORDINATOR, c.InformUser(), WriteOptions(expected_version=1))
    assert result.version == 2 and result.position is not None


def test_concurrent_writes_to_one_plan_are_detected_not_merged(app: Planspor) -> None:
    plan_id = open_plan(app)
    both_loaded = threading.Barrier(2, timeout=10)

    class SlowInform(c.InformUser):
        def run(self, plan: Plan, meta: object) -> None:
            both_loaded.wait()
            super().run(plan, meta)  # type: ignore[arg-type]

    outcomes: list[object] = []

    def write() -> None:
        try:
            outcomes.append(app.execute(plan_id, COORDINATOR, SlowInform(), NO_OPTIONS))
        except ConcurrentWriteError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["ConcurrentWriteError", "WriteResult"]
    assert app.get_plan(plan_id, COORDINATOR).version == 2


def test_a_person_has_at_most_one_open_plan_in_a_municipality(app: Planspor) -> None:
    first = open_plan(app)
    with pytest.raises(OpenPlanExists) as refused:
        open_plan(app)
    assert refused.value.existing_plan_id == str(first)
    run(app, first, c.Close(reason="Avsluttet"))
    second = open_plan(app)
    with pytest.raises(OpenPlanExists):
        run(app, first, c.Reopen(reason="Feil"))
    assert app.get_plan(first, COORDINATOR).closed and second != first


def test_plans_of_another_municipality_are_not_found(app: Planspor) -> None:
    plan_id = open_plan(app)
    for read in (
        lambda: app.get_plan(plan_id, OTHER_MUNICIPALITY),
        lambda: app.plan_events(plan_id, OTHER_MUNICIPALITY),
        lambda: app.plan_as_of(plan_id, OTHER_MUNICIPALITY, datetime.now(UTC)),
        lambda: app.execute(plan_id, OTHER_MUNICIPALITY, c.InformUser(), NO_OPTIONS),
    ):
        with pytest.raises(PlanNotFoundError):
            read()
    with pytest.raises(PlanNotFoundError):
        app.get_plan(uuid4(), COORDINATOR)


def test_domain_refusal_stores_nothing(app: Planspor) -> None:
    plan_id = open_plan(app)
    with pytest.raises(ConsentRequired):
        run(app, plan_id, c.RecordMapping(users_words="x"))
    assert len(app.plan_events(plan_id, COORDINATOR)) == 1


def test_snapshots_survive_a_restart_of_the_application(app: Planspor) -> None:
    plan_id = whole_life(app)
    version = app.get_plan(plan_id, COORDINATOR).version
    assert app.snapshots is not None
    assert list(app.snapshots.get(plan_id))  # taken every 5 events
    if app.env.get("PERSISTENCE_MODULE") != "eventsourcing.popo":
        restarted = Planspor(env=dict(app.env.items()))
        try:
            plan = restarted.get_plan(plan_id, COORDINATOR)
            assert (
                plan.version == version
                and plan.goals.keys() == app.get_plan(plan_id, COORDINATOR).goals.keys()
            )
        finally:
            restarted.close()


def test_a_plan_opens_only_under_a_kommunenummer_in_force_in_the_register(app: Planspor) -> None:
    nowhere = replace(COORDINATOR, municipality="9999")
    command = c.OpenPlan(
        municipality="9999",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": "Ola Nordmann", "person_id": "p-1"},
        source="gp",
    )
    with pytest.raises(RuleViolation) as refused:
        app.open_plan(nowhere, command, WriteOptions())
    assert refused.value.field == "municipality"
    old_number = replace(COORDINATOR, municipality="3804")  # Sandefjord until 2023
    with pytest.raises(RuleViolation):
        app.open_plan(
            old_number, command.model_copy(update={"municipality": "3804"}), WriteOptions()
        )
