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
from adapters.readmodels.catalog import SPECS

MAX_WAIT_SECONDS = 10.0


class NotCaughtUpError(Exception):
    """The read model had not reached the requested log position within the wait."""

    def __init__(self, model: str, position: int, reached: int) -> None:
        super().__init__(f"read model '{model}' is at {reached}, not yet at {position}")
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


class ReadStore:
    def __init__(self, conninfo: str, *, size: int = 4) -> None:
        self.pool: ConnectionPool[psycopg.Connection[dict[str, Any]]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=size,
            open=True,
            kwargs={"row_factory": dict_row, "autocommit": True},
        )
        self._built: set[str] = set()
        # readers may start before any runner has created the registry
        with self.pool.connection() as conn, conn.transaction():
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
        return self.positions().get(model, {}).get("position", 0)

    def positions(self) -> dict[str, dict[str, int]]:
        """Each active read model's build and log position."""
        with self.connection() as conn:
            builds = registry.active_builds(conn)
            result = {}
            for model, build in builds.items():
                row = conn.execute(
                    sql.SQL("SELECT max(notification_id) AS p FROM {}").format(
                        sql.Identifier(f"{registry.prefix(model, build)}_tracking")
                    )
                ).fetchone()
                result[model] = {"build": build, "position": int((row or {}).get("p") or 0)}
            return result

    def wait_for(self, model: str, position: int | None, timeout: float) -> None:
        """Return once `model` has reached `position`, or raise `NotCaughtUpError`."""
        self.require(model)
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
