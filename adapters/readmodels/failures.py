"""What stops a read model and what does not: a handler's failure stops that model alone at
the event's position; a lost database is infrastructure, waited out and retried."""

from __future__ import annotations

import traceback
from pathlib import Path

import psycopg
import psycopg_pool
from eventsourcing.persistence import InterfaceError, OperationalError

INFRASTRUCTURE = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    psycopg_pool.PoolTimeout,
)


class ReadModelFailedError(Exception):
    """A handler failed on an event: the model stops there (`error` is a class name only)."""

    def __init__(self, model: str, position: int, error: str) -> None:
        super().__init__(f"read model '{model}' stopped at {position}: {error}")
        self.model, self.position, self.error = model, position, error


def infrastructure(error: BaseException) -> bool:
    """A lost or refused connection, not a handler's failure: retried, never a stopped model."""
    return any(isinstance(e, INFRASTRUCTURE) for e in (error, error.__cause__))


def handler_failure(error: BaseException) -> bool:
    """A model's own failure: neither infrastructure nor its build dropped by a rebuild."""
    gone = isinstance(error.__cause__, psycopg.errors.UndefinedTable)
    return not (infrastructure(error) or gone or isinstance(error, psycopg.errors.UndefinedTable))


def where(error: BaseException) -> str:
    """File and line that raised: enough to find the handler, with no values in it (the
    message and the locals can hold plan content, so they are never logged)."""
    frames = traceback.extract_tb(error.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown"
