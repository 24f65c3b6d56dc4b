"""p50/p95/p99 latency over HTTP, against one long-running `planspor serve` process on the
benchmark data: at least 100 requests per figure, one after the other, and whether p99 stayed
within 2 x p50 (no request got slower as the server kept running)."""

from __future__ import annotations

import gc
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

import httpx2
import psycopg
from psycopg.rows import dict_row

from adapters.auth import issue_dev_token
from adapters.database import conninfo
from adapters.sessions import SessionStore
from adapters.settings import Settings
from api.pages.common import SESSION_COOKIE
from domain.values import AssuranceLevel, Role

Call = Callable[[httpx2.Client], None]
SERVER: dict[str, int] = {}  # the pid of the server being measured


def server_cpu_ms() -> float:
    """CPU time the measured server process has used (user + system), in ms: on a shared
    machine, a figure the other processes do not change."""
    pid = SERVER.get("pid")
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(
    env: dict[str, str],
    data_dir: Path,
    module: tuple[str, ...] = ("api", "serve"),
    log: IO[bytes] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    """`python -m <module…>` on a free port (in `PORT`), once its `/health` answers. With `log`,
    the server writes its access log (one JSON line per request) there."""
    port = _free_port()
    environ = os.environ | {
        "DATABASE_URL": conninfo(env),
        "PLANSPOR_DATA_DIR": str(data_dir),
        "PORT": str(port),
        "PLANSPOR_LOG_LEVEL": "INFO" if log else "WARNING",
    }
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", *module],
        env=environ,
        stdout=log or subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    SERVER["pid"] = process.pid
    for _ in range(300):
        try:
            if httpx2.get(f"{base}/health").status_code == 200:
                return process, base
        except httpx2.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


COUNTS = {"reference_date": "2025-12-31"}
"""The virksom count's question in every figure the bench measures."""

# The plan as of a new instant on each call: the instants of the largest plan's last 100 versions.
# A past version is folded from the plan's first event (application/read_cache.py), so a call
# costs in proportion to the version asked; over instants spread across the plan's whole life
# (until 2026-12-04) the calls ranged from 3 KB of content to 450 KB, p99 came to twice p50 by
# the instants alone, and the first and last tenth compared different instants. These 100 cost
# alike (the plan's full size), so the spread left is the server's.
VARIED = 100


def audit_query(target: dict[str, Any]) -> dict[str, str]:
    """The audit trail with three filters: the busiest actor's `GoalAdded` since 2024."""
    return {
        "actor_id": target["actor_id"],
        "event_type": "GoalAdded",
        "recorded_from": "2024-01-01T00:00:00+00:00",
    }


def token(data_dir: Path, municipality: str, role: Role = Role.COORDINATING_UNIT) -> dict[str, str]:
    jwt = issue_dev_token(
        Settings(data_dir=data_dir),
        person_id="bench",
        name="Bench",
        role=role,
        municipality=municipality,
        ttl=timedelta(hours=4),
    )
    return {"Authorization": f"Bearer {jwt}"}


def supervisor_token(data_dir: Path) -> dict[str, str]:
    """Helsetilsynet's supervisor: every municipality within reach (the national figure)."""
    jwt = issue_dev_token(
        Settings(data_dir=data_dir),
        person_id="bench-tilsyn",
        name="Tilsyn",
        role=Role.SUPERVISOR,
        municipality="0301",
        office="helsetilsynet",
        ttl=timedelta(hours=4),
    )
    return {"Authorization": f"Bearer {jwt}"}


@contextmanager
def quiet_client() -> Iterator[None]:
    """Keep the measuring process's own garbage collection out of the times it takes, as
    `timeit` does: what it holds is collected and frozen before, collection is off during and
    back on after. A client's full collection (~45 ms in `bench.outliers`, more in a process
    holding more) landed inside single calls and made the p99 of reads the server answered
    in a normal time."""
    gc.collect()
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def measure(client: httpx2.Client, call: Call, requests: int) -> dict[str, float]:
    call(client)  # warm up
    took = []
    cpu = server_cpu_ms()
    with quiet_client():
        for _ in range(requests):
            began = time.perf_counter()
            call(client)
            took.append((time.perf_counter() - began) * 1000)
    return summary(took) | {"server_cpu_ms_per_call": (server_cpu_ms() - cpu) / requests}


def summary(took: list[float]) -> dict[str, Any]:
    """p50/p95/p99 of the times in ms, in the order taken (the first and last tenth as well, to
    show a server that slows down as it keeps running)."""
    tenth = max(len(took) // 10, 1)
    first, last = statistics.median(took[:tenth]), statistics.median(took[-tenth:])
    ordered = sorted(took)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "requests": len(took),
        "p50_ms": p50,
        "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
        "p99_ms": p99,
        "mean_ms": statistics.fmean(took),
        "first_tenth_p50_ms": first,
        "last_tenth_p50_ms": last,
        "p99_within_2x_p50": p99 <= 2 * p50,
    }


def page_session(env: dict[str, str], municipality: str) -> dict[str, str]:
    """A logged-in browser session of the coordinating unit, stored as a login stores it."""
    store = SessionStore(conninfo(env), idle=timedelta(hours=4), size=1)
    try:
        raw = store.start(
            {"sub": "bench", "name": "Bench", "role": str(Role.COORDINATING_UNIT),
             "municipality": municipality, "unit": "Koordinerende enhet"},
            str(AssuranceLevel.SUBSTANTIAL),
        )  # fmt: skip
    finally:
        store.pool.close()
    return {"Cookie": f"{SESSION_COOKIE}={raw}"}


def pages(base: str, env: dict[str, str], target: dict[str, Any], requests: int) -> dict[str, Any]:
    """The plan page and the first history page of the largest plan, as a logged-in browser
    gets them (each read is logged first, as for every page)."""
    plan = f"/planer/{target['plan_id']}"
    headers = page_session(env, target["municipality"])
    with httpx2.Client(base_url=base, headers=headers, timeout=120) as client:
        return {
            "plan_page_largest_plan": measure_or_error(client, get(plan), requests),
            "history_page_largest_plan": measure_or_error(
                client, get(f"{plan}/historikk"), requests
            ),
        }


def figures(
    base: str, env: dict[str, str], target: dict[str, Any], requests: int, keys: Path
) -> dict[str, Any]:
    """Issue 11 mh3: the coordinating unit's overview page (/oversikt, with its 12-quarter chart)
    for the largest municipality, in a logged-in session; and the national figure for one date
    (one request, Helsetilsynet's supervisor)."""
    largest = (target["municipalities"] or [{"municipality": target["municipality"]}])[0]
    result: dict[str, Any] = {}
    with httpx2.Client(base_url=base, timeout=120,
                       headers=page_session(env, largest["municipality"])) as client:  # fmt: skip
        result["overview_page_largest_municipality"] = measure_or_error(
            client, get("/oversikt"), requests
        ) | {"municipality": largest["municipality"], "plans": largest.get("plans")}
    with httpx2.Client(base_url=base, headers=supervisor_token(keys), timeout=120) as c:
        result["virksom_national_one_date"] = measure_or_error(
            c, get("/statistics/virksomme-planer/national", {"dates": "2025-12-31"}), requests
        )
    return result


def measure_or_error(client: httpx2.Client, call: Call, requests: int) -> dict[str, Any]:
    """One figure; a read that fails (e.g. its read model is not built) is named, not fatal."""
    try:
        return measure(client, call, requests)
    except httpx2.HTTPStatusError as error:
        return {"error": f"{error.response.status_code} {error.request.url.path}"}


def get(path: str, params: dict[str, Any] | None = None) -> Call:
    def call(client: httpx2.Client) -> None:
        response = client.get(path, params=params)
        response.raise_for_status()

    return call


def cycling(path: str, name: str, values: list[str]) -> Call:
    """A new value of query parameter `name` on each call, in turn (nothing is asked twice in a
    row, so no cache of the answer can serve it), in a fixed shuffled order, so that the first
    and the last tenth of the calls do not ask for systematically different values."""
    turn = iter(range(1 << 62))
    values = random.Random(7).sample(values, len(values))  # noqa: S311  (an order, not a secret)

    def call(client: httpx2.Client) -> None:
        response = client.get(path, params={name: values[next(turn) % len(values)]})
        response.raise_for_status()

    return call


def all_events(plan_id: str) -> Call:
    def call(client: httpx2.Client) -> None:
        after = 0
        while True:
            page = client.get(f"/plans/{plan_id}/events", params={"after": after, "limit": 500})
            page.raise_for_status()
            if (after := page.json()["next_after"]) is None:
                return

    return call


def whole_history(plan_id: str) -> Call:
    def call(client: httpx2.Client) -> None:
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 500} | ({"cursor": cursor} if cursor else {})
            page = client.get(f"/plans/{plan_id}/history", params=params)
            page.raise_for_status()
            if not (cursor := page.json()["next_cursor"]):
                return

    return call


