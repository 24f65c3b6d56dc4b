"""Builds of a read model: which are stale, rebuilding one beside the live one, orphans left by a
killed rebuild, and how far each live build is behind the log."""

from __future__ import annotations

import time
from typing import Any

import psycopg
from psycopg import sql

from adapters.database import conninfo
from adapters.readmodels import registry
from adapters.readmodels.catalog import SPECS, fingerprint
from adapters.readmodels.runner import Progress, Runner, open_view
from application.service import Planspor

DROP_GRACE_SECONDS = 2.0


class RebuildRunningError(Exception):
    """Another process is rebuilding this model."""


def stale(env: dict[str, str], models: list[str]) -> list[str]:
    """Models whose live build was made by other code (logic version or tables changed)."""
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        return [
            m
            for m in models
            if registry.active_build(conn, m) is not None
            and registry.active_fingerprint(conn, m) != fingerprint(m)
        ]


def rebuild(
    app: Planspor,
    env: dict[str, str],
    model: str,
    progress: Progress | None = None,
    grace: float = DROP_GRACE_SECONDS,
) -> tuple[int | None, int]:
    """Build a new version beside the active one, switch readers to it, drop the old one. One
    rebuild per model at a time (a session lock); it first drops builds a killed one left."""
    with psycopg.connect(conninfo(env), autocommit=True) as lock:
        row = lock.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [f"rebuild:{model}"])
        if not (row.fetchone() or (False,))[0]:
            raise RebuildRunningError(f"another process is rebuilding '{model}'")
        with psycopg.connect(conninfo(env)) as conn:
            registry.ensure(conn)
            drop_orphans(conn, model)
            build = registry.next_build(conn, model)
        previous = _build(app, env, model, build, progress)
        if previous is not None and previous != build:
            time.sleep(grace)  # followers notice the switch before the old build goes
            with psycopg.connect(conninfo(env)) as conn:
                registry.drop(conn, model, previous)
    return previous, build


def _build(
    app: Planspor, env: dict[str, str], model: str, build: int, progress: Progress | None
) -> int | None:
    runner = Runner(app, {model: open_view(env, model, build)}, isolate=False)
    try:
        runner.catch_up(progress)
        vacuum(env, model, build)
        with psycopg.connect(conninfo(env)) as conn:
            runner.catch_up()
            return registry.switch(conn, model, build, fingerprint(model))
    finally:
        runner.close()


def vacuum(env: dict[str, str], model: str, build: int) -> None:
    """A new build's tables vacuumed and analysed before readers switch to it: the rows it
    updated while catching up leave its visibility map unset (so a count over an index, like
    the worklists', would read the table's pages too) and the planner's statistics stale."""
    with psycopg.connect(conninfo(env), autocommit=True) as conn:
        for name in [*SPECS[model], "tracking"]:
            table = sql.Identifier(f"{registry.prefix(model, build)}_{name}")
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(table))


def drop_orphans(conn: psycopg.Connection[Any], model: str) -> list[int]:
    """Drop every build of `model` but the active one (call only under the rebuild lock)."""
    active = registry.active_build(conn, model)
    orphans = [build for build in registry.builds(conn, model) if build != active]
    for build in orphans:
        registry.drop(conn, model, build)
    return orphans


def lag(app: Planspor, env: dict[str, str]) -> dict[str, Any]:
    """Position of each active read model against the head of the log, and any that stopped."""
    head = app.recorder.max_notification_id() or 0
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        builds, failures = registry.active_builds(conn), registry.failures(conn)
        result = {}
        for model, build in builds.items():
            table = sql.Identifier(f"{registry.prefix(model, build)}_tracking")
            row = conn.execute(sql.SQL("SELECT max(notification_id) FROM {}").format(table))
            position = (row.fetchone() or (None,))[0] or 0
            stopped = failures.get(model)
            result[model] = {
                "build": build,
                "position": position,
                "lag": head - position,
                "stopped": {"position": stopped[0], "error": stopped[1]} if stopped else None,
            }
    return {"head": head, "read_models": result}
