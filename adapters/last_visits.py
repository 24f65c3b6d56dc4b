"""When each person last opened "my plans" (for «siden sist»), kept server-side beside the
sessions: the browser holds only the session cookie. Keyed by the SHA-256 of the person id, so
the table names nobody outright."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_last_visits (
    person_key text PRIMARY KEY,
    visited_at timestamptz NOT NULL
);
"""


class LastVisits:
    def __init__(self, pool: ConnectionPool[psycopg.Connection[dict[str, Any]]]) -> None:
        self.pool = pool
        self._ready = False

    def swap(self, person_id: str, now: datetime) -> datetime | None:
        """The previous visit (None on the first), recording `now` as the last one."""
        key = hashlib.sha256(person_id.encode()).hexdigest()
        with self.pool.connection() as conn, conn.transaction():
            self._create(conn)
            row = conn.execute(
                "SELECT visited_at FROM web_last_visits WHERE person_key = %s FOR UPDATE", (key,)
            ).fetchone()
            conn.execute(
                "INSERT INTO web_last_visits (person_key, visited_at) VALUES (%s, %s) "
                "ON CONFLICT (person_key) DO UPDATE SET visited_at = EXCLUDED.visited_at",
                (key, now),
            )
        return row["visited_at"] if row else None

    def _create(self, conn: psycopg.Connection[dict[str, Any]]) -> None:
        if not self._ready:
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('web_last_visits'))")
            conn.execute(SCHEMA)
            self._ready = True
