"""Queries on the current plans and their measures: the plan list and the worklists.

Every query is scoped to one municipality and keyset-paged on (sort column, id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
from psycopg import sql

from adapters import configuration
from domain.plan import OSLO
from domain.values import MeasureStatus

Conn = psycopg.Connection[dict[str, Any]]
OPEN = sql.SQL("p.status NOT IN ('closed', 'refused')")
NOT_ENDED = [str(s) for s in MeasureStatus if s not in (MeasureStatus.ENDED, MeasureStatus.REFUSED)]


@dataclass
class Page:
    rows: list[dict[str, Any]]
    next_cursor: list[Any] | None


@dataclass
class Filters:
    """Conditions (`AND`ed) and their parameters, built up by the query functions."""

    where: list[sql.Composable] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str | sql.Composable, *params: Any) -> Filters:
        self.where.append(sql.SQL(condition) if isinstance(condition, str) else condition)
        self.params.extend(params)
        return self

    def when(self, condition: str, value: Any) -> Filters:
        """Add `condition` with `value`, unless `value` is None (no filter)."""
        return self if value is None else self.add(condition, value)

    def in_unit(self, unit: str | None) -> Filters:
        """Plans in the unit a leader's `unit` claim names: its id or its name
        (`application.access.in_unit`); None: every unit."""
        if unit is not None:
            self.add("(p.unit_id = %s OR p.unit_name = %s)", unit, unit)
        return self

    def optional(self, column: str, value: Any) -> Filters:
        if value is not None:
            self.add(sql.SQL("{} = %s").format(sql.Identifier("p", column)), value)
        return self


def after_position(
    conn: Conn, select: sql.Composable, filters: Filters, column: str, after: int, limit: int
) -> list[dict[str, Any]]:
    """Rows whose `column` (a log position) is after `after`, in order: a page of `limit`, plus
    one more row if there is a next page."""
    filters.add(sql.SQL("{} > %s").format(sql.Identifier(column)), after)
    query = sql.SQL("{} WHERE {} ORDER BY {} LIMIT %s").format(
        select, sql.SQL(" AND ").join(filters.where), sql.Identifier(column)
    )
    return conn.execute(query, [*filters.params, limit + 1]).fetchall()


def keyset(
    conn: Conn,
    select: sql.Composable,
    filters: Filters,
    order: tuple[str, str],
    cursor: list[Any] | None,
    limit: int,
) -> Page:
    """Rows after `cursor` in `order` (two columns, ascending), one page of at most `limit`."""
    first, second = (sql.SQL(column) for column in order)
    if cursor is not None:
        filters.add(sql.SQL("({}, {}) > (%s, %s)").format(first, second), *cursor)
    query = sql.SQL("{} WHERE {} ORDER BY {}, {} LIMIT %s").format(
        select, sql.SQL(" AND ").join(filters.where), first, second
    )
    rows = conn.execute(query, [*filters.params, limit + 1]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if more else None
    return Page(rows, [str(last["_k1"]), str(last["_k2"])] if last else None)


@dataclass(frozen=True)
class Listing:
    """A worklist's rows before paging: what is selected, which rows, in which order. Read a
    page of it (`page`) or count all of it (`count`: the overview shows how many, not which)."""

    select: sql.Composable
    filters: Filters
    order: tuple[str, str]

    def page(self, conn: Conn, cursor: list[Any] | None, limit: int) -> Page:
        copy = Filters(list(self.filters.where), list(self.filters.params))
        return keyset(conn, self.select, copy, self.order, cursor, limit)

    def count(self, conn: Conn) -> int:
        query = sql.SQL("SELECT count(*) AS n FROM ({} WHERE {}) AS listed").format(
            self.select, sql.SQL(" AND ").join(self.filters.where)
        )
        row = conn.execute(query, self.filters.params).fetchone()
        return int(row["n"]) if row else 0


def _plans(keys: tuple[str, str], extra: str = "") -> sql.Composable:
    return sql.SQL("SELECT p.*, {} AS _k1, {} AS _k2{} FROM rm_plans_plans p").format(
        sql.SQL(keys[0]), sql.SQL(keys[1]), sql.SQL(extra)
    )


def plans(
    conn: Conn,
    municipality: str,
    *,
    unit_id: str | None,
    coordinator_id: str | None,
    status: str | None,
    missing: str | None,
    cursor: list[Any] | None,
    limit: int,
    subject: str | None = None,
    person: str | None = None,
    unit: str | None = None,
) -> Page:
    filters = (
        Filters()
        .add("p.municipality = %s", municipality)
        .in_unit(unit)
        .optional("unit_id", unit_id)
        .optional("coordinator_id", coordinator_id)
        .optional("status", status)
    )
    if missing is not None:
        filters.add("%s = ANY(p.missing)", missing)
    if subject is not None:
        filters.add("%s = ANY(p.subject_ids)", subject)
    if person is not None:  # a representative's or participant's plans
        filters.add("(p.state->'people') ? %s", person)
    order = ("p.received_at", "p.plan_id")
    return keyset(conn, _plans(order), filters, order, cursor, limit)


def without_coordinator(
    conn: Conn,
    municipality: str,
    today: date,
    *,
    coordinator_id: str | None = None,
    unit: str | None = None,
) -> Listing:
    waiting_since = "coalesce(p.decided_at, p.received_at)"
    days = f", (%s::date - ({waiting_since} AT TIME ZONE 'Europe/Oslo')::date) AS days_waiting"
    filters = _open(municipality, today, coordinator_id, unit)
    filters.add("p.coordinator_id IS NULL")
    order = (waiting_since, "p.plan_id")
    return Listing(_plans(order, days), filters, order)


def overdue_evaluations(
    conn: Conn,
    municipality: str,
    today: date,
    *,
    coordinator_id: str | None = None,
    unit: str | None = None,
) -> Listing:
    days = ", (%s::date - p.next_revision_on) AS days_overdue"
    filters = _open(municipality, today, coordinator_id, unit)
    filters.add("p.next_revision_on < %s", overdue_before(conn, municipality, today))
    order = ("p.next_revision_on", "p.plan_id")
    return Listing(_plans(order, days), filters, order)


def dormant(
    conn: Conn,
    municipality: str,
    today: date,
    days: int,
    *,
    coordinator_id: str | None = None,
    unit: str | None = None,
) -> Listing:
    active = "coalesce(p.last_activity_at, p.received_at)"
    extra = f", (%s::date - ({active} AT TIME ZONE 'Europe/Oslo')::date) AS days_dormant"
    filters = _open(municipality, today, coordinator_id, unit)
    filters.add(f"{active} < (%s::date - %s * interval '1 day')", today, days)
    order = (active, "p.plan_id")
    return Listing(_plans(order, extra), filters, order)


def _open(municipality: str, today: date, coordinator_id: str | None, unit: str | None) -> Filters:
    """Open plans of the municipality (of one coordinator, of one unit, if given); `today`
    feeds the select list's day counts, which come first among the parameters."""
    filters = Filters(params=[today]).add("p.municipality = %s", municipality).in_unit(unit)
    return filters.optional("coordinator_id", coordinator_id).add(OPEN)


