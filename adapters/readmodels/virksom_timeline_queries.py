"""Virksom figures from the per-plan timelines: an indexed lookup of the intervals containing D.

Each plan's timeline (projections/virksom_timeline.py) holds, per interval of effective dates,
everything the verdict reads. A question (D, T) reads, for every plan in scope, the one interval
version that contains D and was valid at recorded time T: the current rows recorded by T and,
unless T is "now", the closed versions recorded over T (`rm_virksom_timeline_past`). The
threshold comparisons are made here, per municipality with the configuration in force on D as
known at T. The meetings of the last evaluation interval are the cumulative count on D minus the
count on the day before the interval: a second lookup of the same kind.

The set-based query over the facts (virksom_queries.py) answers the same questions and stays as
the test oracle. Every statement runs with `plan_cache_mode = force_custom_plan`: psycopg prepares
a statement executed `prepare_threshold` (5) times on a connection, and PostgreSQL then switches
to a generic plan, which for these parameters (a municipality of 77 or 50 000 plans, a date that
selects most or few intervals) is the slow one (docs/decisions/0015-virksom-timelines.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql

from adapters.readmodels.virksom_tables import VIRKSOM_TIMELINE
from domain.configuration import DEFAULTS, Configuration, Thresholds
from projections.virksom_sums import FIGURES as SUMMED

Conn = psycopg.Connection[dict[str, Any]]
CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan"


@dataclass(frozen=True)
class Ask:
    """Which plans (None: every municipality), on which dates, as known at which instant (None:
    as the read model knows now), with the configuration in force per (date, municipality)."""

    municipalities: Sequence[str] | None
    dates: Sequence[date]
    known_at: datetime | None
    defaults: Thresholds
    configured: dict[date, list[Configuration]]
    unit_id: str | None = None
    by_municipality: bool = False
    counties: Sequence[str] | None = None  # with no municipalities: those of these counties
    only_unit: str | None = None  # a leader's `unit` claim (unit id or name): pages of verdicts


SCOPE = (
    "{where} AND valid_from <= %({hi})s AND valid_to > %({lo})s"
    " AND (%(unit_id)s::text IS NULL OR unit_id = %(unit_id)s)"
)
CURRENT = "SELECT {columns} FROM rm_virksom_timeline WHERE " + SCOPE  # noqa: S608 (constants)
PAST = (
    " UNION ALL SELECT {columns} FROM rm_virksom_timeline_past WHERE "  # noqa: S608
    + SCOPE
    + " AND recorded_from <= %(known_at)s AND recorded_to > %(known_at)s"
)
KNOWN_BY = " AND recorded_from <= %(known_at)s"

JUDGED = """
WITH cfg AS (
  SELECT * FROM unnest(%(c_m)s::text[], %(c_aw)s::int[], %(c_ei)s::int[], %(c_rg)s::int[])
    AS c(municipality, aw, ei, rg)
), found AS MATERIALIZED ({found}), intervals AS (
  SELECT f.*, coalesce(c.aw, %(aw)s) AS aw, coalesce(c.ei, %(ei)s) AS ei,
    coalesce(c.rg, %(rg)s) AS rg
  FROM found f LEFT JOIN cfg c USING (municipality) WHERE f.opened_on <= %(on)s
), before AS MATERIALIZED ({before}), judged AS (
  SELECT i.*, coalesce(i.closing = 'closed', false) AS closed,
    coalesce(i.suspension = 'suspended', false) AS suspended,
    coalesce(i.decision = 'refused', false) AS refused,
    coalesce(i.coordinator = 'coordinator_on', false) AS has_coordinator,
    i.consent_position IS NOT NULL AS has_consent,
    i.work_position IS NOT NULL AS has_work,
    coalesce(i.last_activity_on >= %(on)s - i.aw, false) AS in_active_use,
    coalesce(i.updated_on >= %(on)s - i.ei, false) AS updated_in_time,
    coalesce(i.next_revision_on >= %(on)s - i.rg, false) AS revision_on_time,
    i.meetings - coalesce(b.meetings, 0) AS window_meetings,
    i.meetings_with_user - coalesce(b.meetings_with_user, 0) AS window_meetings_with_user
  FROM intervals i LEFT JOIN before b ON b.plan_id = i.plan_id
    AND b.valid_from <= %(on)s - i.ei - 1 AND b.valid_to > %(on)s - i.ei - 1
), verdicts AS (
  SELECT *, NOT (closed OR refused) AS counted,
    has_coordinator AND has_consent AND has_work AS started,
    updated_in_time AND revision_on_time AS updated,
    NOT (closed OR suspended OR refused) AND has_coordinator AND has_consent AND has_work
      AND in_active_use AND updated_in_time AND revision_on_time AS virksom
  FROM judged
)"""

FIGURES = """
  count(*) FILTER (WHERE counted) AS plans,
  count(*) FILTER (WHERE virksom) AS virksom,
  count(*) FILTER (WHERE counted AND started) AS started,
  count(*) FILTER (WHERE counted AND in_active_use) AS in_active_use,
  count(*) FILTER (WHERE counted AND updated) AS updated,
  count(*) FILTER (WHERE counted AND suspended) AS suspended,
  count(*) FILTER (WHERE closed) AS closed,
  count(*) FILTER (WHERE refused AND NOT closed) AS refused,
  count(*) FILTER (WHERE counted AND has_consent) AS with_consent,
  coalesce(sum(goals) FILTER (WHERE counted), 0)::bigint AS goals,
  coalesce(sum(goals_by_user) FILTER (WHERE counted), 0)::bigint AS goals_by_user,
  coalesce(sum(goals_by_user_self) FILTER (WHERE counted), 0)::bigint AS goals_by_user_self,
  count(*) FILTER (WHERE counted AND revision_on_time) AS revisions_on_time,
  coalesce(sum(window_meetings) FILTER (WHERE counted), 0)::bigint AS meetings,
  coalesce(sum(window_meetings_with_user) FILTER (WHERE counted), 0)::bigint
    AS meetings_with_user"""
BY_UNIT = (
    "\nSELECT GROUPING(unit_id) = 1 AS total, unit_id, min(unit_name) AS unit_name,"
    + FIGURES
    + "\nFROM verdicts GROUP BY ROLLUP (unit_id) ORDER BY GROUPING(unit_id) DESC, unit_id"
)
BY_MUNICIPALITY = (
    "\nSELECT GROUPING(municipality) = 1 AS total, municipality,"
    + FIGURES
    + "\nFROM verdicts GROUP BY ROLLUP (municipality)"
    " ORDER BY GROUPING(municipality) DESC, municipality"
)
FOUND_COLUMNS = ", ".join(VIRKSOM_TIMELINE.column_names)
BEFORE_COLUMNS = "plan_id, valid_from, valid_to, meetings, meetings_with_user"
PAGE_SCOPE = (
    "plan_id IN (SELECT plan_id FROM rm_virksom_plans WHERE municipality = ANY(%(municipalities)s)"
    " AND (%(unit_id)s::text IS NULL OR unit_id = %(unit_id)s) AND plan_id > %(after)s"
    " AND (%(only_unit)s::text IS NULL OR %(only_unit)s IN (unit_id, unit_name))"
    " AND opened_on <= %(on)s ORDER BY plan_id LIMIT %(limit)s)"
)


def _lookup(columns: str, days: tuple[str, str], known_now: bool, where: str) -> str:
    """The interval versions meeting the dates from `days[0]` to `days[1]` (parameter names),
    as known at T (or now)."""
    lo, hi = days
    current = CURRENT.format(columns=columns, where=where, lo=lo, hi=hi)
    if known_now:
        return current
    return current + KNOWN_BY + PAST.format(columns=columns, where=where, lo=lo, hi=hi)


def _statement(ask: Ask, tail: str, where: str) -> sql.SQL:
    known_now = ask.known_at is None
    found = _lookup(FOUND_COLUMNS, ("on", "on"), known_now, where)
    before = _lookup(BEFORE_COLUMNS, ("before_min", "before_max"), known_now, where)
    return sql.SQL(JUDGED.format(found=found, before=before) + tail)  # constants only


def _where(ask: Ask) -> str:
    if ask.municipalities is not None:
        return "municipality = ANY(%(municipalities)s)"
    return "true" if ask.counties is None else "left(municipality, 2) = ANY(%(counties)s)"


def _params(ask: Ask, on: date) -> dict[str, Any]:
    configured = ask.configured.get(on, [])
    longest = max((c.thresholds.evaluation_interval_days for c in configured), default=0)
    shortest = min((c.thresholds.evaluation_interval_days for c in configured), default=10**5)
    d = ask.defaults
    return {
        "on": on,
        "known_at": ask.known_at,
        "municipalities": list(ask.municipalities or []),
        "unit_id": ask.unit_id,
        "only_unit": ask.only_unit,
        "counties": list(ask.counties or []),
        "aw": d.activity_window_days,
        "ei": d.evaluation_interval_days,
        "rg": d.revision_grace_days,
        "before_min": on - timedelta(days=max(longest, d.evaluation_interval_days) + 1),
        "before_max": on - timedelta(days=min(shortest, d.evaluation_interval_days) + 1),
        "c_m": [c.municipality for c in configured],
        "c_aw": [c.thresholds.activity_window_days for c in configured],
        "c_ei": [c.thresholds.evaluation_interval_days for c in configured],
        "c_rg": [c.thresholds.revision_grace_days for c in configured],
    }


SUM_SCOPE = (
    "{where} AND municipality <> ALL(%(c_m)s::text[])"
    " AND (%(unit_id)s::text IS NULL OR unit_id = %(unit_id)s)"
)
GROUP = "municipality, unit_id, unit_name, " + ", ".join(SUMMED)
SUMS = (
    "WITH found AS (SELECT " + GROUP + " FROM rm_virksom_month_sums WHERE "  # noqa: S608
    + SUM_SCOPE
    + " AND on_date < date_trunc('month', %(on)s)::date"
    " UNION ALL SELECT " + GROUP + " FROM rm_virksom_day_sums WHERE " + SUM_SCOPE
    + " AND on_date >= date_trunc('month', %(on)s)::date AND on_date <= %(on)s)"
)  # fmt: skip
SUMMED_FIGURES = ",".join(f"\n  coalesce(sum({f}), 0)::bigint AS {f}" for f in SUMMED)
SUMS_BY = (
    "\nSELECT GROUPING({group}) = 1 AS total, {columns}" + SUMMED_FIGURES
    + "\nFROM found GROUP BY ROLLUP ({group}) ORDER BY GROUPING({group}) DESC, {group}"
)  # fmt: skip
SUMS_BY_UNIT = SUMS + SUMS_BY.format(
    group="unit_id", columns="unit_id, min(unit_name) AS unit_name,"
)
SUMS_BY_MUNICIPALITY = SUMS + SUMS_BY.format(group="municipality", columns="municipality,")


def counts(
    conn: Conn, ask: Ask, *, sums: bool = True, summed_with: Thresholds = DEFAULTS
) -> dict[date, list[dict[str, Any]]]:
    """Per date: the total first, then one row per unit (or per municipality).

    Known now with the default thresholds, from the running sums (virksom_sums.py); for a past
    known_at, a threshold override, or a municipality with its own configuration on the date,
    from the timelines (`sums=False`: always from the timelines). `summed_with`: the thresholds
    the sums were made with (the model's: the defaults; a test makes its own)."""
    tail = BY_MUNICIPALITY if ask.by_municipality else BY_UNIT
    where = _where(ask)
    statement = _statement(ask, tail, where)
    fast = sums and ask.known_at is None and ask.defaults == summed_with
    summed = sql.SQL(  # constants only
        (SUMS_BY_MUNICIPALITY if ask.by_municipality else SUMS_BY_UNIT).format(where=where)
    )
    own = _statement(ask, tail, where + " AND municipality = ANY(%(c_m)s::text[])")
    result = {}
    with conn.transaction():
        conn.execute(CUSTOM_PLANS)
        for on in ask.dates:
            params = _params(ask, on)
            if not fast or (params["c_m"] and not ask.by_municipality):
                result[on] = conn.execute(statement, params).fetchall()
                continue
            rows = conn.execute(summed, params).fetchall()
            if params["c_m"]:  # municipalities with their own thresholds on D: the timelines
                rows = _merged(rows, conn.execute(own, params).fetchall())
            result[on] = rows
    return result


def _merged(summed: list[dict[str, Any]], timelines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows per municipality from both paths, and their total."""
    rows = [r for r in summed + timelines if not r["total"]]
    rows.sort(key=lambda r: r["municipality"])
    total = {"total": True, "municipality": None} | {f: sum(r[f] for r in rows) for f in SUMMED}
    return [total, *rows]


def verdicts(
    conn: Conn, ask: Ask, *, after: UUID | None, limit: int, versions: bool = True
) -> list[dict[str, Any]]:
    """A page of plans' verdicts on the first date, in the oracle's row shape (with `versions`,
    the plan versions of the deciding positions)."""
    on = ask.dates[0]
    params = _params(ask, on) | {"after": after or UUID(int=0), "limit": limit}
    statement = _statement(ask, "\nSELECT * FROM verdicts ORDER BY plan_id", PAGE_SCOPE)
    with conn.transaction():
        conn.execute(CUSTOM_PLANS)
        rows = conn.execute(statement, params).fetchall()
    if not versions:
        return rows
    positions = [row[key] for row in rows for key in row if key.endswith("_position")]
    found = conn.execute(
        "SELECT position, version FROM rm_virksom_facts WHERE plan_id = ANY(%s) "
        "AND position = ANY(%s)",
        [[row["plan_id"] for row in rows], [p for p in positions if p is not None]],
    )
    by_position = {fact["position"]: fact["version"] for fact in found}
    return [row | {"versions": by_position} for row in rows]
