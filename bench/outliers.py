"""Where a slow call's time goes: client time against the server's own time for each request,
the server's CPU, and what PostgreSQL was doing in the background (autovacuum, checkpoints).

    python -m bench.outliers DATABASE_URL [--calls 200] [--read history|audit|count|as_of]
                             [--out FILE]

Makes `--calls` reads, as `make bench` makes them: the whole history of the largest plan (pages of
500; the default), the audit trail with three filters (`audit`), the virksom count of the largest
municipality (`count`) or the largest plan as of a new instant each call (`as_of`), one after the
other on one long-running server whose access log it keeps. Each request carries its own request
id, so the client's time for it is set against the server's `duration_ms` (from the request's
arrival to the end of its response) for the same request. Before and after each call it samples
`pg_stat_activity` (autovacuum workers) and `pg_stat_bgwriter` (checkpoints, buffers written by
them), and times this process's own garbage collection; the server logs its own slow collections
(`slow_collection`), which the report lists with the request they fell in, and its peak memory.
A call is slow when it took more than twice the median. The calls are then made again with the
client's collector off (`latency.quiet_client`, as `make bench` measures).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import psycopg
from psycopg.rows import dict_row

from adapters.database import eventsourcing_env
from adapters.settings import Settings
from bench import latency

DATA = Path(__file__).resolve().parent.parent / "var" / "bench"
BACKGROUND = """
SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker')
         AS autovacuum,
       (SELECT coalesce(string_agg(relid::regclass::text, ','), '') FROM pg_stat_progress_vacuum)
         AS vacuuming,
       checkpoints_timed + checkpoints_req AS checkpoints,
       buffers_checkpoint
FROM pg_stat_bgwriter
"""


Read = Callable[[httpx2.Client, str], tuple[list[str], list[float]]]


def probe(url: str, calls: int, read: str = "history") -> dict[str, Any]:
    env = eventsourcing_env(Settings(), url)
    target = latency.targets(env)
    chosen = _reads(target)[read]
    with tempfile.NamedTemporaryFile(prefix="planspor-outliers-", suffix=".log") as log:
        server, base = latency.serve(env, DATA, log=log)
        try:
            headers = latency.token(DATA, target["municipality"])
            with (
                httpx2.Client(base_url=base, headers=headers, timeout=60) as client,
                psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn,
            ):
                chosen(client, "warm")
                rows = [_call(client, conn, chosen, n) for n in range(calls)]
                with latency.quiet_client():  # the same calls, the client's collector off
                    quiet = [_call(client, conn, chosen, -n - 1) for n in range(calls)]
            peak_rss_mb = _peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        durations = _durations(Path(log.name))
        collections = _slow_collections(Path(log.name))
    for row in [*rows, *quiet]:
        ids = row.pop("ids")
        row["server_ms"] = sum(durations.get(rid, float("nan")) for rid in ids)
        row["server_slow_collections_ms"] = [c["ms"] for c in collections if c["request"] in ids]
    return {
        "read": read,
        "plan_events": target["events"],
        "server_slow_collections": collections,
        "server_peak_rss_mb": peak_rss_mb,
        "client_collector_on": _report(rows),
        "client_collector_off": _report(quiet),
    }


class _Collections:
    """Time this (client) process spent in garbage collection, by generation."""

    def __init__(self) -> None:
        self.ms = [0.0, 0.0, 0.0]
        self._began = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.ms[info["generation"]] += (time.perf_counter() - self._began) * 1000

    def taken(self) -> list[float]:
        return list(self.ms)


COLLECTIONS = _Collections()


def _call(client: httpx2.Client, conn: Any, read: Read, number: int) -> dict[str, Any]:
    before = conn.execute(BACKGROUND).fetchone()
    cpu = latency.server_cpu_ms()
    collected = COLLECTIONS.taken()
    began = time.perf_counter()
    ids, pages = read(client, f"o{number}")
    took = (time.perf_counter() - began) * 1000
    cpu = latency.server_cpu_ms() - cpu
    client_gc = [b - a for a, b in zip(collected, COLLECTIONS.taken(), strict=True)]
    after = conn.execute(BACKGROUND).fetchone()
    return {
        "call": number,
        "client_ms": took,
        "client_gc_ms": client_gc,
        "pages_ms": pages,
        "server_cpu_ms": cpu,
        "ids": ids,
        "autovacuum": max(before["autovacuum"], after["autovacuum"]),
        "vacuuming": ",".join(
            sorted({*before["vacuuming"].split(","), *after["vacuuming"].split(",")} - {""})
        ),
        "checkpoint_buffers": after["buffers_checkpoint"] - before["buffers_checkpoint"],
        "checkpoints": after["checkpoints"] - before["checkpoints"],
    }


def _reads(target: dict[str, Any]) -> dict[str, Read]:
    """The reads a probe can make, asked as `make bench` asks them."""
    audit, count = latency.audit_query(target), latency.COUNTS
    plan = f"/plans/{target['plan_id']}"
    shuffled = random.Random(7).sample(target["instants"], len(target["instants"]))  # noqa: S311
    instants = itertools.cycle(shuffled)
    return {
        "as_of": lambda client, tag: _one(client, plan, {"as_of": next(instants)}, tag),
        "history": lambda client, tag: _whole_history(client, target["plan_id"], tag),
        "audit": lambda client, tag: _one(client, "/audit-trail", audit, tag),
        "count": lambda client, tag: _one(client, "/statistics/virksomme-planer", count, tag),
    }


def _one(
    client: httpx2.Client, path: str, params: dict[str, Any], tag: str
) -> tuple[list[str], list[float]]:
    began = time.perf_counter()
    client.get(path, params=params, headers={"x-request-id": tag}).raise_for_status()
    return [tag], [(time.perf_counter() - began) * 1000]


def _whole_history(client: httpx2.Client, plan_id: str, tag: str) -> tuple[list[str], list[float]]:
    """Every page of the plan's history; the request id and the client's time of each page."""
    cursor, ids, pages = None, list[str](), list[float]()
    while True:
        request_id = f"{tag}p{len(ids)}"
        params: dict[str, Any] = {"limit": 500} | ({"cursor": cursor} if cursor else {})
        began = time.perf_counter()
        page = client.get(
            f"/plans/{plan_id}/history", params=params, headers={"x-request-id": request_id}
        )
        page.raise_for_status()
        cursor = page.json()["next_cursor"]
        pages.append((time.perf_counter() - began) * 1000)
        ids.append(request_id)
        if not cursor:
            return ids, pages


def _durations(log: Path) -> dict[str, float]:
    """request id → the server's `duration_ms`, from its access log."""
    found = {}
    for line in log.read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "request" and "duration_ms" in record:
            found[record["request_id"]] = float(record["duration_ms"])
    return found


