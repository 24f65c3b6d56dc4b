"""Real `planspor` processes for the operations tests: free ports, waiting for readiness,
every process a service left behind (its children and its embedded PostgreSQL)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[2]
PLANSPOR = [sys.executable, "-m", "api"]
STARTUP_SECONDS = 180.0  # bounded waits for a process to come up on a busy machine, not timings


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports: all held open while chosen, so none is handed out twice."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def free_port() -> int:
    return free_ports(1)[0]


def environment(data_dir: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PORT")}
    env.pop("PLANSPOR_DATABASE_URL", None)
    env |= {
        "PLANSPOR_DATA_DIR": str(data_dir),
        "PLANSPOR_LOG_LEVEL": "WARNING",
        "PLANSPOR_DB_POOL_SIZE": "1",  # the test server is shared: open connections on demand
        **extra,
    }
    if database_url:
        env["PLANSPOR_DATABASE_URL"] = database_url
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([*PLANSPOR, *args], env=env, cwd=ROOT, stdout=out, stderr=out)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait_for_health(
    port: int, process: subprocess.Popen[bytes], *, built: bool = False, log: Path | None = None
) -> Any:
    """/health once it answers (with every read model built if `built`); fail if it died."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace")[-5000:] if log else ""
            raise AssertionError(f"exited with {process.returncode} before it came up\n{output}")
        try:
            status, body = get(f"http://127.0.0.1:{port}/health")
        except OSError:
            status, body = 0, None
        if status == 200 and (not built or body["status"] == "ok"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"no healthy answer on port {port} within {STARTUP_SECONDS} s")


def wait_for_output(log: Path, text: str, process: subprocess.Popen[bytes]) -> str:
    """The process's output once it contains `text`; fail if the process died first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if text in output:
            return output
        assert process.poll() is None, f"exited with {process.returncode}: {output[-3000:]}"
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not printed within {STARTUP_SECONDS} s")


def postgres_of(data_dir: Path) -> list[psutil.Process]:
    """The embedded PostgreSQL of `data_dir` and its backends, if it runs."""
    pgdata = str((data_dir / "pgdata").resolve())
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if pgdata in " ".join(process.info["cmdline"] or []):
            found.append(process)
            found.extend(process.children(recursive=True))
    return found


def tree(process: subprocess.Popen[bytes], data_dir: Path) -> list[psutil.Process]:
    """The process, its descendants (API workers, runner) and the embedded PostgreSQL."""
    root = psutil.Process(process.pid)
    return [root, *root.children(recursive=True), *postgres_of(data_dir)]


def survivors(processes: list[psutil.Process], timeout: float = 60.0) -> list[str]:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    left = []
    for process in alive:
        with suppress(psutil.NoSuchProcess):
            if process.status() != psutil.STATUS_ZOMBIE:
                left.append(f"{process.pid}: {' '.join(process.cmdline())}")
    return left


def handle_pids(data_dir: Path) -> list[int]:
    path = data_dir / "pgdata" / ".handle_pids.json"
    return json.loads(path.read_text()) if path.exists() else []
