"""Per-municipality configuration in PostgreSQL: versions, each in force from a date (append-only).

A row is one version of one municipality's virksom thresholds and written standard (`nb`, `nn`,
or null for the deployment's), recorded at `recorded_at`; nothing
is updated, so the version in force on D as known at T (domain/configuration.py) stays the same
after a later change. Without a row, the deployment-wide defaults (`PLANSPOR_VIRKSOM_*`) apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

import psycopg
from psycopg.rows import dict_row

from adapters.settings import Settings
from domain.configuration import Configuration, Thresholds, in_force

TABLE = "planspor_configuration"
DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
  municipality text NOT NULL, version integer NOT NULL, effective_from date NOT NULL,
  activity_window_days integer NOT NULL, evaluation_interval_days integer NOT NULL,
  revision_grace_days integer NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality, version))"""
# the written standard came later: a table made before gets the column (null: the deployment's)
MIGRATE = f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS written_standard text"
Conn = psycopg.Connection[Any]


@cache
def defaults() -> Thresholds:
    """The deployment-wide defaults, from the settings (read once per process)."""
    return Settings().virksom_thresholds


def versions(conn: Conn, municipalities: Sequence[str] | None = None) -> list[Configuration]:
    """Every recorded version (of the given municipalities); none before any was recorded."""
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE]).fetchone()
    if not exists or not _first(exists):
        return []
    rows = (
        conn.cursor(row_factory=dict_row)
        .execute(
            f"SELECT * FROM {TABLE} WHERE %(m)s::text[] IS NULL OR municipality = ANY(%(m)s)",  # noqa: S608
            {"m": None if municipalities is None else list(municipalities)},
        )
        .fetchall()
    )
    return [_version(row) for row in rows]


def thresholds_in_force(conn: Conn, municipality: str, on: date, known_at: datetime) -> Thresholds:
    """The thresholds the worklists and the caseload use: those the figure would use."""
    return in_force(
        versions(conn, [municipality]), municipality, on, known_at, defaults()
    ).thresholds


def written_standard_in_force(
    conn: Conn, municipality: str, on: date, known_at: datetime
) -> str | None:
    """The municipality's written standard on `on` as known at `known_at` (None: not chosen)."""
    return in_force(versions(conn, [municipality]), municipality, on, known_at).written_standard


def record(
    conn: Conn,
    municipality: str,
    effective_from: date,
    thresholds: Thresholds,
    written_standard: str | None = None,
) -> int:
    """Append a new version; return its number."""
    with conn.transaction():
        conn.execute(DDL)
        conn.execute(MIGRATE)
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{TABLE}:{municipality}"])
        row = conn.execute(
            f"INSERT INTO {TABLE} (municipality, version, effective_from, activity_window_days, "  # noqa: S608
            "evaluation_interval_days, revision_grace_days, recorded_at, written_standard) "
            "SELECT %s, coalesce(max(version), 0) + 1, %s, %s, %s, %s, now(), %s "
            f"FROM {TABLE} WHERE municipality = %s RETURNING version",
            [municipality, effective_from, thresholds.activity_window_days,
             thresholds.evaluation_interval_days, thresholds.revision_grace_days,
             written_standard, municipality],
        ).fetchone()  # fmt: skip
    assert row is not None
    return int(_first(row))


def _first(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def _version(values: dict[str, Any]) -> Configuration:
    return Configuration(
        municipality=values["municipality"],
        version=values["version"],
        effective_from=values["effective_from"],
        recorded_at=values["recorded_at"],
        thresholds=Thresholds(
            activity_window_days=values["activity_window_days"],
            evaluation_interval_days=values["evaluation_interval_days"],
            revision_grace_days=values["revision_grace_days"],
        ),
        written_standard=values.get("written_standard"),
    )
