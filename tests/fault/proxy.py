"""A TCP proxy between Planspor and PostgreSQL that cuts connections at the worst moments: just
before a COMMIT reaches the server (the write is lost), or just after (it is stored, but the
client never hears so); and, for restarts, every connection at once while refusing new ones."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections import Counter


class CuttingProxy:
    def __init__(self, target: tuple[str, int], seed: int, before: float, after: float) -> None:
        self.target, self.rng = target, random.Random(seed)
        self.before, self.after = before, after
        self.cutting, self.refusing = False, False
        self.cuts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.pairs: set[tuple[socket.socket, socket.socket]] = set()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                continue
            upstream = _connect(self.target)
            pair = (client, upstream)
            with self.lock:
                self.pairs.add(pair)
            doomed = threading.Event()
            threading.Thread(target=self._up, args=(pair, doomed), daemon=True).start()
            threading.Thread(target=self._down, args=(pair, doomed), daemon=True).start()

    def _up(self, pair: tuple[socket.socket, socket.socket], doomed: threading.Event) -> None:
        client, upstream = pair
        while data := _recv(client):
            if self.cutting and b"COMMIT" in data:
                with self.lock:
                    draw = self.rng.random()
                if draw < self.before:
                    self.cuts["before commit"] += 1
                    break
                if draw < self.before + self.after:
                    self.cuts["after commit"] += 1
                    doomed.set()
            try:
                upstream.sendall(data)
            except OSError:
                break
        self._close(pair)

    def _down(self, pair: tuple[socket.socket, socket.socket], doomed: threading.Event) -> None:
        client, upstream = pair
        while (data := _recv(upstream)) and not doomed.is_set():
            try:
                client.sendall(data)
            except OSError:
                break
        self._close(pair)

    def _close(self, pair: tuple[socket.socket, socket.socket]) -> None:
        with self.lock:
            self.pairs.discard(pair)
        for end in pair:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def restart(self, down: float = 0.0) -> None:
        """What a PostgreSQL restart looks like from outside: every connection is cut, and for
        `down` seconds new ones are refused."""
        self.cuts["restart"] += 1
        self.refusing = True
        with self.lock:
            pairs = list(self.pairs)
        for pair in pairs:
            self._close(pair)
        threading.Event().wait(down)
        self.refusing = False

    def close(self) -> None:
        self.server.close()
        self.restart()


def _connect(target: tuple[str, int]) -> socket.socket:
    """TCP, or the Unix socket of a server given by its socket directory (the embedded one)."""
    host, port = target
    if host.startswith("/"):
        unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        unix.connect(f"{host}/.s.PGSQL.{port}")
        return unix
    return socket.create_connection(target)


def _recv(end: socket.socket) -> bytes:
    try:
        return end.recv(65536)
    except OSError:
        return b""
