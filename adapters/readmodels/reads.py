"""Read access to the read models for the API: a connection pool on the stable views, and
read-your-writes waiting (bounded) until a model has reached a log position."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from adapters.readmodels import registry

MAX_WAIT_SECONDS = 10.0


class NotCaughtUpError(Exception):
    """The read model had not reached the requested log position within the wait."""

    def __init__(self, model: str, position: int, reached: int) -> None:
        super().__init__(f"read model '{model}' is at {reached}, not yet at {position}")
        self.model, self.position, self.reached = model, position, reached


class ReadStore:
    def __init__(self, conninfo: str, *, size: int = 4) -> None:
        self.pool: ConnectionPool[psycopg.Connection[dict[str, Any]]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=size,
            open=True,
            kwargs={"row_factory": dict_row, "autocommit": True},
        )
        # readers may start before any runner has created the registry
        with self.pool.connection() as conn, conn.transaction():
            registry.ensure(conn)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        with self.pool.connection() as conn:
            yield conn

    def position(self, model: str) -> int:
        return int(self.positions().get(model, {}).get("position", 0))

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

    def wait_for(self, model: str, position: int | None, timeout: float) -> None:
        """Return once `model` has reached `position`, or raise `NotCaughtUpError`."""
        if position is None:
            return
        deadline = time.monotonic() + min(max(timeout, 0.0), MAX_WAIT_SECONDS)
        delay = 0.02
        while (reached := self.position(model)) < position:
            if time.monotonic() >= deadline:
                raise NotCaughtUpError(model, position, reached)
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def close(self) -> None:
        self.pool.close()
