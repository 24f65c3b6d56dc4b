"""Queries on the complaints read model, keyset-paged by the position the complaint arrived at."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from adapters.readmodels.plans_queries import Conn, Filters

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
) -> list[dict[str, Any]]:
    filters = Filters().add("received_position > %s", after)
    for condition, value in (
        ("municipality = %s", municipality),
        ("complainant_id = %s", complainant_id),
        ("plan_id = %s", plan_id),
        ("late = %s", late),
    ):
        if value is not None:
            filters.add(condition, value)
    if statuses is not None:
        filters.add("status = ANY(%s)", list(statuses))
    query = sql.SQL("{} WHERE {} ORDER BY received_position LIMIT %s").format(
        SELECT, sql.SQL(" AND ").join(filters.where)
    )
    return conn.execute(query, [*filters.params, limit + 1]).fetchall()
