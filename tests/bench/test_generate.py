"""The benchmark history generator: valid, stored, loadable, time-consistent and reproducible."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import psycopg
import pytest

from application.errors import PlanNotFoundError
from application.service import Planspor
from bench.clock import seeded
from bench.generate import generate
from bench.profiles import WEIGHTS, Profile, assess, deck
from bench.report import GenerationReport
from domain.plan import Plan
from domain.values import Actor, Meta

PLANS = 60
SEED = 7
TODAY = date(2025, 12, 31)
HORIZON = datetime.combine(TODAY, time(), tzinfo=UTC)


def reader(municipality: str) -> Actor:
    return Actor(
        person_id="bench", name="Bench Reader", role="coordinating_unit", municipality=municipality
    )


@pytest.fixture
def app(pg_env: dict[str, str]) -> Iterator[Planspor]:
    application = Planspor(env=pg_env)
    yield application
    application.close()


@pytest.fixture
def report(app: Planspor) -> GenerationReport:
    return generate(app, plans=PLANS, seed=SEED, today=TODAY, chunk_size=25)


def count(pg_env: dict[str, str], query: str) -> tuple[int, int]:
    with psycopg.connect(
        dbname=pg_env["POSTGRES_DBNAME"],
        host=pg_env["POSTGRES_HOST"],
        port=pg_env["POSTGRES_PORT"],
        user=pg_env["POSTGRES_USER"],
        password=pg_env["POSTGRES_PASSWORD"],
    ) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_every_generated_event_and_plan_is_in_the_event_store(
    report: GenerationReport, pg_env: dict[str, str]
) -> None:
    events, plans = count(
        pg_env, "SELECT count(*), count(DISTINCT originator_id) FROM planspor_events"
    )
    snapshots, _ = count(pg_env, "SELECT count(*), 0 FROM planspor_snapshots")
    assert (events, plans, snapshots) == (report.events, PLANS, report.snapshots)
    assert report.events == sum(plan.events for plan in report.sample)
    assert report.events_per_second > 0


def test_every_plan_loads_for_its_municipality_in_the_state_it_was_generated_in(
    app: Planspor, report: GenerationReport
) -> None:
    for generated in report.sample:
        plan = app.get_plan(generated.plan_id, reader(generated.municipality))
        events: list[Plan.Event] = list(app.events.get(generated.plan_id))  # type: ignore[arg-type]
        assert plan.version == generated.events == len(events)
        assert assess(plan, events, TODAY) == generated.failed
    other = next(p for p in report.sample if p.municipality != report.sample[0].municipality)
    with pytest.raises(PlanNotFoundError):
        app.get_plan(report.sample[0].plan_id, reader(other.municipality))


def test_recorded_times_strictly_increase_and_never_precede_effective_times(
    app: Planspor, report: GenerationReport
) -> None:
    effective_times = []
    for generated in report.sample:
        events = [e for e in app.events.get(generated.plan_id) if isinstance(e, Plan.Event)]
        stamps = [event.timestamp for event in events]
        assert len(events) == generated.events
        assert stamps == sorted(set(stamps)), "recorded times strictly increase per plan"
        assert stamps[-1] < HORIZON, "recorded times lie before the reference day"
        for event in events:
            assert event.meta["effective_at"] <= event.timestamp
            effective_times.append(event.meta["effective_at"])
    assert HORIZON - timedelta(days=6 * 365 + 1) <= min(effective_times)
    assert min(effective_times) < HORIZON - timedelta(days=3 * 365), "spread over past years"


def test_the_same_seed_gives_the_same_history(app: Planspor, report: GenerationReport) -> None:
    again = generate(app, plans=PLANS, seed=SEED, today=TODAY, chunk_size=60)
    assert (again.events, again.profiles, again.failures) == (
        report.events,
        report.profiles,
        report.failures,
    )
    assert [p.events for p in again.sample] == [p.events for p in report.sample]


def test_profile_counts_add_up_and_only_virksom_plans_pass_the_criteria(
    report: GenerationReport,
) -> None:
    assert sum(report.profiles.values()) == report.plans == PLANS
    assert sum(report.municipalities.values()) == PLANS
    assert report.mismatches == 0
    assert report.virksom == report.profiles[Profile.VIRKSOM]
    assert report.virksom == sum(1 for p in report.sample if not p.failed)


def test_a_deck_of_a_hundred_plans_holds_each_profile_by_its_weight() -> None:
    cards = deck(100, seeded(1, "deck", 0))
    assert {profile: cards.count(profile) for profile in Profile} == WEIGHTS
    assert len(deck(60, seeded(1, "deck", 1))) == 60


def test_events_are_stamped_by_the_wall_clock_again_after_generation(
    report: GenerationReport,
) -> None:
    before = datetime.now(UTC)
    plan = Plan.receive_request(
        Meta(actor=reader("5001"), effective_at=before, recorded_at=before),
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
        subject={"name": "Ola Nordmann", "person_id": "p-1"},
        source="gp",
    )
    assert before <= plan.pending_events[0].timestamp <= datetime.now(UTC)


def test_evidence_packs_build_for_every_generated_plan_and_rebuild_to_the_same_hash(
    app: Planspor, report: GenerationReport, pg_env: dict[str, str]
) -> None:
    from bench import evidence  # noqa: PLC0415
    from domain.evidence import build_pack, digest  # noqa: PLC0415

    measured = evidence.measure(app, pg_env, runs=2)
    assert measured["rebuilt_hash_equal"] is True
    assert measured["plan_events"] == report.largest_plan
    for plan in report.sample:
        events = [e for e in app.events.get(plan.plan_id) if isinstance(e, Plan.Event)]
        pack = build_pack(events, evidence.PERIOD, 1)
        assert pack["plan_version"] == plan.events
        assert digest(pack) == digest(build_pack(events, evidence.PERIOD, 1))
