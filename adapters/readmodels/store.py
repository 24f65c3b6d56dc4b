"""The PostgreSQL view of a read model: a batch of events, its rows and its tracking position are
written in one transaction, under a per-build advisory lock, so a batch counts exactly once even
if a runner is killed mid-batch or two runners race."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg import Cursor, sql
from psycopg.rows import DictRow

from adapters.readmodels.tables import TableSpec
from projections.base import Batch, Key, ReadModel, Row

APPLICATION = "Planspor"


def dumps(value: Any) -> str:
    return json.dumps(value, default=_encode, separators=(",", ":"))


def _encode(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__} in a read model")


class ReadModelView(PostgresTrackingRecorder):
    """Rows of one build of one read model, and that build's tracking position."""

    model: ClassVar[ReadModel]
    specs: ClassVar[dict[str, TableSpec]]

    def __init__(
        self, datastore: PostgresDatastore, *, tracking_table_name: str, **kwargs: Any
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        self.prefix = tracking_table_name.removesuffix("_tracking")
        self._resident: Batch | None = None
        self._stored: dict[str, set[Key]] = {}
        self._recent: dict[Any, None] = {}
        self._written = -1
        self._touched: dict[Any, None] = {}
        for spec in self.specs.values():
            self.sql_create_statements.extend(spec.ddl(self.datastore.schema, self.table(spec)))

    def table(self, spec: TableSpec) -> str:
        return f"{self.prefix}_{spec.name}"

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    def apply_batch(self, items: Sequence[tuple[Any, int]], tracking: Tracking) -> int:
        """Apply events newer than this build's position; return how many were applied."""
        try:
            with self.datastore.transaction(commit=True) as curs:
                curs.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [self.prefix])
                done = self._max_tracking_id(APPLICATION, curs) or 0
                if done != self._written:  # another runner wrote this build: our rows are old
                    self._resident = None
                todo = [(event, position) for event, position in items if position > done]
                if todo:
                    batch = self._load(curs, todo)
                    for event, position in todo:
                        self.model.apply(event, position, batch)
                    self._write(curs, batch)
                if tracking.notification_id > done:
                    self._insert_tracking(curs, tracking)
        except BaseException:
            self._resident = None  # rows changed in memory by a batch that did not commit
            raise
        self._written = max(done, tracking.notification_id)
        if todo:
            self._keep(batch)
        return len(todo)

    resident_owners: ClassVar[int] = 4000
    """Owners (plans) whose rows stay in memory between batches: a bound, so that memory does not
    grow with the log; owners touched longest ago go first."""

    def _load(self, curs: Cursor[DictRow], items: Sequence[tuple[Any, int]]) -> Batch:
        """The resident rows, and the rows of owners not resident, loaded in one query a table."""
        if self._resident is None:
            self._resident = Batch(keys={name: spec.key for name, spec in self.specs.items()})
            self._stored = {name: set() for name, spec in self.specs.items() if spec.key}
            self._recent = {}
        batch = self._resident
        wanted = dict.fromkeys(owner for event, _ in items for owner in self.model.plans(event))
        self._touched = wanted
        for name, spec in self.specs.items():
            if not spec.key:
                continue
            resident = batch.rows.setdefault(name, {})
            owners = [owner for owner in wanted if owner not in resident]
            if not owners:
                continue
            curs.execute(
                sql.SQL("SELECT * FROM {}.{} WHERE {} = ANY(%s)").format(
                    sql.Identifier(self.datastore.schema),
                    sql.Identifier(self.table(spec)),
                    sql.Identifier(spec.key[0]),
                ),
                [owners],
            )
            rows = [dict(row) for row in curs]
            batch.load(name, owners, rows)
            self._stored[name].update(tuple(row[k] for k in spec.key) for row in rows)
        return batch

    def _keep(self, batch: Batch) -> None:
        """After a commit: what was written is stored; forget the owners touched longest ago."""
        for name, keys in self._stored.items():
            keys.update(batch.dirty.get(name, ()))
        batch.written()
        order = self._recent
        for owner in self._touched:
            order.pop(owner, None)
            order[owner] = None
        if len(order) > self.resident_owners:
            old = set(list(order)[: len(order) - self.resident_owners // 2])
            batch.forget(old)
            for owner in old:
                del order[owner]
            for keys in self._stored.values():
                keys.difference_update([key for key in keys if key[0] in old])

    def _write(self, curs: Cursor[DictRow], batch: Batch) -> None:
        for name, spec in self.specs.items():
            if not spec.key:
                self._copy(curs, spec, batch.appended.get(name, []), self.table(spec))
                continue
            rows, stored = batch.changed(name), self._stored[name]
            keys = spec.key
            new = [row for row in rows if tuple(row[k] for k in keys) not in stored]
            old = [row for row in rows if tuple(row[k] for k in keys) in stored]
            self._copy(curs, spec, new, self.table(spec))
            self._update(curs, spec, old)

    def _copy(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[Row], table: str) -> None:
        """Rows appended with COPY (to the build's table, or to a temporary one)."""
        if not rows:
            return
        schema = [] if table.startswith("pg_temp") else [self.datastore.schema]
        target = sql.SQL(".").join(map(sql.Identifier, [*schema, table.removeprefix("pg_temp.")]))
        columns, json_columns = spec.column_names, spec.json
        copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
            target, sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with curs.copy(copy) as writer:
            for row in rows:
                writer.write_row([dumps(row[c]) if c in json_columns else row[c] for c in columns])

    def _update(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[Row]) -> None:
        """Changed rows that are stored already: copied to a temporary table, then one UPDATE."""
        if not rows:
            return
        temporary = f"{self.prefix}_{spec.name}_changed"
        curs.execute(
            sql.SQL(
                "CREATE TEMPORARY TABLE IF NOT EXISTS {} (LIKE {}.{}) ON COMMIT DELETE ROWS"
            ).format(
                sql.Identifier(temporary),
                sql.Identifier(self.datastore.schema),
                sql.Identifier(self.table(spec)),
            )
        )
        self._copy(curs, spec, rows, f"pg_temp.{temporary}")
        curs.execute(
            sql.SQL("UPDATE {}.{} AS t SET {} FROM {} AS c WHERE {}").format(
                sql.Identifier(self.datastore.schema),
                sql.Identifier(self.table(spec)),
                sql.SQL(", ").join(
                    sql.SQL("{0} = c.{0}").format(sql.Identifier(c))
                    for c in spec.column_names
                    if c not in spec.key
                ),
                sql.Identifier(temporary),
                sql.SQL(" AND ").join(
                    sql.SQL("t.{0} = c.{0}").format(sql.Identifier(k)) for k in spec.key
                ),
            )
        )
