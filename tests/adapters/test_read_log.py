"""The read log on PostgreSQL (`adapters/eventstore.py`): append-only, written outside the plan
events' lock, and the reads recorded earlier as `PlanRead` events copied into it once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from adapters.database import conninfo
from application.errors import ReadNotLoggedError
from application.service import Planspor
from domain.read_log import PlanRead
from tests.application.scenario import COORDINATOR, open_plan


@pytest.fixture
def planspor(pg_env: dict[str, str]) -> Iterator[Planspor]:
    app = Planspor(env=pg_env)
    yield app
    app.close()


def _rows(env: dict[str, str], query: str, *params: object) -> list[tuple[Any, ...]]:
    with psycopg.connect(conninfo(env)) as conn:
        return conn.execute(query, params).fetchall()


def test_the_log_refuses_update_delete_and_truncate(
    planspor: Planspor, pg_env: dict[str, str]
) -> None:
    plan_id = open_plan(planspor)
    planspor.get_plan(plan_id, COORDINATOR)
    for statement in (
        "UPDATE planspor_read_log SET actor_name = 'someone else'",
        "DELETE FROM planspor_read_log",
        "TRUNCATE planspor_read_log",
    ):
        refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only")
        with psycopg.connect(conninfo(pg_env)) as conn, refused:
            conn.execute(statement)
    assert _rows(pg_env, "SELECT actor_name, what FROM planspor_read_log WHERE plan_id = %s",
                 plan_id) == [(COORDINATOR.name, "plan")]  # fmt: skip


def test_a_read_is_recorded_while_a_plan_write_holds_the_events_table(
    planspor: Planspor, pg_env: dict[str, str]
) -> None:
    """The library takes `LOCK TABLE … IN EXCLUSIVE MODE` on the events table for each write; a
    read's record does not wait for it (it once did, as a `PlanRead` event)."""
    plan_id = open_plan(planspor)
    done = threading.Event()
    with psycopg.connect(conninfo(pg_env)) as writer, writer.transaction():
        writer.execute("LOCK TABLE planspor_events IN EXCLUSIVE MODE")

        def read() -> None:
            planspor.get_plan(plan_id, COORDINATOR)
            done.set()

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=20)  # a guard against hanging, not a speed target
        assert done.is_set(), "the read waited for the plan write's lock"
    assert _rows(pg_env, "SELECT count(*) FROM planspor_read_log WHERE plan_id = %s",
                 plan_id) == [(1,)]  # fmt: skip


def test_reads_recorded_as_events_before_the_log_are_copied_into_it_once_in_order(
    planspor: Planspor, pg_env: dict[str, str]
) -> None:
    plan_id = open_plan(planspor)
    earlier = [
        PlanRead.record(
            plan_id=plan_id if n % 2 else None,
            municipality="5001",
            actor=COORDINATOR.to_event(),
            what="plan" if n % 2 else "audit trail",
            basis="coordinator",
            purpose=f"sak {n}",
            detail={"n": n},
        )
        for n in range(5)
    ]
    for read in earlier:  # as the application did before the log was a table
        planspor.save(read)
    with psycopg.connect(conninfo(pg_env), autocommit=True) as conn:
        conn.execute("DROP TABLE planspor_read_log")  # the database as it was before the upgrade
    for _ in range(2):  # two starts: the second finds the log and copies nothing
        Planspor(env=pg_env).close()
    copied = _rows(
        pg_env, "SELECT read_id, plan_id, purpose, detail, read_at FROM planspor_read_log "
        "ORDER BY position",
    )  # fmt: skip
    assert [row[0] for row in copied] == [read.id for read in earlier]
    assert [row[1] for row in copied] == [None, plan_id, None, plan_id, None]
    assert [row[2] for row in copied] == [f"sak {n}" for n in range(5)]
    assert copied[3][3] == {"n": 3}
    assert [row[4] for row in copied] == [read.created_on for read in earlier]


def test_a_record_the_database_cannot_take_in_time_refuses_the_read(
    pg_env: dict[str, str],
) -> None:
    """Someone holds the log's table (a lock, a stalled disk): the read fails closed within the
    bound instead of holding the request."""
    app = Planspor(env=pg_env | {"READ_LOG_TIMEOUT_SECONDS": "0.5"})
    try:
        plan_id = open_plan(app)
        with psycopg.connect(conninfo(pg_env)) as holder, holder.transaction():
            holder.execute("LOCK TABLE planspor_read_log IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(ReadNotLoggedError):
                app.get_plan(plan_id, COORDINATOR)
        app.get_plan(plan_id, COORDINATOR)  # once the table is free, reads are recorded again
        assert _rows(pg_env, "SELECT count(*) FROM planspor_read_log") == [(1,)]
    finally:
        app.close()
