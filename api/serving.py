"""`planspor serve`: the API, the read-model runner and the embedded PostgreSQL as one service.

Start: this process creates (or checks) the database and its tables once, loads the demo if
asked, then starts the runner and the API, which are given the database's URL and never start a
server of their own. Stop: SIGTERM or SIGINT stops the API (uvicorn's graceful shutdown), then
the runner (SIGTERM; SIGKILL after a grace period), then the embedded PostgreSQL unless another
live process still uses it. Python's default SIGTERM ends a process without running `finally`
blocks, so both signals are turned into `Stopped`, which unwinds every step in reverse order.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from types import FrameType

import structlog
import uvicorn

from adapters import embedded
from adapters.database import open_planspor, start_embedded
from adapters.settings import Settings

log = structlog.get_logger("planspor.serve")
SIGNALS = (signal.SIGTERM, signal.SIGINT)
RUNNER_GRACE_SECONDS = 15.0
READY_TIMEOUT_SECONDS = 300.0


class Stopped(Exception):
    """SIGTERM or SIGINT arrived: stop everything this service started, in reverse order."""


@dataclass(frozen=True)
class Service:
    host: str
    port: int
    workers: int = 1
    demo: bool = False
    projections: bool = False


def run(settings: Settings, service: Service, load_demo: Callable[[Settings], None]) -> None:
    with stop_on_signals(), database(settings) as url, children_use(url):
        open_planspor(settings, url).close()  # the event tables, once, before any child starts
        if service.demo:
            load_demo(settings)
        with runner_process() if service.projections else nullcontext() as runner:
            announce_when_ready(settings, service, runner)
            uvicorn.run(
                "api.app:create_app",
                factory=True,
                host=service.host,
                port=service.port,
                workers=service.workers,
                log_config=None,
                access_log=False,
                timeout_graceful_shutdown=10,
            )


@contextmanager
def stop_on_signals() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        for sig in SIGNALS:  # one stop at a time: later signals wait for this one to finish
            signal.signal(sig, signal.SIG_IGN)
        raise Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in SIGNALS}
    try:
        yield
    except Stopped as stopped:
        log.info("stopped", signal=str(stopped))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def database(settings: Settings) -> Iterator[str]:
    """The database URL; an embedded server started here is left (and stopped) at the end."""
    if settings.database_url is not None:
        yield settings.database_url.get_secret_value()
        return
    try:
        yield start_embedded(settings.data_dir)
    finally:
        embedded.leave(settings.data_dir)
        log.info("embedded_postgresql_left")


@contextmanager
def children_use(url: str) -> Iterator[None]:
    """API workers and the runner connect to `url` instead of starting a server themselves."""
    before = os.environ.get("PLANSPOR_DATABASE_URL")
    os.environ["PLANSPOR_DATABASE_URL"] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PLANSPOR_DATABASE_URL", None)
        else:
            os.environ["PLANSPOR_DATABASE_URL"] = before


@contextmanager
def runner_process() -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen([sys.executable, "-m", "api", "project", "run"])
    try:
        yield child
    finally:
        stop_process(child, RUNNER_GRACE_SECONDS)


def stop_process(child: subprocess.Popen[bytes], grace: float) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(grace)
        except subprocess.TimeoutExpired:
            log.warning("runner_killed", after_seconds=grace)
            child.kill()
            child.wait()
    log.info("runner_stopped", exit_code=child.returncode)


def announce_when_ready(
    settings: Settings, service: Service, runner: subprocess.Popen[bytes] | None
) -> None:
    """Print where to go once the API answers and, with --projections, the read models have
    caught up with the log (from a thread: uvicorn.run blocks)."""
    probe = "127.0.0.1" if service.host in ("0.0.0.0", "::", "") else service.host  # noqa: S104
    url = f"http://{probe}:{service.port}"
    thread = threading.Thread(target=_announce, args=(settings, url, service, runner), daemon=True)
    thread.start()


def _announce(
    settings: Settings, url: str, service: Service, runner: subprocess.Popen[bytes] | None
) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while not _ready(url, service.projections):
        if runner is not None and runner.poll() is not None:
            log.error("runner_exited", exit_code=runner.returncode)
            print(f"The read-model runner exited ({runner.returncode}); see the log.", flush=True)
            return
        if time.monotonic() > deadline:
            return
        time.sleep(0.25)
    print(ready_message(settings, url, service.projections), flush=True)


def _ready(url: str, projections: bool) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:  # noqa: S310
            health = json.load(answer)
    except (OSError, ValueError):
        return False
    models = health.get("read_models", {}).values()
    caught_up = health.get("status") == "ok" and all(m["lag"] == 0 for m in models)
    return caught_up or not projections


def ready_message(settings: Settings, url: str, projections: bool = True) -> str:
    lines = [f"Planspor is ready on {url}", f"  API documentation: {url}/docs"]
    if not projections:
        lines.append("  read models: not run here; start them with `planspor project run`")
    if settings.is_development:
        lines += [
            f"  log in (development): {url}/login",
            "  a token for the API:  .venv/bin/planspor token --role koordinator --person k-100 "
            '--name "Kari Koordinator" --municipality 5001',
        ]
    lines += [f"  health: {url}/health", "  stop: Ctrl-C (or SIGTERM)"]
    return "\n".join(lines)
