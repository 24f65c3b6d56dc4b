"""`make bench`: generate (or reuse) a municipality-size and a national-size history, then measure,
side by side in one run: rebuild throughput of all read models against the stock runner and the
read ceiling, the runner's peak memory, p50/p95/p99 HTTP latencies (≥ 100 requests each, one
server), what the read log costs, and how much a plan's reads grow from the municipality to the
national history. Compares the run with the last committed one (figures worse by > 20 %) and
writes bench/results/<date>-<host>.json and the table at the end of bench/results/README.md.

    python -m bench.measure [--national-plans 100000] [--municipality-plans 2000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx2
import psycopg
from psycopg.conninfo import make_conninfo

from adapters.database import conninfo, ensure_database, eventsourcing_env, start_embedded
from adapters.settings import Settings
from application.service import Planspor
from bench import compare, evidence, latency, readlog, readlog_http, throughput
from bench.generate import generate
from domain.values import Role

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
# the reads of one plan whose cost must not grow with the size of the history (≤ 1.3x)
PLAN_READS = (
    "plan_history",
    "plan_as_of",
    "plan_as_of_varied",
    "plan_events",
    "evidence_pack_largest_plan",
    "plan_page_largest_plan",
    "history_page_largest_plan",
)
META = "CREATE TABLE IF NOT EXISTS bench_meta (plans integer, seed integer, events bigint)"


def dataset(name: str, plans: int, workers: int) -> tuple[dict[str, str], dict[str, Any]]:
    """The benchmark database `name` with `plans` plans, generated once and then reused."""
    admin = start_embedded(DATA, dbname="postgres")
    ensure_database(admin, f"planspor_bench_{name}")
    env = eventsourcing_env(Settings(), make_conninfo(admin, dbname=f"planspor_bench_{name}"))
    with psycopg.connect(conninfo(env), autocommit=True) as conn:
        conn.execute(META)
        row = conn.execute("SELECT plans, events FROM bench_meta").fetchone()
    if row is not None and row[0] == plans:
        return env, {"reused": True, "plans": plans, "events": row[1]}
    with psycopg.connect(conninfo(env), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        conn.execute(META)
    app = Planspor(env=env)
    try:
        report = generate(app, plans=plans, workers=workers).summary()
    finally:
        app.close()
    with psycopg.connect(conninfo(env), autocommit=True) as conn:
        conn.execute("INSERT INTO bench_meta VALUES (%s, 1, %s)", [plans, report["events"]])
    return env, report


def reset_read_models(env: dict[str, str]) -> None:
    with psycopg.connect(conninfo(env), autocommit=True) as conn:
        views = conn.execute("SELECT viewname FROM pg_views WHERE viewname LIKE 'rm\\_%'")
        for (view,) in views.fetchall():
            conn.execute(psycopg.sql.SQL("DROP VIEW {}").format(psycopg.sql.Identifier(view)))
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'rm\\_%'")
        for (table,) in tables.fetchall():
            conn.execute(psycopg.sql.SQL("DROP TABLE {}").format(psycopg.sql.Identifier(table)))


def run_dataset(name: str, plans: int, args: argparse.Namespace) -> dict[str, Any]:
    # quick runs keep their own databases: never regenerate the full-size ones
    stem = f"{name}_quick" if args.quick else name
    env, generation = dataset(f"{stem}{args.database_suffix}", plans, args.workers)
    result: dict[str, Any] = {"generation": generation}
    if not args.reads_only:
        result |= rebuilds(env, args)
    app = Planspor(env=env)
    try:  # needs the read models (for its targets)
        result["evidence_pack"] = evidence.measure(app, env)
        result["read_log"] = readlog.measure(app, latency.targets(env), args.requests)
    finally:
        app.close()
    result["latency"] = http_latency(env, args.requests)
    result["read_log_http"] = readlog_http.measure(env, latency.targets(env), DATA, args.requests)
    return result


def rebuilds(env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    """Rebuild throughput: the ceiling, the stock runner, the batch runner over the whole log."""
    if not args.keep_read_models:
        reset_read_models(env)
    app = Planspor(env=env)
    try:
        result: dict[str, Any] = {"ceiling": throughput.ceiling(app)}
        result["stock_runner"] = throughput.stock(app, env, args.stock_events)
    finally:
        app.close()
    result["batch_runner"] = throughput.batch_rebuild(env, args.rebuild_events)
    result["speedup"] = (
        result["batch_runner"]["events_per_s"] / result["stock_runner"]["events_per_s"]
    )
    return result


def http_latency(env: dict[str, str], requests: int) -> dict[str, Any]:
    target = latency.targets(env)
    process, base = latency.serve(env, DATA)
    headers = latency.token(DATA, target["municipality"])
    counts = latency.COUNTS
    try:
        with httpx2.Client(base_url=base, headers=headers, timeout=120) as client:
            result: dict[str, dict[str, Any]] = {}
            for name, call in api_reads(target, counts).items():
                result[name] = latency.measure_or_error(client, call, requests)
            result |= latency.pages(base, env, target, requests)
            result |= latency.figures(base, env, target, requests, DATA)
            try:  # the slowest question: a failure must not lose the other figures
                result["virksom_count_all_municipalities"] = _all_municipalities(
                    client, target, counts, max(requests // 20, 3)
                )
            except httpx2.HTTPError as error:
                result["virksom_count_all_municipalities"] = {"error": repr(error)}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a lingering keep-alive must not lose the results
            process.kill()
    shown = {key: value for key, value in target.items() if key != "instants"}
    return {"targets": shown, "requests": result}


def api_reads(target: dict[str, Any], counts: dict[str, str]) -> dict[str, latency.Call]:
    """The API requests measured, each ≥ 100 times in a row on the same server."""
    plan = f"/plans/{target['plan_id']}"
    whole = {"from": "2000-01-01", "to": date.today().isoformat()}
    return {
        "plan_history": latency.whole_history(target["plan_id"]),
        "audit_trail_three_filters": latency.get("/audit-trail", latency.audit_query(target)),
        "plan_as_of": latency.get(plan, {"as_of": target["as_of"]}),
        "plan_as_of_varied": latency.cycling(plan, "as_of", target["instants"]),
        "plan_events": latency.all_events(target["plan_id"]),
        "evidence_pack_largest_plan": latency.get(f"{plan}/evidence-pack", whole),
        "evidence_document_largest_plan": latency.get(f"{plan}/evidence-pack/document", whole),
        "plan_on_date_largest_plan": latency.get(f"{plan}/on-date", {"date": target["as_of"][:10]}),
        "virksom_count_largest_municipality": latency.get("/statistics/virksomme-planer", counts),
    }


def _all_municipalities(
    client: httpx2.Client, target: dict[str, Any], counts: dict[str, str], requests: int
) -> dict[str, Any]:
    """The national figure: one count per municipality, all of them, as one measured call."""
    if not target["municipalities"]:
        return {"error": "no plans read model: the municipalities are not known"}
    tokens = [
        latency.token(DATA, row["municipality"], Role.UNIT_LEADER)
        for row in target["municipalities"]
    ]

    def call(c: httpx2.Client) -> None:
        for headers in tokens:
            c.get("/statistics/virksomme-planer", params=counts, headers=headers).raise_for_status()

    measured = latency.measure(client, call, requests)
    measured["plans"] = sum(row["plans"] for row in target["municipalities"])
    return measured


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "load_average_1_5_15": os.getloadavg(),  # a shared machine: how busy it was
        "host": platform.node(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.measure", description=__doc__)
    parser.add_argument("--municipality-plans", type=int, default=2000)
    parser.add_argument("--national-plans", type=int, default=100_000)
    parser.add_argument("--stock-events", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--keep-read-models",
        action="store_true",
        help="measure latency on the read models already built",
    )
    parser.add_argument(
        "--rebuild-events",
        type=int,
        default=None,
        help="rebuild only the first N notifications (default: the whole log)",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--database-suffix",
        default="",
        help="measure copies of the histories (planspor_bench_<name><suffix>), e.g. made with "
        "CREATE DATABASE … TEMPLATE, so that read models built here leave others' alone",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the harness")
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="measure the reads on the read models already built (no rebuild figures)",
    )
    parser.add_argument(
        "--datasets", default="municipality,national", help="which ones, comma-separated"
    )
    args = parser.parse_args()
    if args.quick:
        args.municipality_plans, args.national_plans, args.stock_events = 200, 1000, 2000
        args.requests = 100
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(),
        "machine": machine(),
        "datasets": {
            name: run_dataset(name, plans, args)
            for name, plans in (
                ("municipality", args.municipality_plans),
                ("national", args.national_plans),
            )
            if name in args.datasets.split(",")
        },
    }
    results["machine"]["load_average_at_end"] = os.getloadavg()
    results["growth"] = growth(results["datasets"])
    results["compared"] = compare.compare(results, RESULTS, args.quick)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"{date.today().isoformat()}-{platform.node()}{'-quick' if args.quick else ''}"
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2, default=str))
    compare.write_table(
        RESULTS / "README.md", compare.table(results, stem.with_suffix(".json").name)
    )
    print(json.dumps(results, indent=2, default=str))
    for figure in results["compared"]["worse"]:
        print(f"worse by {figure['worse_by']:.0%}: {figure['figure']}")
    print(f"wrote {stem.with_suffix('.json')}")


def growth(datasets: dict[str, Any]) -> dict[str, dict[str, float]]:
    """National ÷ municipality, p50 and p99, for each read of one plan; and `p99_per_event`, the
    same per event of the plan read (the two largest plans differ in size: 1 118 and 1 250)."""
    if not {"municipality", "national"} <= datasets.keys():
        return {}
    small, large = (datasets[name]["latency"] for name in ("municipality", "national"))
    plans = large["targets"]["events"] / small["targets"]["events"]
    return {
        name: {
            "p50": large["requests"][name]["p50_ms"] / small["requests"][name]["p50_ms"],
            "p99": (p99 := large["requests"][name]["p99_ms"] / small["requests"][name]["p99_ms"]),
            "p99_per_event": p99 / plans,
            "server_cpu": large["requests"][name]["server_cpu_ms_per_call"]
            / small["requests"][name]["server_cpu_ms_per_call"],
        }
        for name in PLAN_READS
        if "p50_ms" in small["requests"].get(name, {})
        and "p50_ms" in large["requests"].get(name, {})
    }


if __name__ == "__main__":
    main()
