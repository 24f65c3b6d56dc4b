"""SIGTERM (what systemd, a container runtime and `kill` send) and SIGINT (Ctrl-C) to a real
`planspor serve --projections` stop the API, the runner and the embedded PostgreSQL: no process
of it survives, no pid is left in pgserver's list, and the next start on the same data
directory works and stops too — even after a user of the server was killed without leaving."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from tests.ops.processes import (
    environment,
    free_port,
    handle_pids,
    postgres_of,
    start,
    survivors,
    tree,
    wait_for_health,
    wait_for_output,
)


def _serve_then_stop(data_dir: Path, sig: signal.Signals) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    serve = start(
        ["serve", "--projections", "--port", str(port)],
        environment(data_dir),
        data_dir / "serve.log",
    )
    try:
        health = wait_for_health(port, serve, built=True)
        assert set(health["read_models"]) == {"plans", "history", "virksom", "complaints"}
        processes = tree(serve, data_dir)
        assert any("project run" in " ".join(p.cmdline()) for p in processes), "no runner"
        assert postgres_of(data_dir), "no embedded PostgreSQL"
        said = wait_for_output(data_dir / "serve.log", f"Planspor is ready on {url}", serve)
        assert f"{url}/login" in said  # where to log in, and how to get a token for the API
        assert "planspor token --role" in said
        serve.send_signal(sig)
        assert serve.wait(timeout=120) == 0, (data_dir / "serve.log").read_text()[-3000:]
    finally:
        if serve.poll() is None:
            serve.kill()
    assert survivors(processes) == []
    assert not (data_dir / "pgdata" / "postmaster.pid").exists()
    assert handle_pids(data_dir) == []


def _a_pid_that_no_longer_runs() -> int:
    gone = subprocess.Popen(["true"])
    gone.wait()
    return gone.pid


def test_sigterm_and_sigint_stop_api_runner_and_embedded_postgresql_and_a_restart_works(
    tmp_path: Path,
) -> None:
    _serve_then_stop(tmp_path, signal.SIGTERM)
    # a process that used the server was killed without leaving (SIGKILL, power loss)
    (tmp_path / "pgdata" / ".handle_pids.json").write_text(f"[{_a_pid_that_no_longer_runs()}]")
    _serve_then_stop(tmp_path, signal.SIGINT)
