"""Queries on the read log (`adapters/eventstore.py` writes it), keyset-paged by its position.

The log is a table beside the events, not a read model: a read is in it once its INSERT has
returned, so there is nothing to wait for (on a replica: once replayed there)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg import sql

from adapters.readmodels.plans_queries import Conn, Filters, after_position

COLUMNS = sql.SQL(
    "SELECT position, plan_id, read_at, actor_id, actor_name, actor_role, actor_organisation, "
    "actor_unit, actor_assurance, what, basis, purpose FROM planspor_read_log"
)


def _page(conn: Conn, filters: Filters, after: int, limit: int) -> list[dict[str, Any]]:
    return after_position(conn, COLUMNS, filters, "position", after, limit)


def plan_reads(conn: Conn, plan_id: UUID, *, after: int, limit: int) -> list[dict[str, Any]]:
    """Every logged read of one plan: who, in what role, when, what, on what basis, why."""
    return _page(conn, Filters().add("plan_id = %s", plan_id), after, limit)


def search(
    conn: Conn,
    municipality: str,
    *,
    actor_id: str | None,
    plan_id: UUID | None,
    read_from: datetime | None,
    read_to: datetime | None,
    after: int,
    limit: int,
) -> list[dict[str, Any]]:
    filters = (
        Filters()
        .add("municipality = %s", municipality)
        .when("actor_id = %s", actor_id)
        .when("plan_id = %s", plan_id)
        .when("read_at >= %s", read_from)
        .when("read_at < %s", read_to)
    )
    return _page(conn, filters, after, limit)
