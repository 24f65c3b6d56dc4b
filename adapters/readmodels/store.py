"""The PostgreSQL view of a read model: a batch of events, its rows and its tracking position are
written in one transaction, under a per-build advisory lock, so a batch counts exactly once even
if a runner is killed mid-batch or two runners race."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, ClassVar
from uuid import UUID

import orjson
from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg import Cursor, sql
from psycopg.rows import DictRow

from adapters.readmodels.tables import TableSpec
from projections.base import Batch, Key, ReadModel, Row

APPLICATION = "Planspor"


def dumps(value: Any) -> str:
    """A jsonb column's value as JSON text. orjson writes dates, instants and UUIDs as
    `_encode` does (ISO 8601, canonical UUID); what it refuses (an integer beyond 64 bits) goes
    through `json`. A rebuild writes a history entry's changes for every event: with `json` this
    was a tenth of the history model's time at national size (py-spy, 2026-12-04)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
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
        for spec in self.specs.values():
            self.sql_create_statements.extend(spec.ddl(self.datastore.schema, self.table(spec)))

    def table(self, spec: TableSpec) -> str:
        return f"{self.prefix}_{spec.name}"

    def position(self) -> int:
        return self.max_tracking_id(APPLICATION) or 0

    def apply_batch(self, items: Sequence[tuple[Any, int]], tracking: Tracking) -> int:
        """Apply events newer than this build's position; return how many were applied."""
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [self.prefix])
            done = self._max_tracking_id(APPLICATION, curs) or 0
            todo = [(event, position) for event, position in items if position > done]
            if todo:
                batch, stored = self._load(curs, todo)
                for event, position in todo:
                    self.model.apply(event, position, batch)
                self.model.finish(batch)
                self._write(curs, batch, stored)
            if tracking.notification_id > done:
                self._insert_tracking(curs, tracking)
        return len(todo)

    def _load(
        self, curs: Cursor[DictRow], items: Sequence[tuple[Any, int]]
    ) -> tuple[Batch, dict[str, set[Key]]]:
        """The rows of every owner the events touch, one query a table; and the keys stored."""
        owners = list(dict.fromkeys(o for event, _ in items for o in self.model.plans(event)))
        batch = Batch(keys={name: spec.key for name, spec in self.specs.items()})
        stored: dict[str, set[Key]] = {}
        for name, spec in self.specs.items():
            if not spec.key or spec.sums:
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
            stored[name] = {tuple(row[k] for k in spec.key) for row in rows}
        return batch, stored

    def _write(self, curs: Cursor[DictRow], batch: Batch, stored: dict[str, set[Key]]) -> None:
        """Appended and new rows with COPY; changed rows that were stored with one UPDATE."""
        for name, spec in self.specs.items():
            if spec.sums:
                self._add(curs, spec, batch.appended.get(name, []))
                continue
            if not spec.key:
                self._copy(curs, spec, batch.appended.get(name, []), self.table(spec))
                continue
            rows = batch.changed(name)
            old = [row for key, row in rows if key in stored[name]]
            new = [row for key, row in rows if key not in stored[name]]
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

    def _staged(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[Row], what: str) -> str:
        """`rows` copied to a temporary table shaped like the build's (emptied at commit)."""
        temporary = f"{self.prefix}_{spec.name}_{what}"
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
        return temporary

    def _update(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[Row]) -> None:
        """Changed rows that are stored already: copied to a temporary table, then one UPDATE."""
        if not rows:
            return
        temporary = self._staged(curs, spec, rows, "changed")
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

    def _add(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[Row]) -> None:
        """Deltas of a table of running sums: added up by key here, copied to a temporary table,
        then added into the stored rows (a new key is inserted) in one statement. A row whose
        sums come to zero is removed, so the rows do not depend on where batches end."""
        added: dict[Key, Row] = {}
        for row in rows:
            key = tuple(row[k] for k in spec.key)
            if (into := added.get(key)) is None:
                added[key] = dict(row)
            else:
                for column in spec.sums:
                    into[column] += row[column]
        changed = [row for row in added.values() if any(row[c] for c in spec.sums)]
        if not changed:
            return
        temporary = self._staged(curs, spec, changed, "added")
        target = sql.SQL("{}.{}").format(
            sql.Identifier(self.datastore.schema), sql.Identifier(self.table(spec))
        )
        sums = [c for c in spec.column_names if c in spec.sums]
        curs.execute(
            sql.SQL(
                "INSERT INTO {} AS t SELECT * FROM {} ON CONFLICT ({}) DO UPDATE SET {}"
            ).format(
                target,
                sql.Identifier(temporary),
                sql.SQL(", ").join(map(sql.Identifier, spec.key)),
                sql.SQL(", ").join(
                    sql.SQL("{0} = t.{0} + excluded.{0}").format(sql.Identifier(c)) for c in sums
                ),
            )
        )
        curs.execute(
            sql.SQL("DELETE FROM {} AS t USING {} AS c WHERE {} AND {}").format(
                target,
                sql.Identifier(temporary),
                sql.SQL(" AND ").join(
                    sql.SQL("t.{0} = c.{0}").format(sql.Identifier(k)) for k in spec.key
                ),
                sql.SQL(" AND ").join(sql.SQL("t.{} = 0").format(sql.Identifier(c)) for c in sums),
            )
        )
