"""Which build of each read model readers see. A build is `rm_<model>_b<n>`; the stable views
`rm_<model>_<table>` point at the active build and are re-pointed in one transaction."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from adapters.readmodels.catalog import SPECS

DDL = """CREATE TABLE IF NOT EXISTS rm_registry (
    model text PRIMARY KEY, active_build integer, last_build integer NOT NULL,
    switched_at timestamptz, fingerprint text)"""


def prefix(model: str, build: int) -> str:
    return f"rm_{model}_b{build}"


def stable_view(model: str, table: str) -> str:
    return f"rm_{model}_{table}"


def ensure(conn: psycopg.Connection[Any]) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('rm_registry'))")
    conn.execute(DDL)


def _tuples(conn: psycopg.Connection[Any], query: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Plain tuples whatever the connection's row factory (the API's connections use dicts)."""
    with conn.cursor(row_factory=tuple_row) as cursor:
        return cursor.execute(query, params).fetchall()


def active_build(conn: psycopg.Connection[Any], model: str) -> int | None:
    rows = _tuples(conn, "SELECT active_build FROM rm_registry WHERE model = %s", [model])
    return rows[0][0] if rows else None


def active_fingerprint(conn: psycopg.Connection[Any], model: str) -> str | None:
    """The code fingerprint of the active build (see `catalog.fingerprint`)."""
    rows = _tuples(conn, "SELECT fingerprint FROM rm_registry WHERE model = %s", [model])
    return rows[0][0] if rows else None


def active_builds(conn: psycopg.Connection[Any]) -> dict[str, int]:
    query = "SELECT model, active_build FROM rm_registry WHERE active_build IS NOT NULL"
    return {model: build for model, build in _tuples(conn, query, [])}


def next_build(conn: psycopg.Connection[Any], model: str) -> int:
    """Reserve a new build number for `model`."""
    row = conn.execute(
        "INSERT INTO rm_registry (model, last_build) VALUES (%s, 1) ON CONFLICT (model) "
        "DO UPDATE SET last_build = rm_registry.last_build + 1 RETURNING last_build",
        [model],
    ).fetchone()
    assert row is not None
    return int(row[0])


def switch(conn: psycopg.Connection[Any], model: str, build: int, fingerprint: str) -> int | None:
    """Point the stable views at `build`; return the build they pointed at before."""
    previous = active_build(conn, model)
    for table in SPECS[model]:
        view = sql.Identifier(stable_view(model, table))
        source = sql.Identifier(f"{prefix(model, build)}_{table}")
        try:
            with conn.transaction():  # a savepoint: readers keep the view while it is replaced
                conn.execute(
                    sql.SQL("CREATE OR REPLACE VIEW {} AS SELECT * FROM {}").format(view, source)
                )
        except psycopg.errors.DatabaseError:  # the columns changed: drop and create instead
            conn.execute(sql.SQL("DROP VIEW IF EXISTS {}").format(view))
            conn.execute(sql.SQL("CREATE VIEW {} AS SELECT * FROM {}").format(view, source))
    conn.execute(
        "UPDATE rm_registry SET active_build = %s, switched_at = now(), fingerprint = %s "
        "WHERE model = %s",
        [build, fingerprint, model],
    )
    return previous


def drop(conn: psycopg.Connection[Any], model: str, build: int) -> None:
    for table in [*SPECS[model], "tracking"]:
        conn.execute(
            sql.SQL("DROP TABLE IF EXISTS {}").format(
                sql.Identifier(f"{prefix(model, build)}_{table}")
            )
        )