def _peak_rss_mb(pid: int) -> float:
    """The server process's peak resident memory so far (`VmHWM`), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _slow_collections(log: Path) -> list[dict[str, Any]]:
    """The server's `slow_collection` records (api/app.py), with the request they delayed."""
    found = []
    for line in log.read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "slow_collection":
            found.append(
                {
                    "request": record.get("request_id"),
                    "generation": record.get("generation"),
                    "ms": record.get("ms"),
                }
            )
    return found


def _report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    median = statistics.median(r["client_ms"] for r in rows)
    slow = [r for r in rows if r["client_ms"] > 2 * median]
    quiet = [r for r in rows if not r["autovacuum"] and not r["checkpoint_buffers"]]
    busy = [r for r in rows if r["autovacuum"] or r["checkpoint_buffers"]]
    return {
        "calls": len(rows),
        "client": latency.summary([r["client_ms"] for r in rows]),
        "server": latency.summary([r["server_ms"] for r in rows]),
        "server_cpu_ms_median": statistics.median(r["server_cpu_ms"] for r in rows),
        "slow_calls": len(slow),
        "slow_with_client_full_collection": sum(1 for r in slow if r["client_gc_ms"][2] > 0),
        "slow_with_background_work": sum(
            1 for r in slow if r["autovacuum"] or r["checkpoint_buffers"]
        ),
        "calls_with_background_work": len(busy),
        "p50_ms_with_background_work": statistics.median([r["client_ms"] for r in busy])
        if busy
        else None,
        "p50_ms_without": statistics.median([r["client_ms"] for r in quiet]) if quiet else None,
        "slowest": sorted(rows, key=lambda r: -r["client_ms"])[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--read", choices=("history", "audit", "count", "as_of"), default="history")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    at = {"at": datetime.now(UTC).isoformat(timespec="seconds")}
    report = at | probe(args.url, args.calls, args.read)
    text = json.dumps(report, indent=2, default=str)
    if args.out:
        args.out.write_text(text + "\n")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
