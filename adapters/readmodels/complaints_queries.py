"""Queries on the complaints read model, keyset-paged by the position the complaint arrived at."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from adapters.readmodels.plans_queries import Conn, Filters, after_position

SELECT = sql.SQL("SELECT * FROM rm_complaints_complaints")


def complaints(
    conn: Conn,
    *,
    municipality: str | None,
    complainant_id: str | None,
    statuses: tuple[str, ...] | None,
    plan_id: str | None,
    late: bool | None,
    after: int,
    limit: int,
    counties: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    filters = (
        Filters()
        .when("municipality = %s", municipality)
        .when("left(municipality, 2) = ANY(%s)", None if counties is None else list(counties))
        .when("complainant_id = %s", complainant_id)
        .when("plan_id = %s", plan_id)
        .when("late = %s", late)
        .when("status = ANY(%s)", list(statuses) if statuses is not None else None)
    )
    return after_position(conn, SELECT, filters, "received_position", after, limit)
