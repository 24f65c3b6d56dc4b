"""Browser sessions, stored server-side in PostgreSQL. The browser holds only a random session id
in a cookie; the table holds its SHA-256, the verified claims the actor is built from, the login's
assurance level and the session's CSRF token. A session ends after an idle time or on logout.

A login in progress (OIDC state, nonce and PKCE verifier, or the development picker's form) is a
`LoginAttempt` in its own table, keyed the same way, and is used once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

DDL = """
CREATE TABLE IF NOT EXISTS web_sessions (
    id_hash text PRIMARY KEY,
    claims jsonb NOT NULL,
    acr text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS web_sessions_last_seen ON web_sessions (last_seen_at);
ALTER TABLE web_sessions ADD COLUMN IF NOT EXISTS purpose text;
CREATE TABLE IF NOT EXISTS web_login_attempts (
    id_hash text PRIMARY KEY,
    state text NOT NULL,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    csrf_token text NOT NULL,
    next_url text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
"""
LOGIN_ATTEMPT_LIFETIME = timedelta(minutes=15)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class WebSession:
    claims: dict[str, Any]
    acr: str
    csrf_token: str
    purpose: str | None = None  # supervisors: the case reference stated once for this session


@dataclass(frozen=True)
class LoginAttempt:
    state: str
    nonce: str
    code_verifier: str
    csrf_token: str
    next_url: str


class SessionStore:
    def __init__(self, conninfo: str, *, idle: timedelta, size: int = 2) -> None:
        self.idle = idle
        self.pool: ConnectionPool[psycopg.Connection[dict[str, Any]]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=size,
            open=True,
            kwargs={"row_factory": dict_row, "autocommit": True},
        )
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('web_sessions'))")
            conn.execute(DDL)

    def start(self, claims: dict[str, Any], acr: str) -> str:
        """A new session for verified claims; returns the raw id for the cookie (never stored)."""
        raw = new_secret()
        self.expire_idle()  # abandoned sessions go when someone logs in
        with self.pool.connection() as conn:
            conn.execute(
                "INSERT INTO web_sessions (id_hash, claims, acr, csrf_token) "
                "VALUES (%s, %s, %s, %s)",
                [_hash(raw), Jsonb(claims), acr, new_secret()],
            )
        return raw

    def find(self, raw: str) -> WebSession | None:
        """The live session for a cookie, touched; `None` if unknown or idle too long (then
        it is removed)."""
        with self.pool.connection() as conn:
            row = conn.execute(
                "UPDATE web_sessions SET last_seen_at = now() "
                "WHERE id_hash = %s AND last_seen_at > now() - %s "
                "RETURNING claims, acr, csrf_token, purpose",
                [_hash(raw), self.idle],
            ).fetchone()
            if row is None:
                conn.execute("DELETE FROM web_sessions WHERE id_hash = %s", [_hash(raw)])
                return None
        return WebSession(
            claims=row["claims"],
            acr=row["acr"],
            csrf_token=row["csrf_token"],
            purpose=row["purpose"],
        )

    def state_purpose(self, raw: str, purpose: str) -> None:
        """Keep the purpose (a case reference) a supervisor stated, for the rest of the session."""
        with self.pool.connection() as conn:
            conn.execute(
                "UPDATE web_sessions SET purpose = %s WHERE id_hash = %s", [purpose, _hash(raw)]
            )

    def end(self, raw: str) -> None:
        with self.pool.connection() as conn:
            conn.execute("DELETE FROM web_sessions WHERE id_hash = %s", [_hash(raw)])

    def expire_idle(self) -> int:
        """Remove every session idle longer than the limit; how many were removed."""
        with self.pool.connection() as conn:
            cursor = conn.execute(
                "DELETE FROM web_sessions WHERE last_seen_at <= now() - %s", [self.idle]
            )
            return cursor.rowcount

    def begin_login(self, attempt: LoginAttempt) -> str:
        raw = new_secret()
        with self.pool.connection() as conn:
            conn.execute(
                "DELETE FROM web_login_attempts WHERE created_at < now() - %s",
                [LOGIN_ATTEMPT_LIFETIME],
            )
            conn.execute(
                "INSERT INTO web_login_attempts (id_hash, state, nonce, code_verifier, "
                "csrf_token, next_url) VALUES (%s, %s, %s, %s, %s, %s)",
                [_hash(raw), attempt.state, attempt.nonce, attempt.code_verifier,
                 attempt.csrf_token, attempt.next_url],
            )  # fmt: skip
        return raw

    def take_login(self, raw: str) -> LoginAttempt | None:
        """The login attempt for a cookie, removed so that it cannot be used twice."""
        with self.pool.connection() as conn:
            row = conn.execute(
                "DELETE FROM web_login_attempts WHERE id_hash = %s AND created_at > now() - %s "
                "RETURNING state, nonce, code_verifier, csrf_token, next_url",
                [_hash(raw), LOGIN_ATTEMPT_LIFETIME],
            ).fetchone()
        return LoginAttempt(**row) if row else None

    def close(self) -> None:
        self.pool.close()
