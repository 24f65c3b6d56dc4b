"""Read access to the read models for the API: a connection pool on the stable views, and
read-your-writes waiting (bounded) until a model has reached a log position."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from threading import BoundedSemaphore
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from adapters.readmodels import registry
from adapters.readmodels.catalog import SPECS

MAX_WAIT_SECONDS = 10.0
MAX_WAITERS = 8  # of the API's 40 worker threads: the rest always serve other requests


class NotCaughtUpError(Exception):
    """The read model had not reached the requested log position within the wait."""

    def __init__(self, model: str, position: int, reached: int, why: str = "") -> None:
        why = why or f"not yet at {position}"
        super().__init__(f"read model '{model}' is at {reached}, {why}")
        self.model, self.position, self.reached = model, position, reached


class ReadModelNotBuiltError(Exception):
    """No runner has built the read model yet: its tables do not exist."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"read model '{model}' is not built yet: start the read models with "
            "`planspor project run` (or `planspor serve --projections`)"
        )
        self.model = model


def _model_of(error: psycopg.errors.UndefinedTable) -> str:
    """The read model whose stable view a query missed (`rm_<model>_<table>`)."""
    missing = error.diag.message_primary or ""
    return next((model for model in SPECS if f'"rm_{model}_' in missing), missing or "unknown")


class BeyondHeadError(Exception):
    """`min_position` names a position no write has returned yet: waiting could not help."""

    def __init__(self, position: int, head: int) -> None:
        super().__init__(f"min_position {position} is beyond the head of the log ({head})")
        self.position, self.head = position, head


class ReadStore:
    def __init__(self, conninfo: str, *, size: int = 4, waiters: int = MAX_WAITERS) -> None:
        self.waiters = BoundedSemaphore(waiters)
        self.pool: ConnectionPool[psycopg.Connection[dict[str, Any]]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=size,
            open=True,
            check=ConnectionPool.check_connection,  # a connection a restart broke is replaced
            # times come back in UTC whatever the server's own `timezone` is, so every read
            # (the models' and the history written as JSON by the database) says them alike
            kwargs={"row_factory": dict_row, "autocommit": True, "options": "-c timezone=UTC"},
        )
        self._built: set[str] = set()
        # readers may start before any runner has created the registry (on the primary: a
        # replica is read-only, and has the registry once a runner on the primary made it)
        with self.pool.connection() as conn, conn.transaction():
            if not registry.replica(conn):
                registry.ensure(conn)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        try:
            with self.pool.connection() as conn:
                yield conn
        except psycopg.errors.UndefinedTable as error:
            raise ReadModelNotBuiltError(_model_of(error)) from None

    def require(self, model: str) -> None:
        """Raise `ReadModelNotBuiltError` unless a runner has built `model`."""
        if model in self._built:
            return
        with self.connection() as conn:
            if registry.active_build(conn, model) is None:
                raise ReadModelNotBuiltError(model)
        self._built.add(model)  # a built model stays built: rebuilds switch, never drop

    def missing(self) -> list[str]:
        """The read models no runner has built yet."""
        with self.connection() as conn:
            built = registry.active_builds(conn)
        return [model for model in SPECS if model not in built]

    def position(self, model: str) -> int:
        """Where `model`'s active build is in the log (0: not built): two indexed reads, not
        every model's (`positions`), since each figure and list asks it first."""
        with self.connection() as conn:
            build = registry.active_build(conn, model)
            if build is None:
                return 0
            row = conn.execute(
                sql.SQL("SELECT max(notification_id) AS p FROM {}").format(
                    sql.Identifier(f"{registry.prefix(model, build)}_tracking")
                )
            ).fetchone()
        return int((row or {}).get("p") or 0)

    def positions(self) -> dict[str, dict[str, Any]]:
        """Each active read model's build and log position, and where it stopped, if it did."""
        with self.connection() as conn:
            builds, failures = registry.active_builds(conn), registry.failures(conn)
            result = {}
            for model, build in builds.items():
                row = conn.execute(
                    sql.SQL("SELECT max(notification_id) AS p FROM {}").format(
                        sql.Identifier(f"{registry.prefix(model, build)}_tracking")
                    )
                ).fetchone()
                result[model] = {
                    "build": build,
                    "position": int((row or {}).get("p") or 0),
                    "stopped": failures.get(model),
                }
            return result

    def wait_for(
        self, model: str, position: int | None, timeout: float, head: int | None = None
    ) -> None:
        """Return once `model` has reached `position`, or raise: at once when `position` is
        beyond `head`, when the model has stopped before it, or when `MAX_WAITERS` requests
        already wait (each waiter holds a worker thread); else after at most `timeout`."""
        self.require(model)
        if position is None:
            return
        if head is not None and position > head:
            raise BeyondHeadError(position, head)
        info = self.positions().get(model, {})
        reached, stopped = int(info.get("position", 0)), info.get("stopped")
        if reached >= position:
            return
        if stopped and position >= stopped[0]:
            raise NotCaughtUpError(model, position, reached, f"stopped at {stopped[0]}")
        if not self.waiters.acquire(blocking=False):
            raise NotCaughtUpError(model, position, reached, "too many requests are waiting")
        try:
            self._wait(model, position, min(max(timeout, 0.0), MAX_WAIT_SECONDS))
        finally:
            self.waiters.release()

    def _wait(self, model: str, position: int, timeout: float) -> None:
        deadline, delay = time.monotonic() + timeout, 0.02
        while (reached := self.position(model)) < position:
            if time.monotonic() >= deadline:
                raise NotCaughtUpError(model, position, reached)
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def close(self) -> None:
        self.pool.close()
