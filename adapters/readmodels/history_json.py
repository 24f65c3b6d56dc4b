"""A plan's history page as JSON written by PostgreSQL: each entry the `HistoryEntryOut` the API
describes (the same fields in the same order, instants in UTC as pydantic writes them), so that a
page of 500 entries costs the database's few milliseconds instead of decoding 500 rows into
Python and validating and encoding them again. `tests/readmodels/test_history_json.py` checks
that every entry equals what the model-based path gives."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from adapters.readmodels.history_queries import _has_plan
from adapters.readmodels.history_tables import ENTRIES

INSTANTS = frozenset({"effective_at", "recorded_at"})
# pydantic writes an aware instant as 2024-11-05T16:28:33.068890Z (no fraction when it is zero)
INSTANT = (
    "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
    "CASE WHEN mod(date_part('microseconds', {c})::bigint, 1000000) = 0 THEN '' "
    "ELSE to_char({c} AT TIME ZONE 'UTC', '.US') END || 'Z'"
)


def _entry() -> sql.Composable:
    """One entry as a JSON object, its keys the table's columns in order (as the API's)."""
    parts: list[sql.Composable] = []
    for name in ENTRIES.column_names:
        column = sql.Identifier(name)
        value = sql.SQL(INSTANT).format(c=column) if name in INSTANTS else column
        parts += [sql.Literal(name), value]
    return sql.SQL("json_build_object({})::text").format(sql.SQL(", ").join(parts))


STATEMENT = sql.SQL(
    "SELECT version, {entry} FROM rm_history_entries "
    "WHERE plan_id = %s AND municipality = %s AND version > %s ORDER BY version LIMIT %s"
).format(entry=_entry())


def plan_history_json(
    conn: psycopg.Connection[Any], municipality: str, plan_id: UUID, *, after: int, limit: int
) -> list[tuple[int, str]] | None:
    """(version, entry JSON) of one plan after version `after`, at most `limit` + 1 (the extra
    one says there is a next page); None if the municipality has no such plan."""
    with conn.cursor(row_factory=tuple_row) as cursor:
        rows = cursor.execute(STATEMENT, [plan_id, municipality, after, limit + 1]).fetchall()
    if rows or (after > 0 and _has_plan(conn, municipality, plan_id)):
        return rows
    return None
