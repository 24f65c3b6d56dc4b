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
from psycopg.types.json import Jsonb

from adapters.readmodels.tables import TableSpec
from projections.base import Batch, ReadModel

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
                batch = self._load(curs, todo)
                for event, position in todo:
                    self.model.apply(event, position, batch)
                self._write(curs, batch)
            if tracking.notification_id > done:
                self._insert_tracking(curs, tracking)
        return len(todo)

    def _load(self, curs: Cursor[DictRow], items: Sequence[tuple[Any, int]]) -> Batch:
        owners = list({owner for event, _ in items for owner in self.model.plans(event)})
        batch = Batch(keys={name: spec.key for name, spec in self.specs.items()})
        for name, spec in self.specs.items():
            if not spec.key:
                continue
            curs.execute(
                sql.SQL("SELECT * FROM {}.{} WHERE {} = ANY(%s)").format(
                    sql.Identifier(self.datastore.schema),
                    sql.Identifier(self.table(spec)),
                    sql.Identifier(spec.key[0]),
                ),
                [owners],
            )
            batch.rows[name] = {tuple(row[k] for k in spec.key): dict(row) for row in curs}
        return batch

    def _write(self, curs: Cursor[DictRow], batch: Batch) -> None:
        for name, spec in self.specs.items():
            rows = batch.appended.get(name, []) if not spec.key else batch.changed(name)
            if rows:
                self._store(curs, spec, rows)

    def _store(self, curs: Cursor[DictRow], spec: TableSpec, rows: list[dict[str, Any]]) -> None:
        target = sql.SQL("{}.{}").format(
            sql.Identifier(self.datastore.schema), sql.Identifier(self.table(spec))
        )
        columns = spec.column_names
        values = [
            [Jsonb(row[c], dumps=dumps) if c in spec.json else row[c] for c in columns]
            for row in rows
        ]
        if not spec.key:
            copy = sql.SQL("COPY {} ({}) FROM STDIN").format(
                target, sql.SQL(", ").join(map(sql.Identifier, columns))
            )
            with curs.copy(copy) as writer:
                for value in values:
                    writer.write_row(value)
            return
        updates = sql.SQL(", ").join(
            sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c))
            for c in columns
            if c not in spec.key
        )
        curs.executemany(
            sql.SQL("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}").format(
                target,
                sql.SQL(", ").join(map(sql.Identifier, columns)),
                sql.SQL(", ").join(sql.Placeholder() * len(columns)),
                sql.SQL(", ").join(map(sql.Identifier, spec.key)),
                updates,
            ),
            values,
        )
