"""Queries on the history read model: a plan's history and the audit trail across plans.

Every query is scoped to one municipality. A plan's history is keyset-paged on its version, the
audit trail on the log position; the export streams the audit trail through a server-side cursor,
so the database hands it over in slices and it is never held whole in memory. Time ranges are
half-open: `from` ≤ time < `to`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql

from adapters.readmodels.history_tables import ENTRIES
from adapters.readmodels.reads import ReadStore

Conn = psycopg.Connection[dict[str, Any]]
Row = dict[str, Any]
EXPORT_SLICE = 1000


@dataclass(frozen=True)
class AuditFilter:
    """Which entries of the audit trail: all given conditions hold (event types: any of them)."""

    municipality: str
    actor_id: str | None = None
    plan_id: UUID | None = None
    unit_id: str | None = None
    event_types: tuple[str, ...] = ()
    recorded_from: datetime | None = None
    recorded_to: datetime | None = None
    effective_from: datetime | None = None
    effective_to: datetime | None = None

    def where(self) -> tuple[sql.Composable, list[Any]]:
        conditions: list[sql.Composable] = [sql.SQL("municipality = %s")]
        params: list[Any] = [self.municipality]
        for column, operator, value in (
            ("actor_id", "=", self.actor_id),
            ("plan_id", "=", self.plan_id),
            ("unit_id", "=", self.unit_id),
            ("recorded_at", ">=", self.recorded_from),
            ("recorded_at", "<", self.recorded_to),
            ("effective_at", ">=", self.effective_from),
            ("effective_at", "<", self.effective_to),
        ):
            if value is not None:
                condition = sql.SQL("{} {} %s").format(sql.Identifier(column), sql.SQL(operator))
                conditions.append(condition)
                params.append(value)
        if len(self.event_types) == 1:  # equality: an index on (…, event_type, position)
            conditions.append(sql.SQL("event_type = %s"))  # gives the rows in log order
            params.append(self.event_types[0])
        elif self.event_types:
            conditions.append(sql.SQL("event_type = ANY(%s)"))
            params.append(list(self.event_types))
        return sql.SQL(" AND ").join(conditions), params


def _select(where: sql.Composable, order: str, limit: bool) -> sql.Composed:
    return sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY {}{}").format(
        sql.SQL(", ").join(map(sql.Identifier, ENTRIES.column_names)),
        sql.Identifier("rm_history_entries"),
        where,
        sql.Identifier(order),
        sql.SQL(" LIMIT %s") if limit else sql.SQL(""),
    )


def plan_history(
    conn: Conn, municipality: str, plan_id: UUID, *, after: int, limit: int
) -> list[Row] | None:
    """Entries of one plan after version `after`, at most `limit` + 1 (the extra one says that
    there is a next page); None if the municipality has no such plan."""
    where = sql.SQL("plan_id = %s AND municipality = %s AND version > %s")
    rows = conn.execute(
        _select(where, "version", limit=True), [plan_id, municipality, after, limit + 1]
    ).fetchall()
    if rows or (after > 0 and _has_plan(conn, municipality, plan_id)):
        return rows
    return None


def _has_plan(conn: Conn, municipality: str, plan_id: UUID) -> bool:
    found = conn.execute(
        "SELECT 1 FROM rm_history_entries WHERE plan_id = %s AND municipality = %s LIMIT 1",
        [plan_id, municipality],
    ).fetchone()
    return found is not None


def audit_trail(conn: Conn, audit: AuditFilter, *, after: int, limit: int) -> list[Row]:
    """Entries matching `audit` after log position `after`, at most `limit` + 1 (see above)."""
    where, params = audit.where()
    where = sql.SQL("{} AND position > %s").format(where)
    query = _select(where, "position", limit=True)
    return conn.execute(query, [*params, after, limit + 1]).fetchall()


def export_audit_trail(reads: ReadStore, audit: AuditFilter) -> Iterator[Row]:
    """Every entry matching `audit` in log order, fetched through a server-side cursor."""
    where, params = audit.where()
    with (
        reads.connection() as conn,
        conn.transaction(),
        conn.cursor(name="history_export") as cursor,
    ):
        cursor.itersize = EXPORT_SLICE
        cursor.execute(_select(where, "position", limit=False), params)
        yield from cursor


CONTRIBUTORS = ("user", "representative", "service_provider")


def contributions(
    conn: Conn, municipality: str, plan_ids: list[UUID], since: datetime, limit: int = 100
) -> list[Row]:
    """What the user, representatives and participants wrote on these plans since `since`
    (recorded time), newest first: who, which event, when. No content: the coordinator opens
    the plan's history (a logged read) to see it."""
    query = sql.SQL(
        "SELECT plan_id, event_type, label, actor_name, actor_role, recorded_at "
        "FROM rm_history_entries WHERE municipality = %s AND plan_id = ANY(%s) "
        "AND recorded_at >= %s AND actor_role = ANY(%s) ORDER BY recorded_at DESC LIMIT %s"
    )
    params = [municipality, plan_ids, since, list(CONTRIBUTORS), limit]
    return conn.execute(query, params).fetchall()