def targets(env: dict[str, str]) -> dict[str, Any]:
    """The largest plan, its midpoint instant, and the busiest actor of its municipality."""
    with psycopg.connect(conninfo(env), row_factory=dict_row) as conn:
        built = conn.execute("SELECT to_regclass('rm_history_entries') AS t").fetchone()
    if built is None or built["t"] is None:
        return targets_from_events(env)
    with psycopg.connect(conninfo(env), row_factory=dict_row) as conn:
        plan = conn.execute(
            "SELECT plan_id, municipality, version FROM rm_plans_plans "
            "ORDER BY version DESC LIMIT 1"
        ).fetchone()
        assert plan is not None
        middle = conn.execute(
            "SELECT recorded_at FROM rm_history_entries WHERE plan_id = %s AND version = %s",
            [plan["plan_id"], plan["version"] // 2],
        ).fetchone()
        spread = conn.execute(  # the instants of its last 100 versions (`VARIED`)
            "SELECT recorded_at FROM rm_history_entries WHERE plan_id = %s AND version > %s "
            "ORDER BY version",
            [plan["plan_id"], plan["version"] - VARIED],
        ).fetchall()
        life = conn.execute(  # 100 instants over the plan's life, one per hundredth
            "SELECT recorded_at FROM rm_history_entries WHERE plan_id = %s "
            "AND version %% greatest(%s / 100, 1) = 0 ORDER BY version LIMIT 100",
            [plan["plan_id"], plan["version"]],
        ).fetchall()
        actor = conn.execute(
            "SELECT actor_id, count(*) FROM rm_history_entries WHERE municipality = %s "
            "GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1",
            [plan["municipality"]],
        ).fetchone()
        municipalities = conn.execute(
            "SELECT municipality, count(*) AS plans FROM rm_plans_plans GROUP BY municipality "
            "ORDER BY count(*) DESC"
        ).fetchall()
    assert middle is not None
    assert actor is not None
    return {
        "plan_id": str(plan["plan_id"]),
        "events": plan["version"],
        "municipality": plan["municipality"],
        "as_of": middle["recorded_at"].isoformat(),
        "instants": [row["recorded_at"].isoformat() for row in spread],
        "instants_over_life": [row["recorded_at"].isoformat() for row in life],
        "actor_id": actor["actor_id"],
        "municipalities": municipalities,
    }


def targets_from_events(env: dict[str, str]) -> dict[str, Any]:
    """The same targets from the event store alone, for a history whose read models are not built
    (the reads that need them are then named as failed): no busiest actor, no municipalities."""
    from application.service import Planspor  # noqa: PLC0415
    from bench.evidence import largest_plan  # noqa: PLC0415

    plan_id, events = largest_plan(env)
    step = max(events // 100, 1)
    app = Planspor(env=env)
    try:
        cached = app.read_cache.current(plan_id)
    finally:
        app.close()
    assert cached is not None
    return {
        "plan_id": str(plan_id),
        "events": events,
        "municipality": cached.plan.municipality,
        "as_of": cached.recorded[events // 2 - 1].isoformat(),
        "instants": [t.isoformat() for t in cached.recorded[-VARIED:]],
        "instants_over_life": [t.isoformat() for t in cached.recorded[step - 1 :: step][:100]],
        "actor_id": "",
        "municipalities": [],
    }
