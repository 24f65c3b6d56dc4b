"""Reads from a streaming replica: the API writes to the primary and reads the read models on a
replica made with `pg_basebackup` (the PostgreSQL binaries pgserver ships); `min_position` keeps
read-your-writes although the replica lags."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from pgserver._commands import POSTGRES_BIN_PATH
from psycopg.conninfo import make_conninfo
from pydantic import SecretStr

from adapters import embedded
from adapters.auth import build_verifier, issue_dev_token
from adapters.database import ensure_database, eventsourcing_env
from adapters.settings import Settings
from api.app import create_app
from tests.conftest import ReadModels
from tests.ops.processes import STARTUP_SECONDS, free_port

DBNAME = "planspor"
COORDINATOR: dict[str, Any] = {
    "person_id": "k-100",
    "name": "Kari Koordinator",
    "role": "coordinating_unit",
    "municipality": "5001",
}


@dataclass
class Cluster:
    primary: str
    replica: str


def _as_postgres_user() -> dict[str, object]:
    """pgserver runs PostgreSQL as user `pgserver` when we are root (initdb refuses root)."""
    return {"user": "pgserver"} if os.geteuid() == 0 else {}


def _pg(command: str, *args: str) -> None:
    done = subprocess.run(
        [str(POSTGRES_BIN_PATH / command), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        **_as_postgres_user(),  # type: ignore[call-overload]
    )
    assert done.returncode == 0, f"{command}: {done.stderr}"


def _wait_for_standby(url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with psycopg.connect(url) as conn:
                row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
                if row and row[0]:
                    return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


@pytest.fixture
def servers() -> Iterator[Path]:
    """A directory of our own: pytest's basetemp is pruned by other sessions on a shared host,
    and the server's user must be able to reach it."""
    path = Path(tempfile.mkdtemp(prefix="planspor-replica-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def cluster(servers: Path) -> Iterator[Cluster]:
    tmp_path = servers
    admin = embedded.join(tmp_path / "primary")  # the primary: pgserver's own server
    ensure_database(admin, DBNAME)
    primary = admin.replace("/postgres?", f"/{DBNAME}?", 1)
    socket = embedded.pgdata(tmp_path / "primary")
    standby = tmp_path / "standby"
    standby.mkdir()
    if os.geteuid() == 0:
        account = pwd.getpwnam("pgserver")
        os.chown(standby, account.pw_uid, account.pw_gid)
    data, port = standby / "pgdata", free_port()
    _pg(
        "pg_basebackup",
        "-h",
        str(socket),
        "-U",
        "postgres",
        "-D",
        str(data),
        "-R",
        "-X",
        "stream",
        "-c",
        "fast",
    )
    options = f"-p {port} -k {standby} -c listen_addresses=''"
    _pg("pg_ctl", "-D", str(data), "-o", options, "-l", str(standby / "log"), "-w", "start")
    try:
        replica = make_conninfo(dbname=DBNAME, host=str(standby), port=port, user="postgres")
        _wait_for_standby(replica)
        yield Cluster(primary=primary, replica=replica)
    finally:
        _pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        embedded.leave(tmp_path / "primary")
        shutil.rmtree(standby, ignore_errors=True)


def _replay(cluster: Cluster, action: str) -> None:
    with psycopg.connect(cluster.replica, autocommit=True) as conn:
        conn.execute(f"SELECT pg_wal_replay_{action}()")


def _reads_on(url: str) -> int:
    """Connections the API's read pool holds open on the server at `url`."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
            " AND application_name = 'planspor-reads'",
            [DBNAME],
        ).fetchone()
        return int(row[0]) if row else 0


def test_reads_go_to_the_replica_and_min_position_keeps_read_your_writes(
    cluster: Cluster, servers: Path
) -> None:
    replica = cluster.replica + " application_name=planspor-reads"
    settings = Settings(
        data_dir=servers,
        database_url=SecretStr(cluster.primary),
        database_replica_url=SecretStr(replica),
    )
    runner = ReadModels(eventsourcing_env(settings, cluster.primary))  # the runner: the primary
    headers = {"Authorization": f"Bearer {issue_dev_token(settings, **COORDINATOR)}"}
    app = create_app(settings, verifier=build_verifier(settings))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            plan = client.post(
                "/plans",
                json={
                    "municipality": "5001",
                    "responsible_unit": {"unit_id": "ke", "name": "Enhet ke"},
                    "subject": {"name": "Ola Nordmann", "national_id": "15076500565"},
                    "source": "gp",
                },
                headers=headers,
            ).json()["plan_id"]
            runner.catch_up()
            _replay(cluster, "pause")  # the replica stops applying what the primary writes
            written = client.post(f"/plans/{plan}/user-information", json={}, headers=headers)
            assert written.status_code in (200, 201), written.text
            runner.catch_up()  # the history model on the primary has the write
            at = {"min_position": written.json()["position"]}
            behind = client.get(f"/plans/{plan}/history", params=at | {"wait": 0}, headers=headers)
            assert behind.status_code == 503 and behind.json()["rule"] == "read-model-behind"
            assert _reads_on(cluster.replica) >= 1 and _reads_on(cluster.primary) == 0
            _replay(cluster, "resume")
            read = client.get(f"/plans/{plan}/history", params=at | {"wait": 10}, headers=headers)
            assert read.status_code == 200, read.text
            labels = [item["label"] for item in read.json()["items"]]
            assert labels[-1] == "Bruker informert om rettigheter"
    finally:
        runner.close()
