"""A fresh start never races: any number of API servers and runners started at the same moment
on an empty data directory (embedded PostgreSQL) or an empty database all come up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from adapters.database import ensure_database, open_planspor
from adapters.readmodels.catalog import MODELS
from adapters.readmodels.reads import ReadStore
from adapters.readmodels.runner import active_views
from adapters.settings import Settings
from application.service import Planspor
from tests.conftest import _server_url
from tests.ops.processes import (
    ROOT,
    environment,
    free_ports,
    postgres_of,
    start,
    survivors,
    wait_for_health,
)

AT_ONCE = 4


def _all_at_once(task: Callable[[], object]) -> None:
    """Run `task` on AT_ONCE threads together (each with its own connections); all must succeed."""
    with ThreadPoolExecutor(AT_ONCE) as pool:
        for future in [pool.submit(task) for _ in range(AT_ONCE)]:
            future.result()


def test_many_creators_of_one_database_at_once_all_succeed() -> None:
    admin = _server_url()
    for _ in range(5):
        name = f"planspor_race_{uuid.uuid4().hex[:8]}"
        try:
            _all_at_once(partial(ensure_database, admin, name))
            with psycopg.connect(admin) as conn:
                found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                assert found.fetchone() is not None
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


ONE_CONNECTION = Settings(db_pool_size=1)  # per pool: the test server is shared


def _open_and_close(url: str) -> None:
    open_planspor(ONE_CONNECTION, url).close()


def _read_side(url: str, env: dict[str, str]) -> None:
    ReadStore(url, size=1).close()
    for view in active_views(env, list(MODELS)).values():
        view.datastore.close()


def test_many_processes_creating_the_tables_of_an_empty_database_at_once_all_succeed(
    pg_url: str, pg_env: dict[str, str]
) -> None:
    for _ in range(3):
        _all_at_once(lambda: _open_and_close(pg_url))
        _all_at_once(lambda: _read_side(pg_url, pg_env | {"POSTGRES_POOL_SIZE": "1"}))
        planspor = Planspor(env=pg_env)
        assert planspor.recorder.max_notification_id() is None  # the tables are there, empty
        planspor.close()
        with psycopg.connect(pg_url, autocommit=True) as conn:  # empty again for the next round
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")


def _start_together(data_dir: Path, url: str | None) -> None:
    env = environment(data_dir, url)
    ports = free_ports(2)
    commands = [["serve", "--port", str(port)] for port in ports] + [["project", "run"]] * 2
    started = [start(command, env, data_dir / "processes.log") for command in commands]
    try:
        for port, server in zip(ports, started, strict=False):
            health = wait_for_health(port, server, built=True, log=data_dir / "processes.log")
            assert health["read_models_not_built"] == []
        for process in started:
            assert process.poll() is None, (data_dir / "processes.log").read_text()[-3000:]
    finally:
        for process in started:
            process.send_signal(signal.SIGTERM)
        codes = [_wait(process) for process in started]
    assert codes == [0] * len(started), (data_dir / "processes.log").read_text()[-3000:]
    assert survivors(postgres_of(data_dir)) == []


def _wait(process: subprocess.Popen[bytes]) -> int | None:
    try:
        return process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        return None


@pytest.mark.parametrize("round_", [1, 2, 3])
def test_servers_and_runners_started_at_once_on_an_empty_data_directory_all_come_up(
    tmp_path: Path, round_: int
) -> None:
    _start_together(tmp_path, None)


def test_servers_and_runners_started_at_once_on_an_empty_database_all_come_up(
    tmp_path: Path, pg_url: str, pg_env: dict[str, str]
) -> None:
    _start_together(tmp_path, pg_url)


def test_a_restart_finds_its_read_models_current_whatever_the_hash_seed() -> None:
    """A runner compares the live build's fingerprint with its own; one that changed with the
    process's hash seed made restarts rebuild read models (and racing runners rebuild twice)."""
    script = (
        "from adapters.readmodels.catalog import MODELS, fingerprint\n"
        "print([fingerprint(model) for model in MODELS])"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(1, 9)
    }
    assert len(seen) == 1, seen


JOIN = """
import sys, time
from pathlib import Path
from adapters import embedded
data_dir = Path(sys.argv[1])
embedded.join(data_dir)
time.sleep(1)  # all of them use the server at once
embedded.leave(data_dir)
"""


@pytest.mark.parametrize("round_", [1, 2])
def test_processes_with_different_environments_start_one_embedded_server_together(
    tmp_path: Path, round_: int
) -> None:
    """pgserver's own start lock lies in a runtime directory chosen by the environment
    (XDG_RUNTIME_DIR, TMPDIR): processes started from different environments on one empty data
    directory (a runner under systemd, an API from a shell) once all but one died in initdb."""
    data_dir = tmp_path / "var"
    started = []
    for n in range(AT_ONCE):
        own = tmp_path / f"env-{n}"
        own.mkdir(mode=0o700)
        env = environment(data_dir, TMPDIR=str(own), XDG_RUNTIME_DIR=str(own))
        log = tmp_path / f"join-{n}.log"
        with log.open("wb") as out:
            command = [sys.executable, "-c", JOIN, str(data_dir)]
            started.append(
                (subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out), log)
            )
    codes = [_wait(process) for process, _ in started]
    logs = "\n".join(log.read_text(errors="replace")[-1500:] for _, log in started)
    assert codes == [0] * AT_ONCE, logs
    assert survivors(postgres_of(data_dir)) == []
