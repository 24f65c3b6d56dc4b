"""As-of reads replay at most one snapshot interval, found with O(log n) single-event reads."""

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


def test_as_of_on_a_long_history_reads_a_bounded_number_of_events(
    long_history: tuple[Planspor, Any, list[datetime]],
) -> None:
    app, plan_id, instants = long_history
    for instant in instants:
        counter = CountingRows(app)
        plan = app.plan_as_of(plan_id, COORDINATOR, instant)
        assert plan.version % 50 == 13  # two opening events, then need number 10 + 50k
        assert counter.rows <= 50 + 12, counter.rows  # one snapshot interval + log2(300) probes
        app.recorder.select_events = counter._select  # type: ignore[method-assign]
