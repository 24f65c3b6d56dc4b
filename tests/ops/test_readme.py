"""Every command in the README works when pasted, in order: the README's `bash` blocks run in one
shell against a started `planspor serve --demo --projections` (what `make run` starts) on a free
port and a fresh database, from a directory laid out like a fresh clone. Each `curl` fails on an
error status, and the shell stops at the first command that fails."""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path

from tests.ops.processes import ROOT, environment, free_port, start, wait_for_output

BLOCK = re.compile(r"^```bash\n(.*?)^```", re.DOTALL | re.MULTILINE)
STRICT = """set -euo pipefail
curl() { command curl --fail-with-body --show-error "$@"; }
"""


def readme_blocks() -> list[str]:
    return BLOCK.findall((ROOT / "README.md").read_text())


def test_the_readme_has_shell_blocks_to_run() -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 2
    assert all("curl" in block for block in blocks)


def test_every_readme_command_works_in_order_against_a_started_server(
    tmp_path: Path, pg_url: str, pg_env: dict[str, str]
) -> None:
    port = free_port()
    env = environment(tmp_path / "var", pg_url, PORT=str(port))
    server = start(["serve", "--demo", "--projections"], env, tmp_path / "serve.log")
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / ".venv").symlink_to(ROOT / ".venv")
    try:
        ready = f"Planspor is ready on http://127.0.0.1:{port}"
        wait_for_output(tmp_path / "serve.log", ready, server)
        shell = subprocess.run(
            ["bash", "-c", STRICT + "\n".join(readme_blocks())],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)
    assert shell.returncode == 0, f"{shell.stderr[-3000:]}\n--- stdout ---\n{shell.stdout[-3000:]}"
    assert (clone / "pack.html").read_text().startswith("<!doctype html>")
