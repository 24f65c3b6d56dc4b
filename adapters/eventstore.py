"""The event store as `eventsourcing` builds it on PostgreSQL, plus the read log beside it.

`PlansporFactory` is the library's `PostgresFactory` (named by `PERSISTENCE_MODULE`) with one
more product: `read_log()`, an append-only table `<app>_read_log` in the same database. A read is
recorded with one INSERT on a connection of its own, in autocommit: it never takes the lock the
library takes on the events table for every plan write, so reads do not queue behind writes
(docs/decisions/0022-read-log-table.md).
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresDatastore, PostgresFactory
from psycopg import sql
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from application.read_log import LegacyReads, ReadLogUnavailableError
from domain.read_log import ReadRecord

COLUMNS = (
    "read_id",
    "plan_id",
    "municipality",
    "read_at",
    "actor_id",
    "actor_name",
    "actor_role",
    "actor_organisation",
    "actor_unit",
    "actor_assurance",
    "what",
    "basis",
    "purpose",
    "detail",
)
TABLE = """CREATE TABLE {table} (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    read_id uuid NOT NULL UNIQUE,
    plan_id uuid,
    municipality text NOT NULL,
    read_at timestamptz NOT NULL,
    actor_id text NOT NULL,
    actor_name text NOT NULL,
    actor_role text NOT NULL,
    actor_organisation text NOT NULL,
    actor_unit text NOT NULL,
    actor_assurance text NOT NULL,
    what text NOT NULL,
    basis text NOT NULL,
    purpose text,
    detail jsonb NOT NULL)"""
INDEXES: tuple[tuple[str, ...], ...] = (
    ("plan_id", "position"),
    ("municipality", "position"),
    ("municipality", "actor_id", "position"),
)
APPEND_ONLY = """CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the read log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$"""
log = structlog.get_logger("planspor.read_log")
LEGACY_BATCH = 2000
WAIT_SECONDS = 5.0  # for a connection or the INSERT: past it the read is refused (503)
READ_LOG_TIMEOUT = "READ_LOG_TIMEOUT_SECONDS"  # env: another bound than WAIT_SECONDS


def record_row(entry: ReadRecord) -> tuple[Any, ...]:
    actor = entry.actor
    return (
        entry.read_id,
        entry.plan_id,
        entry.municipality,
        entry.read_at,
        actor["person_id"],
        actor["name"],
        actor["role"],
        actor.get("organisation", ""),
        actor.get("unit", ""),
        actor.get("assurance", ""),
        entry.what,
        entry.basis,
        entry.purpose,
        Jsonb(entry.detail),
    )


class PostgresReadLog:
    """`application.read_log.ReadLog` on PostgreSQL."""

    def __init__(
        self,
        datastore: PostgresDatastore,
        table: str,
        events_table: str,
        timeout: float = WAIT_SECONDS,
    ) -> None:
        self.table, self.events_table = table, events_table
        self._name = sql.Identifier(*table.split("."))
        # a pool of its own: autocommit, and no check round trip before each use (a connection
        # found broken is replaced and the INSERT sent once more: `read_id` makes it idempotent)
        kwargs = datastore.pool.kwargs
        assert isinstance(kwargs, dict)  # the library passes a dict (`PostgresDatastore`)
        self.pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            kwargs={
                **{k: v for k, v in kwargs.items() if k != "row_factory"},
                "autocommit": True,
                # a record the server cannot take in time (a lock on the table, a stalled
                # disk) fails, and its read with it, rather than holding the request
                "options": f"-c statement_timeout={int(timeout * 1000)}",
            },
            min_size=1,
            max_size=max(datastore.pool.max_size, 2),
            timeout=timeout,
            open=False,
        )
        self._insert = sql.SQL(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (read_id) DO NOTHING"
        ).format(
            self._name,
            sql.SQL(", ").join(map(sql.Identifier, COLUMNS)),
            sql.SQL(", ").join(sql.Placeholder() * len(COLUMNS)),
        )

    def open(self, legacy_topic: str, decode: LegacyReads) -> int:
        self.pool.open(wait=True, timeout=WAIT_SECONDS * 6)
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SET LOCAL statement_timeout = 0")  # the copy may take minutes
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [self.table])
            row = conn.execute("SELECT to_regclass(%s)", [self.table]).fetchone()
            if row is not None and row[0] is not None:
                return 0
            self._create(conn)
            return self._copy_legacy(conn, legacy_topic, decode)

    def _create(self, conn: psycopg.Connection[Any]) -> None:
        bare = self.table.split(".")[-1]
        function = sql.Identifier(*f"{self.table}_append_only".split("."))
        conn.execute(sql.SQL(TABLE).format(table=self._name))
        for columns in INDEXES:
            conn.execute(
                sql.SQL("CREATE INDEX {} ON {} ({})").format(
                    sql.Identifier(f"{bare}_{'_'.join(columns)}"),
                    self._name,
                    sql.SQL(", ").join(map(sql.Identifier, columns)),
                )
            )
        conn.execute(sql.SQL(APPEND_ONLY).format(function=function))
        for trigger, when in (("rows", "UPDATE OR DELETE"), ("truncate", "TRUNCATE")):
            each = "ROW" if trigger == "rows" else "STATEMENT"
            conn.execute(
                sql.SQL(
                    "CREATE TRIGGER {} BEFORE "
                    + when
                    + " ON {} FOR EACH "
                    + each
                    + " EXECUTE FUNCTION {}()"
                ).format(sql.Identifier(f"{bare}_append_only_{trigger}"), self._name, function)
            )

    def _copy_legacy(self, conn: psycopg.Connection[Any], topic: str, decode: LegacyReads) -> int:
        """The reads recorded as `PlanRead` events before this table, in log order, once (this
        runs in the transaction that creates the table)."""
        if conn.execute("SELECT to_regclass(%s)", [self.events_table]).fetchone() == (None,):
            return 0
        select = sql.SQL(
            "SELECT originator_id, originator_version, topic, state FROM {} "
            "WHERE topic = %s ORDER BY notification_id"
        ).format(sql.Identifier(*self.events_table.split(".")))
        copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
            self._name, sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
        )
        copied = 0
        with conn.cursor(name="legacy_reads") as found, conn.cursor() as sink:
            found.execute(select, [topic])
            while rows := found.fetchmany(LEGACY_BATCH):
                with sink.copy(copy) as batch:
                    for originator_id, version, stored_topic, state in rows:
                        event = StoredEvent(originator_id, version, stored_topic, bytes(state))
                        batch.write_row(record_row(decode(event)))
                copied += len(rows)
        return copied

    def record(self, entry: ReadRecord) -> None:
        row = record_row(entry)
        for attempt in (1, 2):
            try:
                with self.pool.connection() as conn:
                    conn.execute(self._insert, row)
                return
            except (PoolTimeout, psycopg.errors.QueryCanceled) as error:
                failure: Exception = error  # past the bound: refuse now, do not wait twice
                break
            except psycopg.OperationalError as error:  # a connection found broken: once more
                failure = error
                if attempt == 2:
                    break
            except psycopg.Error as error:
                failure = error
                break
        # the class and the read's pseudonymous id only: never who read what
        log.warning("read not recorded", error=type(failure).__name__, read_id=str(entry.read_id))
        raise ReadLogUnavailableError("the read could not be recorded")

    def close(self) -> None:
        with suppress(Exception):
            self.pool.close()


class PlansporFactory(PostgresFactory):
    """The library's PostgreSQL factory, and the read log."""

    def read_log(self) -> PostgresReadLog:
        prefix = self.env.name.lower() or "stored"
        schema = self.datastore.schema
        qualified = (lambda name: f"{schema}.{name}") if schema != "public" else str
        timeout = float(self.env.get(READ_LOG_TIMEOUT) or WAIT_SECONDS)
        return PostgresReadLog(
            self.datastore,
            qualified(f"{prefix}_read_log"),
            qualified(f"{prefix}_events"),
            timeout,
        )
