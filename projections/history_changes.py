"""Field-level changes of each plan event, as in Noark 5's change log: record, field, old, new.

A `Recorder` takes old values from the `fields` rows (the last known value of each plan, record
and field) and keeps them current. Records that only ever come into being (a meeting, a mapping)
are `add`ed and not remembered: their old value is always empty, so only records that can change
again (`set`) cost a row in `fields`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from projections.base import Batch, Row

Change = dict[str, Any]
Handler = Callable[["Recorder", Any], None]
PERSON = ("person_id", "name", "unit", "organisation")


def primitive(value: Any) -> Any:
    """A JSON primitive: dates as ISO strings, ids as strings, lists joined, no empty text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(primitive(item)) for item in value) or None
    return None if value == "" else value


class Recorder:
    """The changes one event makes to one plan's records."""

    def __init__(self, batch: Batch, plan_id: UUID) -> None:
        self.batch, self.plan_id = batch, plan_id
        self.changes: list[Change] = []
        self.known: dict[tuple[str, str], Any] = {}  # values read or set by this event
        self.changed: set[tuple[str, str]] = set()  # fields this event changed

    def value(self, record: str, field: str) -> Any:
        if (record, field) not in self.known:
            row = self.batch.get("fields", self.plan_id, record, field)
            self.known[record, field] = None if row is None else row["value"]
        return self.known[record, field]

    def set(self, record: str, **values: Any) -> None:
        """Fields of a record that may change again: the new values are remembered."""
        for field, value in values.items():
            old, new = self.value(record, field), primitive(value)
            if old != new:
                self.changes.append({"record": record, "field": field, "old": old, "new": new})
                row: Row = {"plan_id": self.plan_id, "record": record, "field": field}
                self.batch.put("fields", row | {"value": new})
                self.known[record, field] = new
                self.changed.add((record, field))

    def add(self, record: str, **values: Any) -> None:
        """Fields of a record that comes into being and never changes: nothing to remember."""
        for field, value in values.items():
            if (new := primitive(value)) is not None:
                self.changes.append({"record": record, "field": field, "old": None, "new": new})

    def clear(self, record: str) -> None:
        """Every remembered field of `record` becomes empty, in field order: the rows come from
        the database or from this batch's memory, so their own order depends on the batch."""
        rows = self.batch.of_plan("fields", self.plan_id)
        fields = sorted(row["field"] for row in rows if row["record"] == record)
        self.set(record, **dict.fromkeys(fields))


def _data(event: Any, part: str) -> dict[str, Any]:
    return dict(getattr(event, part) if part else vars(event))


def added(template: str, *fields: str, part: str = "") -> Handler:
    """A record comes into being, named from the event's data (`{v}`: the plan's version)."""

    def handler(r: Recorder, event: Any) -> None:
        data = _data(event, part)
        record = template.format(v=event.originator_version, **data)
        r.add(record, **{field: data.get(field) for field in fields})

    return handler


def state(template: str, part: str = "", **values: Any) -> Handler:
    """Fields of a record, named from the event's data, take the given values."""

    def handler(r: Recorder, event: Any) -> None:
        r.set(template.format(**_data(event, part)), **values)

    return handler


def both(*handlers: Handler) -> Handler:
    def handler(r: Recorder, event: Any) -> None:
        for each in handlers:
            each(r, event)

    return handler
