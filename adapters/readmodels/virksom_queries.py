"""Which plans are virksom on a reference date D, as known at an instant T: one set-based query.

Only facts that happened by the end of D (Oslo date) and were recorded by T count. Per plan, the
latest fact of each pair (coordinator, decision, suspension, closing) by effective time, then log
position, is the state on D; consents and goals are judged per item. The counts are a `ROLLUP`
over the same verdicts, so a figure and the verdicts behind it cannot disagree. Values are
parameters; kind names are the model's constants, composed as literals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql

from domain.configuration import Thresholds
from projections import virksom_kinds as v

Conn = psycopg.Connection[dict[str, Any]]
__all__ = ["Question", "Thresholds", "counts", "verdicts"]


@dataclass(frozen=True)
class Question:
    """Who asks about which plans, on which reference date, as known at which instant."""

    municipality: str
    reference_date: date
    known_at: datetime
    thresholds: Thresholds
    unit_id: str | None = None

    def params(self) -> dict[str, Any]:
        on, t = self.reference_date, self.thresholds
        return {
            "municipality": self.municipality,
            "unit_id": self.unit_id,
            "on": on,
            "known_at": self.known_at,
            "activity_from": on - timedelta(days=t.activity_window_days),
            "update_from": on - timedelta(days=t.evaluation_interval_days),
            "revision_from": on - timedelta(days=t.revision_grace_days),
        }


def _latest(expression: str, condition: str) -> str:
    """The value of `expression` on the plan's latest fact meeting `condition` (in effect)."""
    order = "ORDER BY effective_at DESC, position DESC"
    return f"(array_agg({expression} {order}) FILTER (WHERE {condition}))[1]"


ACTIVE = "kind = ANY({active})"
UPDATE = "(kind = {evaluated} OR (kind = {version_agreed} AND flag))"
REVISION = "kind = ANY({revision_dates})"
PAIR = "kind IN ({%s_on}, {%s_off})"
LATEST = {
    **{name: ("kind", PAIR % (name, name)) for name in v.PAIRS},
    **{f"{name}_position": ("position", PAIR % (name, name)) for name in v.PAIRS},
    "activity_position": ("position", ACTIVE),
    "last_activity_on": ("effective_on", ACTIVE),
    "update_position": ("position", UPDATE),
    "updated_on": ("effective_on", UPDATE),
    "revision_position": ("position", REVISION),
    "next_revision_on": ("on_date", REVISION),
}
LATEST_COLUMNS = ",\n    ".join(f"{_latest(*spec)} AS {name}" for name, spec in LATEST.items())
MEETING = "kind = {meeting} AND effective_on >= %(update_from)s"

VERDICTS = """
WITH scope AS (
  SELECT plan_id, unit_id, unit_name FROM rm_virksom_plans
  WHERE municipality = %(municipality)s AND (%(unit_id)s::text IS NULL OR unit_id = %(unit_id)s)
    AND opened_on <= %(on)s AND recorded_at <= %(known_at)s {page}
), facts AS MATERIALIZED (
  SELECT plan_id, position, kind, item_id, value, on_date, flag, effective_at, effective_on
  FROM rm_virksom_facts
  WHERE municipality = %(municipality)s AND {facts_in_scope}
    AND effective_on <= %(on)s AND recorded_at <= %(known_at)s
), states AS (
  SELECT plan_id, LATEST_COLUMNS,
    min(position) FILTER (WHERE kind = ANY({work})) AS work_position,
    count(*) FILTER (WHERE MEETING) AS meetings,
    count(*) FILTER (WHERE MEETING AND flag) AS meetings_with_user
  FROM facts GROUP BY plan_id
), consents AS (
  SELECT plan_id, item_id,
    max(position) FILTER (WHERE kind = {consent_given}) AS given,
    bool_or(kind = {consent_given} AND (on_date IS NULL OR on_date >= %(on)s)) AS unexpired,
    max(position) FILTER (WHERE kind = {consent_withdrawn}) AS withdrawn
  FROM facts WHERE kind IN ({consent_given}, {consent_withdrawn}) GROUP BY plan_id, item_id
), consent AS (
  SELECT plan_id,
    max(given) FILTER (WHERE unexpired AND withdrawn IS NULL) AS consent_position,
    max(withdrawn) AS consent_withdrawn_position,
    max(given) FILTER (WHERE NOT unexpired AND withdrawn IS NULL) AS consent_expired_position
  FROM consents WHERE given IS NOT NULL GROUP BY plan_id
), goals AS (
  SELECT plan_id, bool_or(kind = {goal_added} AND split_part(value, '/', 2) = 'user')
    OR (array_agg(flag ORDER BY effective_at DESC, position DESC))[1] AS by_user,
    bool_or(kind = {goal_added} AND split_part(value, '/', 1) = 'user')
    OR coalesce((array_agg(flag AND split_part(value, '/', 1) = 'user'
      ORDER BY effective_at DESC, position DESC))[1], false) AS by_user_self
  FROM facts WHERE kind IN ({goal_added}, {goal_revised}, {goal_confirmed})
  GROUP BY plan_id, item_id HAVING bool_or(kind = {goal_added})
), goal AS (
  SELECT plan_id, count(*) AS goal_count, count(*) FILTER (WHERE by_user) AS user_goal_count,
    count(*) FILTER (WHERE by_user_self) AS own_goal_count
  FROM goals GROUP BY plan_id
), judged AS (
  SELECT *, coalesce(goal_count, 0) AS goals, coalesce(user_goal_count, 0) AS goals_by_user,
    coalesce(own_goal_count, 0) AS goals_by_user_self,
    coalesce(closing = {closing_on}, false) AS closed,
    coalesce(suspension = {suspension_on}, false) AS suspended,
    coalesce(decision = {decision_on}, false) AS refused,
    coalesce(coordinator = {coordinator_on}, false) AS has_coordinator,
    consent_position IS NOT NULL AS has_consent,
    work_position IS NOT NULL AS has_work,
    coalesce(last_activity_on >= %(activity_from)s, false) AS in_active_use,
    coalesce(updated_on >= %(update_from)s, false) AS updated_in_time,
    coalesce(next_revision_on >= %(revision_from)s, false) AS revision_on_time
  FROM scope JOIN states USING (plan_id)
    LEFT JOIN consent USING (plan_id) LEFT JOIN goal USING (plan_id)
), verdicts AS (
  SELECT *, NOT (closed OR refused) AS counted,
    has_coordinator AND has_consent AND has_work AS started,
    updated_in_time AND revision_on_time AS updated,
    NOT (closed OR suspended OR refused) AND has_coordinator AND has_consent AND has_work
      AND in_active_use AND updated_in_time AND revision_on_time AS virksom
  FROM judged
)""".replace("LATEST_COLUMNS", LATEST_COLUMNS).replace("MEETING", MEETING)

