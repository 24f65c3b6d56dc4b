"""The embedded PostgreSQL (development): one server per data directory, shared by processes.

pgserver counts the processes using a server in `pgdata/.handle_pids.json` and stops the server
when the last one leaves. A process that was killed never leaves, and its pid would keep the
server running forever (and the next clean run unable to stop it): dead pids are forgotten
before joining and before leaving. `leave` stops the server now if this process was its last user.

pgserver serialises starting a server with a lock file under the user's runtime directory, whose
place depends on the environment (`XDG_RUNTIME_DIR`, `TMPDIR`): two processes on one data
directory started with different environments (a runner under systemd beside an API started from
a shell) would not exclude each other, and all but one died in `initdb`. Joining and leaving
therefore also hold an exclusive lock on a file in the data directory itself (`data_dir_lock`).
"""

from __future__ import annotations

import atexit
import fcntl
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pgserver.postgres_server import PostgresServer

_joined: dict[Path, PostgresServer] = {}


def pgdata(data_dir: Path) -> Path:
    return data_dir.resolve() / "pgdata"


@contextmanager
def data_dir_lock(data_dir: Path) -> Iterator[None]:
    """Hold the exclusive lock of `data_dir`'s embedded server (blocks until it is free).

    A `flock` on a file beside `pgdata/` (initdb wants `pgdata/` empty): it excludes every other
    process and thread that holds it, whatever their environment, and is let go if the process
    dies."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir.resolve() / ".pgdata.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def join(data_dir: Path) -> str:
    """Start the server of `data_dir` or join the running one; return its admin URL."""
    path = pgdata(data_dir)
    with data_dir_lock(data_dir):
        path.mkdir(parents=True, exist_ok=True)  # pgserver's own mkdir fails if another wins
        server_class = _server_class()
        with server_class._lock:
            forget_dead_users(path)
        server = _joined.get(path)
        if server is None:
            from pgserver.postgres_server import get_server  # noqa: PLC0415  (only when embedded)

            server = _joined[path] = get_server(path, cleanup_mode="stop")
            atexit.register(leave, data_dir)  # before pgserver's own exit hook, under the lock
        return str(server.get_uri())


def leave(data_dir: Path) -> None:
    """Stop using the server of `data_dir`; it stops if no other live process uses it."""
    path = pgdata(data_dir)
    server = _joined.pop(path, None)
    if server is None:
        return
    with data_dir_lock(data_dir):
        with _server_class()._lock:
            forget_dead_users(path)
        server.cleanup()  # pgserver: removes this pid, stops the server if it was the last


def users(path: Path) -> list[int]:
    """The pids pgserver has recorded as using the server in `path` (a pgdata directory)."""
    from pgserver.utils import DiskList  # noqa: PLC0415

    return DiskList(path / ".handle_pids.json").get()


def forget_dead_users(path: Path) -> None:
    """Drop pids of processes that no longer run (call with pgserver's lock held)."""
    from pgserver.utils import DiskList, process_is_running  # noqa: PLC0415

    handles = DiskList(path / ".handle_pids.json")
    alive = [pid for pid in handles.get() if process_is_running(pid)]
    if alive != handles.get():
        handles.put(alive)


def _server_class() -> type[PostgresServer]:
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from pgserver.postgres_server import PostgresServer  # noqa: PLC0415

    return PostgresServer
