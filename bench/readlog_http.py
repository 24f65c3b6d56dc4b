"""What the read log costs a caller: the same content reads over HTTP against two servers started
the same way on the same database, one as shipped and one whose read log records nothing, the
calls interleaved one by one (so both see the same machine), ≥ 100 each.

The second server exists only here: `python -m bench.readlog_http serve --no-record` is a bench
harness (`bench/` is not part of the installed package), never a setting of the product, where a
read whose record cannot be written is refused.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx2
import uvicorn
from fastapi import FastAPI

from adapters.database import open_planspor
from adapters.settings import Settings
from api.app import create_app
from bench import latency
from domain.read_log import ReadRecord


class _NoRecord:
    """A read log that keeps nothing: only for the "without" side of this measurement."""

    def open(self, legacy_topic: str, decode: Any) -> int:
        return 0

    def record(self, entry: ReadRecord) -> None:
        return None

    def close(self) -> None:
        return None


def app_without_record() -> FastAPI:
    settings = Settings()
    planspor = open_planspor(settings)
    planspor.read_log.close()
    planspor.read_log = _NoRecord()
    return create_app(settings, planspor=planspor)


def app_as_shipped() -> FastAPI:
    return create_app(Settings())


def _reads(target: dict[str, Any]) -> dict[str, latency.Call]:
    plan = f"/plans/{target['plan_id']}"
    whole = {"from": "2000-01-01", "to": "2099-12-31"}
    return {
        "plan": latency.get(plan),
        "plan_as_of": latency.get(plan, {"as_of": target["as_of"]}),
        "evidence_pack": latency.get(f"{plan}/evidence-pack", whole),
    }


def measure(
    env: dict[str, str], target: dict[str, Any], data_dir: Path, requests: int = 100
) -> dict[str, Any]:
    """Per read: p50/p99 with and without the record, and their ratio (p50 with ÷ without)."""
    module = ("bench.readlog_http", "serve")
    servers = {
        record: latency.serve(env, data_dir, (*module, "--record" if record else "--no-record"))
        for record in (False, True)
    }
    headers = latency.token(data_dir, target["municipality"])
    try:
        clients = {
            record: httpx2.Client(base_url=base, headers=headers, timeout=60)
            for record, (_, base) in servers.items()
        }
        result = {}
        for name, call in _reads(target).items():
            took: dict[bool, list[float]] = {False: [], True: []}
            with latency.quiet_client():
                for turn in range(requests + 1):
                    order = (False, True) if turn % 2 else (True, False)  # neither always first
                    for record in order:
                        began = time.perf_counter()
                        call(clients[record])
                        if turn:  # the first turn warms both up
                            took[record].append((time.perf_counter() - began) * 1000)
            without, with_ = latency.summary(took[False]), latency.summary(took[True])
            result[name] = {
                "without_record": without,
                "with_record": with_,
                "ratio": with_["p50_ms"] / without["p50_ms"],
                "ratio_p99": with_["p99_ms"] / without["p99_ms"],
            }
        for client in clients.values():
            client.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return {"requests": requests, "reads": result}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.readlog_http", description=__doc__)
    parser.add_argument("command", choices=("serve",))
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--record", action="store_true", help="the server as shipped")
    side.add_argument("--no-record", action="store_true", help="its read log keeps nothing")
    args = parser.parse_args()
    factory = app_without_record if args.no_record else app_as_shipped
    uvicorn.run(
        factory,
        factory=True,
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        log_config=None,
        access_log=False,
    )


if __name__ == "__main__":
    main()
