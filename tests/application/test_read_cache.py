"""Plans read from the per-worker cache are the plans the repository rebuilds, at every version,
and never stale: a write through another worker is seen by the next read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from application import commands as c
from application.access import Action
from application.service import Planspor
from bench.generate import generate
from domain.plan import Plan
from tests.application.scenario import COORDINATOR, run, whole_life


def _more(app: Planspor, plan_id: UUID) -> None:
    """Events a whole life leaves out, so that each kind is folded at least once."""
    run(app, plan_id, c.RecordNeed(description="Hjelp til innkjøp"))
    run(app, plan_id, c.RecordResource(description="Nabo som handler"))


def test_every_version_folded_from_the_cache_is_the_repositorys(app: Planspor) -> None:
    plan_id = whole_life(app)
    _more(app, plan_id)
    current = app.get_plan(plan_id, COORDINATOR)
    versions = range(1, current.version + 1)
    for version in versions:  # folds the same shared events again and again
        assert app.get_plan(plan_id, COORDINATOR, version=version) == app.repository.get(
            plan_id, version=version
        )
    # folding them all did not change the events or the shared current plan
    assert app.get_plan(plan_id, COORDINATOR) == app.repository.get(plan_id)
    assert current is app.get_plan(plan_id, COORDINATOR)


def test_reading_does_not_change_the_shared_plan(app: Planspor) -> None:
    plan_id = whole_life(app)
    plan = app.get_plan(plan_id, COORDINATOR)
    app.policy.on_plan(COORDINATOR, Action.READ_CONTENT, plan, date.today())
    app.plan_events(plan_id, COORDINATOR, limit=500)
    app.plan_as_of(plan_id, COORDINATOR, datetime.now(UTC))
    assert plan == app.repository.get(plan_id)


def test_a_write_through_another_worker_is_seen_by_the_next_read(
    pg_env: dict[str, str],
) -> None:
    reader, writer = Planspor(env=pg_env), Planspor(env=pg_env)
    try:
        plan_id = whole_life(writer)
        before = reader.get_plan(plan_id, COORDINATOR)
        run(writer, plan_id, c.RecordNeed(description="Skyss til trening"))
        after = reader.get_plan(plan_id, COORDINATOR)
        assert after.version == before.version + 1
        assert after == writer.repository.get(plan_id)
        assert [e.originator_version for e in reader.plan_events(plan_id, COORDINATOR)][-1] == (
            after.version
        )
        assert isinstance(after, Plan)
    finally:
        reader.close()
        writer.close()


def test_generated_histories_fold_from_the_cache_as_the_repository_rebuilds_them(
    pg_env: dict[str, str],
) -> None:
    """Histories with every kind of event the generator makes (corrections, withdrawals,
    replacements, suspensions): each plan's every version, as folded from shared events."""
    app = Planspor(env=pg_env)
    try:
        report = generate(app, plans=40, seed=3, today=date(2025, 12, 31), chunk_size=20)
        kinds: set[str] = set()
        for generated in report.sample:
            cached = app.read_cache.current(generated.plan_id)
            assert cached is not None
            kinds |= {type(e).__name__ for e in cached.events}
            for version in range(1, cached.version + 1):
                folded = app.read_cache.at_version(cached, version)
                assert folded == app.repository.get(generated.plan_id, version=version)
            assert cached.plan == app.repository.get(generated.plan_id)
        assert len(kinds) >= 25, sorted(kinds)
    finally:
        app.close()