def _open_measures(
    municipality: str, today: date, coordinator_id: str | None, unit: str | None
) -> Filters:
    """Measures of the open plans (see `_open`), bounded by the measures' own municipality so
    the (municipality, status, due_date) index reads that municipality's measures alone."""
    return _open(municipality, today, coordinator_id, unit).add("m.municipality = %s", municipality)


def _measures(keys: tuple[str, str], extra: str) -> sql.Composable:
    return sql.SQL(
        "SELECT m.*, p.coordinator_id, p.coordinator_name, p.unit_id, p.subject_name, "
        "{} AS _k1, {} AS _k2{} FROM rm_plans_measures m JOIN rm_plans_plans p USING (plan_id)"
    ).format(sql.SQL(keys[0]), sql.SQL(keys[1]), sql.SQL(extra))


def overdue_measures(
    conn: Conn,
    municipality: str,
    today: date,
    *,
    coordinator_id: str | None = None,
    unit: str | None = None,
) -> Listing:
    filters = _open_measures(municipality, today, coordinator_id, unit)
    # the statuses not ended, named (not `NOT IN`), so the index bounds the scan
    filters.add("m.status = ANY(%s)", NOT_ENDED).add("m.due_date < %s", today)
    order = ("m.due_date", "m.measure_id")
    return Listing(_measures(order, ", (%s::date - m.due_date) AS days_overdue"), filters, order)


def measures_without_decision(
    conn: Conn,
    municipality: str,
    today: date,
    *,
    coordinator_id: str | None = None,
    unit: str | None = None,
) -> Listing:
    extra = ", (%s::date - (m.status_since AT TIME ZONE 'Europe/Oslo')::date) AS days_waiting"
    filters = _open_measures(municipality, today, coordinator_id, unit)
    filters.add("m.status = 'applied_for'")
    order = ("m.status_since", "m.measure_id")
    return Listing(_measures(order, extra), filters, order)


def overdue_before(conn: Conn, municipality: str, today: date) -> date:
    """A revision date before this day is overdue: beyond the grace the virksom figure allows
    (the municipality's configuration in force today), so the worklist, the caseload and the
    figure agree on what "overdue" means."""
    grace = configuration.thresholds_in_force(conn, municipality, today, datetime.now(UTC))
    return today - timedelta(days=grace.revision_grace_days)


def caseload(
    conn: Conn, municipality: str, coordinator_id: str | None = None, unit: str | None = None
) -> list[dict[str, Any]]:
    """Open plans per coordinator (of one coordinator, of one unit's plans, if given)."""
    today = datetime.now(OSLO).date()  # the Oslo date, not the database server's current_date
    filters = (
        Filters(params=[overdue_before(conn, municipality, today)])
        .add("p.municipality = %s", municipality)
        .add("p.coordinator_id IS NOT NULL")
        .add(OPEN)
        .optional("coordinator_id", coordinator_id)
        .in_unit(unit)
    )
    query = sql.SQL(
        "SELECT coordinator_id, min(coordinator_name) AS coordinator_name, count(*) AS plans, "
        "count(*) FILTER (WHERE next_revision_on < %s) AS overdue_evaluations "
        "FROM rm_plans_plans p WHERE {} GROUP BY coordinator_id "
        "ORDER BY count(*) DESC, coordinator_id"
    ).format(sql.SQL(" AND ").join(filters.where))
    return conn.execute(query, filters.params).fetchall()
