"""Where the events live: PostgreSQL from `DATABASE_URL`, or an embedded server under `data_dir`.

`eventsourcing_env` renders the settings into the environment dict `eventsourcing` reads.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from adapters.settings import Settings

EMBEDDED_DBNAME = "planspor"


def start_embedded(data_dir: Path, dbname: str = EMBEDDED_DBNAME) -> str:
    """Start (or join) the embedded PostgreSQL in `data_dir/pgdata`; return a URL to `dbname`.

    pgserver counts the processes using the server and stops it when the last one exits, so the
    API and projection runners started by `make run` share one server.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from pgserver.postgres_server import get_server  # noqa: PLC0415  (only when embedded)

        server = get_server(data_dir.resolve() / "pgdata", cleanup_mode="stop")
    admin_url = str(server.get_uri())
    ensure_database(admin_url, dbname)
    return admin_url.replace("/postgres?", f"/{dbname}?", 1)


def ensure_database(admin_url: str, dbname: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


def database_url(settings: Settings) -> str:
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return start_embedded(settings.data_dir)


def eventsourcing_env(settings: Settings, url: str) -> dict[str, str]:
    info = conninfo_to_dict(url)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
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