COUNTS = """
SELECT GROUPING(unit_id) = 1 AS total, unit_id, min(unit_name) AS unit_name,
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
  coalesce(sum(meetings) FILTER (WHERE counted), 0)::bigint AS meetings,
  coalesce(sum(meetings_with_user) FILTER (WHERE counted), 0)::bigint AS meetings_with_user
FROM verdicts GROUP BY ROLLUP (unit_id) ORDER BY GROUPING(unit_id) DESC, unit_id"""

# The figures read all the municipality's (or unit's) facts; a page reads its plans' facts only.
WHOLE = ("", "(%(unit_id)s::text IS NULL OR unit_id = %(unit_id)s)")
PAGE = (
    "AND plan_id > %(after)s ORDER BY plan_id LIMIT %(limit)s",
    "plan_id IN (SELECT plan_id FROM scope)",
)
KINDS = {
    "work": v.WORK,
    "active": v.ACTIVE,
    "revision_dates": v.REVISION_DATES,
    **{k: k for k in (v.EVALUATED, v.VERSION_AGREED, v.MEETING, v.CONSENT_GIVEN)},
    **{k: k for k in (v.CONSENT_WITHDRAWN, v.GOAL_ADDED, v.GOAL_REVISED, v.GOAL_CONFIRMED)},
    **{f"{name}_on": on for name, (on, _) in v.PAIRS.items()},
    **{f"{name}_off": off for name, (_, off) in v.PAIRS.items()},
}
# The per-plan ordered aggregates sort a municipality's facts; keep that sort in memory.
WORK_MEM = "SET LOCAL work_mem = '64MB'"


def _compose(tail: str, scope: tuple[str, str]) -> sql.Composed:
    literals = {
        name: sql.Literal(list(k) if isinstance(k, tuple) else k) for name, k in KINDS.items()
    }
    page, facts_in_scope = (sql.SQL(part) for part in scope)
    return sql.SQL(VERDICTS + tail).format(page=page, facts_in_scope=facts_in_scope, **literals)


def _run(conn: Conn, query: sql.Composed, params: dict[str, Any]) -> list[dict[str, Any]]:
    with conn.transaction():
        conn.execute(WORK_MEM)
        return conn.execute(query, params).fetchall()


COUNTS_QUERY = _compose(COUNTS, WHOLE)
VERDICTS_QUERY = _compose("\nSELECT * FROM verdicts ORDER BY plan_id", PAGE)


def counts(conn: Conn, question: Question) -> list[dict[str, Any]]:
    """The municipality's total (first row, `total`), then one row per unit."""
    return _run(conn, COUNTS_QUERY, question.params())


def verdicts(
    conn: Conn, question: Question, *, after: UUID | None, limit: int, versions: bool = True
) -> list[dict[str, Any]]:
    """Up to `limit` plans after `after` (by plan id), each with its criteria and deciding facts;
    `versions` maps those facts' log positions to plan versions (as `/plans/{id}/events` shows)."""
    params = question.params() | {"after": after or UUID(int=0), "limit": limit}
    rows = _run(conn, VERDICTS_QUERY, params)
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
