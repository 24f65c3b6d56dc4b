"""Where reads are recorded: the `ReadLog` port, and the in-memory one for the in-memory store.

The PostgreSQL log (`adapters/eventstore.py`) is one append-only table beside the plan events:
recording a read is one INSERT of its own, never behind the lock plan writes take on the events
table (docs/decisions/0022-read-log-table.md).
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import Protocol

from eventsourcing.persistence import StoredEvent

from domain.read_log import ReadRecord

LegacyReads = Callable[[StoredEvent], ReadRecord]


class ReadLogUnavailableError(Exception):
    """The record could not be written: the read it records must be refused."""


class ReadLog(Protocol):
    def open(self, legacy_topic: str, decode: LegacyReads) -> int:
        """Create the log if it does not exist yet; then copy, once, the reads stored earlier
        as events with `legacy_topic` (decoded by `decode`). Returns how many were copied."""
        ...

    def record(self, entry: ReadRecord) -> None:
        """Store `entry` durably before returning, or raise `ReadLogUnavailableError`."""
        ...

    def close(self) -> None: ...


class MemoryReadLog:
    """The read log of an application on the in-memory event store (tests, examples)."""

    def __init__(self) -> None:
        self.entries: list[ReadRecord] = []
        self._lock = Lock()

    def open(self, legacy_topic: str, decode: LegacyReads) -> int:
        return 0  # an in-memory store has no earlier reads

    def record(self, entry: ReadRecord) -> None:
        with self._lock:
            self.entries.append(entry)

    def close(self) -> None:
        return None
