"""As-of reads come from the plan's cached events: after the first read of a plan, a read takes
from the store only the events written since (none, when the plan did not change), and gives the
version that was recorded at the instant, as the repository rebuilds it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from application import commands as c
from application.service import Planspor
from tests.application.scenario import COORDINATOR, open_plan, run


class CountingRows:
    """Wraps the recorder's `select_events` to count the stored events it returns."""

    def __init__(self, app: Planspor) -> None:
        self.rows = 0
        self._select = app.recorder.select_events

        def counting(*args: Any, **kwargs: Any) -> Any:
            found = self._select(*args, **kwargs)
            self.rows += len(found)
            return found

        app.recorder.select_events = counting  # type: ignore[method-assign]


@pytest.fixture
def long_history(pg_env: dict[str, str]) -> Iterator[tuple[Planspor, Any, list[datetime]]]:
    app = Planspor(env=pg_env | {"SNAPSHOT_INTERVAL": "50"})
    plan_id = open_plan(app)
    run(app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    instants = []
    for n in range(298):
        run(app, plan_id, c.RecordNeed(description=f"Behov {n}"))
        if n % 50 == 10:
            instants.append(datetime.now(UTC))
    yield app, plan_id, instants
    app.close()


def test_as_of_on_a_long_history_reads_only_what_is_new(
    long_history: tuple[Planspor, Any, list[datetime]],
) -> None:
    app, plan_id, instants = long_history
    app.get_plan(plan_id, COORDINATOR)  # the first read of the plan takes all its events
    for instant in instants:
        counter = CountingRows(app)
        plan = app.plan_as_of(plan_id, COORDINATOR, instant)
        assert plan.version % 50 == 13  # two opening events, then need number 10 + 50k
        assert counter.rows == 0, counter.rows  # nothing was written since: nothing read
        app.recorder.select_events = counter._select  # type: ignore[method-assign]
        assert plan == app.repository.get(plan_id, version=plan.version)
    run(app, plan_id, c.RecordNeed(description="Ett til"))
    counter = CountingRows(app)
    assert app.plan_as_of(plan_id, COORDINATOR, datetime.now(UTC)).version == 301
    assert counter.rows == 1  # the one new event, however long the history
