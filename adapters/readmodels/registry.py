"""Which build of each read model readers see. A build is `rm_<model>_b<n>`; the stable views
`rm_<model>_<table>` point at the active build and are re-pointed in one transaction."""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from adapters.readmodels.catalog import SPECS

DDL = """CREATE TABLE IF NOT EXISTS rm_registry (
    model text PRIMARY KEY, active_build integer, last_build integer NOT NULL,
    switched_at timestamptz, fingerprint text,
    failed_position bigint, failed_error text, failed_at timestamptz)"""
FAILURE_COLUMNS = """ALTER TABLE rm_registry ADD COLUMN IF NOT EXISTS failed_position bigint,
    ADD COLUMN IF NOT EXISTS failed_error text, ADD COLUMN IF NOT EXISTS failed_at timestamptz"""


def prefix(model: str, build: int) -> str:
    return f"rm_{model}_b{build}"


def stable_view(model: str, table: str) -> str:
    return f"rm_{model}_{table}"


def ensure(conn: psycopg.Connection[Any]) -> None:
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('rm_registry'))")
    conn.execute(DDL)
    if not _tuples(
        conn,
        "SELECT 1 FROM pg_attribute WHERE attrelid = 'rm_registry'::regclass "
        "AND attname = 'failed_position'",
        [],
    ):
        conn.execute(FAILURE_COLUMNS)  # a registry made before failures were recorded


def replica(conn: psycopg.Connection[Any]) -> bool:
    """Whether `conn` is to a standby (a streaming replica: read-only, its rows replayed)."""
    return bool(_tuples(conn, "SELECT pg_is_in_recovery()", [])[0][0])


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
    """The active build of each model in the catalogue (a retired one may linger: `retire`)."""
    query = "SELECT model, active_build FROM rm_registry WHERE active_build IS NOT NULL"
    return {model: build for model, build in _tuples(conn, query, []) if model in SPECS}


def retire(conn: psycopg.Connection[Any]) -> list[str]:
    """Drop the views, builds and registry row of every model no longer in the catalogue (the
    `reads` model, since the read log became a table of its own: decision record 0022)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('rm_registry'))")
    gone = [m for (m,) in _tuples(conn, "SELECT model FROM rm_registry", []) if m not in SPECS]
    for model in gone:
        like = f"rm\\_{model}\\_%"
        for kind, drop in (("v", "VIEW"), ("r", "TABLE")):
            names = _tuples(
                conn,
                "SELECT relname FROM pg_class WHERE relkind = %s AND relname LIKE %s "
                "AND pg_table_is_visible(oid)",
                [kind, like],
            )
            for (name,) in names:
                conn.execute(
                    sql.SQL("DROP " + drop + " IF EXISTS {} CASCADE").format(sql.Identifier(name))
                )
        conn.execute("DELETE FROM rm_registry WHERE model = %s", [model])
    return gone


def builds(conn: psycopg.Connection[Any], model: str) -> list[int]:
    """Every build of `model` that has tables, live or not."""
    names = [*SPECS[model], "tracking"]
    pattern = re.compile(rf"^{re.escape(prefix(model, 0)[:-1])}(\d+)_({'|'.join(names)})$")
    rows = _tuples(
        conn,
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE %s "
        "AND pg_table_is_visible(oid)",
        [f"rm\\_{model}\\_b%"],
    )
    return sorted({int(m.group(1)) for (name,) in rows if (m := pattern.match(name))})


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


def record_failure(conn: psycopg.Connection[Any], model: str, position: int, error: str) -> None:
    """`model` stopped at `position`: a handler failed with `error` (the class, never content)."""
    conn.execute(
        "UPDATE rm_registry SET failed_position = %s, failed_error = %s, failed_at = now() "
        "WHERE model = %s",
        [position, error, model],
    )


def failures(conn: psycopg.Connection[Any]) -> dict[str, tuple[int, str]]:
    """Each stopped model: the position it stopped at and the error class."""
    query = "SELECT model, failed_position, failed_error FROM rm_registry "
    rows = _tuples(conn, query + "WHERE failed_position IS NOT NULL", [])
    return {model: (int(position), str(error)) for model, position, error in rows}


def clear_failure(conn: psycopg.Connection[Any], model: str) -> bool:
    """Let runners try `model` again; False if it had not stopped."""
    with conn.cursor(row_factory=tuple_row) as cursor:
        cursor.execute(
            "UPDATE rm_registry SET failed_position = NULL, failed_error = NULL, "
            "failed_at = NULL WHERE model = %s AND failed_position IS NOT NULL",
            [model],
        )
        return cursor.rowcount == 1
