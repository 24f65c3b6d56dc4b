"""Where the events live: PostgreSQL from `DATABASE_URL`, or an embedded server under `data_dir`.

Any number of processes may start at the same moment on an empty data directory or an empty
database: the database is created under an advisory lock on the server's admin database, and
every process creates (or checks) its tables under an advisory lock on its own database
(`schema_lock`), since concurrent `CREATE TABLE IF NOT EXISTS` and `CREATE OR REPLACE
FUNCTION` fail in PostgreSQL. `eventsourcing_env` renders the settings into the env dict
`eventsourcing` reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from adapters import embedded
from adapters.settings import Settings
from application.service import Planspor

EMBEDDED_DBNAME = "planspor"
CREATE_DATABASE_LOCK = "planspor:create-database"
SCHEMA_LOCK = "planspor:schema"


def start_embedded(data_dir: Path, dbname: str = EMBEDDED_DBNAME) -> str:
    """Start (or join) the embedded PostgreSQL in `data_dir/pgdata`; return a URL to `dbname`."""
    admin_url = embedded.join(data_dir)
    ensure_database(admin_url, dbname)
    return admin_url.replace("/postgres?", f"/{dbname}?", 1)


def ensure_database(admin_url: str, dbname: str) -> None:
    """Create `dbname` unless it exists; safe when many processes try at once."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [CREATE_DATABASE_LOCK])
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if exists:
            return
        # a process that does not take the lock (an older version) may still win the race
        with suppress(psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


@contextmanager
def schema_lock(url: str) -> Iterator[None]:
    """Hold the schema lock of the database at `url`: create or check tables inside it."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [SCHEMA_LOCK])
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", [SCHEMA_LOCK])


def database_url(settings: Settings) -> str:
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return start_embedded(settings.data_dir)


def eventsourcing_env(settings: Settings, url: str) -> dict[str, str]:
    info = conninfo_to_dict(url)
    return {
        "PERSISTENCE_MODULE": "adapters.eventstore:PlansporFactory",
        "POSTGRES_DBNAME": str(info.get("dbname") or "postgres"),
        "POSTGRES_HOST": str(info.get("host") or "127.0.0.1"),
        "POSTGRES_PORT": str(info.get("port") or "5432"),
        "POSTGRES_USER": str(info.get("user") or "postgres"),
        "POSTGRES_PASSWORD": str(info.get("password") or ""),
        "POSTGRES_SCHEMA": settings.db_schema,
        "POSTGRES_POOL_SIZE": str(settings.db_pool_size),
        "POSTGRES_PRE_PING": "y",
        "CREATE_TABLE": "y",
        "SNAPSHOT_INTERVAL": str(settings.snapshot_interval),
        "PSEUDONYM_KEY": settings.pseudonym_key.get_secret_value(),
        "HIGH_ASSURANCE_COMMANDS": ",".join(settings.high_assurance_commands),
        "USER_WRITE_ASSURANCE": str(settings.user_write_assurance),
    }


def conninfo(env: dict[str, str]) -> str:
    """A libpq connection string from the event-store env (for read models and their runner)."""
    return psycopg.conninfo.make_conninfo(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=env["POSTGRES_PORT"],
        user=env["POSTGRES_USER"],
        password=env.get("POSTGRES_PASSWORD") or None,
    )


def read_conninfo(settings: Settings, env: dict[str, str]) -> str:
    """Where the API reads the read models: the replica if there is one, else the primary."""
    if settings.database_replica_url is not None:
        return settings.database_replica_url.get_secret_value()
    return conninfo(env)


def open_planspor(settings: Settings, url: str | None = None) -> Planspor:
    """The application on the configured database, its tables created or checked under the lock."""
    url = url or database_url(settings)
    with schema_lock(url):
        return Planspor(env=eventsourcing_env(settings, url))
