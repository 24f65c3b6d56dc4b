"""Bulk writing into the application's PostgreSQL event store with `COPY … FROM STDIN (BINARY)`.

One transaction per chunk, written by a background thread so the next chunk is generated while
PostgreSQL ingests this one (the queue is small, so memory stays bounded). Like the library's own
recorder, each transaction takes the EXCLUSIVE table lock before inserting (notification ids are
then issued in commit order) and notifies the table's channel. `notification_id` is assigned by the
database's sequence.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresAggregateRecorder, PostgresApplicationRecorder
from psycopg import sql

Row = tuple[UUID | str, int, str, bytes]
COLUMNS = ["uuid", "int8", "text", "bytea"]


def row(stored: StoredEvent) -> Row:
    return (stored.originator_id, stored.originator_version, stored.topic, stored.state)


@dataclass
class Batch:
    """One chunk of plans: their events (each plan's in version order) and snapshots."""

    events: list[Row] = field(default_factory=list)
    snapshots: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    schema: str
    events: str
    snapshots: str | None

    @classmethod
    def of(cls, app: Application[Any]) -> Target:
        recorder = app.recorder
        if not isinstance(recorder, PostgresApplicationRecorder):
            raise TypeError("the benchmark generator writes to PostgreSQL only")
        snapshots = app.snapshots.recorder if app.snapshots is not None else None
        table = (
            snapshots.events_table_name
            if isinstance(snapshots, PostgresAggregateRecorder)
            else None
        )
        return cls(recorder.datastore.schema, recorder.events_table_name, table)

    def copy(self, table: str) -> sql.Composed:
        return sql.SQL(
            "COPY {}.{} (originator_id, originator_version, topic, state)"
            " FROM STDIN (FORMAT BINARY)"
        ).format(sql.Identifier(self.schema), sql.Identifier(table))


def connect(app: Application[Any]) -> psycopg.Connection[Any]:
    """A connection of our own, from the application's POSTGRES_* settings."""
    env = app.env
    return psycopg.connect(
        dbname=env.get("POSTGRES_DBNAME") or "postgres",
        host=env.get("POSTGRES_HOST") or "127.0.0.1",
        port=env.get("POSTGRES_PORT") or "5432",
        user=env.get("POSTGRES_USER") or "postgres",
        password=env.get("POSTGRES_PASSWORD") or "",
    )


def database_size(app: Application[Any]) -> int:
    with connect(app) as conn:
        found = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(found[0]) if found else 0


class CopyWriter:
    """Writes batches in a background thread; `close()` waits and re-raises a writer's error."""

    def __init__(self, app: Application[Any], *, queue_size: int = 2) -> None:
        self._target = Target.of(app)
        self._conn = connect(app)
        self._conn.execute("SET synchronous_commit = off")  # this session only: bulk load
        self._conn.commit()
        self._queue: queue.Queue[Batch | None] = queue.Queue(maxsize=queue_size)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bench-copy", daemon=True)
        self._thread.start()

    def put(self, batch: Batch) -> None:
        self._raise_error()
        self._queue.put(batch)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._conn.close()
        self._raise_error()

    def __enter__(self) -> CopyWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
            return
        self._queue.put(None)
        self._thread.join()
        self._conn.close()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise RuntimeError("writing generated events failed") from self._error

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._write(batch)
                except BaseException as error:  # re-raised in the caller's thread
                    self._error = error

    def _write(self, batch: Batch) -> None:
        target = self._target
        with self._conn.transaction(), self._conn.cursor() as cursor:
            cursor.execute(
                sql.SQL("LOCK TABLE {}.{} IN EXCLUSIVE MODE").format(
                    sql.Identifier(target.schema), sql.Identifier(target.events)
                )
            )
            self._copy(cursor, target.copy(target.events), batch.events)
            if target.snapshots is not None and batch.snapshots:
                self._copy(cursor, target.copy(target.snapshots), batch.snapshots)
            cursor.execute(sql.SQL("NOTIFY {}").format(sql.Identifier(target.events)))

    @staticmethod
    def _copy(cursor: psycopg.Cursor[Any], statement: sql.Composed, rows: list[Row]) -> None:
        with cursor.copy(statement) as copy:
            copy.set_types(COLUMNS)
            for item in rows:
                copy.write_row(item)
