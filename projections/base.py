"""What a read model is, independent of any database.

A read model keeps tables of rows keyed by plan id first. For a batch of events the store loads
the rows of the plans the batch touches (`Batch`), the model applies each event in order to those
rows in memory, and the store writes what changed and the batch's log position in one
transaction. The same model runs one event per transaction under the library's stock runner.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar
from uuid import UUID

from domain.dispatch import Handlers

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass
class Batch:
    """Rows of the plans a batch touches, and what the batch changed or appended.

    Rows are held by owner (the first key column: a plan id, or a complaint id), so that a
    plan's rows are found without looking at the others' (a scan of the batch per lookup made a
    large batch quadratic)."""

    keys: dict[str, tuple[str, ...]]
    rows: dict[str, dict[Any, dict[Key, Row]]] = field(default_factory=dict)
    dirty: dict[str, set[Key]] = field(default_factory=dict)
    appended: dict[str, list[Row]] = field(default_factory=dict)

    def get(self, table: str, *key: Any) -> Row | None:
        return self.rows.setdefault(table, {}).get(key[0], {}).get(key)

    def put(self, table: str, row: Row) -> None:
        key = tuple(row[name] for name in self.keys[table])
        self.rows.setdefault(table, {}).setdefault(key[0], {})[key] = row
        self.dirty.setdefault(table, set()).add(key)

    def append(self, table: str, row: Row) -> None:
        self.appended.setdefault(table, []).append(row)

    def of_plan(self, table: str, plan_id: UUID) -> Iterator[Row]:
        return iter(list(self.rows.get(table, {}).get(plan_id, {}).values()))

    def changed(self, table: str) -> list[tuple[Key, Row]]:
        rows = self.rows.get(table, {})
        return [(key, rows[key[0]][key]) for key in self.dirty.get(table, ())]

    def load(self, table: str, owners: Iterable[Any], rows: Iterable[Row]) -> None:
        """Rows from the store, of `owners` (an owner with no rows yet gets an empty entry)."""
        by_owner = self.rows.setdefault(table, {})
        for owner in owners:
            by_owner.setdefault(owner, {})
        names = self.keys[table]
        for row in rows:
            key = tuple(row[name] for name in names)
            by_owner[key[0]][key] = row


class ReadModel(ABC):
    """A read model: its name, its tables (name → key columns) and how an event changes them."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
    """Bump when the logic changes: the runner then rebuilds the model beside the live one."""
    tables: ClassVar[dict[str, tuple[str, ...]]]
    appends: ClassVar[tuple[str, ...]] = ()
    topics: ClassVar[tuple[str, ...]] = ()
    handlers: ClassVar[Handlers[Any] | None] = None
    """Its handlers by event class (`domain.dispatch`), which a test checks are complete."""

    def plans(self, event: Any) -> Iterable[UUID]:
        """Ids whose rows must be loaded before `event` is applied: the first key column of
        every keyed table (a plan id, or a complaint id for the complaints model)."""
        return (event.originator_id,)

    @abstractmethod
    def apply(self, event: Any, position: int, batch: Batch) -> None:
        """Change the batch's rows for one event (pure: no I/O)."""

    def finish(self, batch: Batch) -> None:
        """After the batch's last event, before its rows are written: work done once per batch
        rather than once per event (default: none)."""
        return
