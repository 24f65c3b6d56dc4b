"""Virksom figures at scale: the timelines against the set-based query, side by side in one run.

    python -m bench.virksom [--database planspor_bench_municipality] [--requests 100]

On a bench database whose `virksom` read model is built (`planspor project rebuild virksom`):
1. agreement: 50 random (D, T) pairs, every plan's verdict from both queries (must be equal);
2. over HTTP, one long-running server, requests one after another: the count for the largest
   municipality known now and at a past T, one small municipality, the national figure (one
   request), 12 quarter ends (one request); p50/p95/p99 each;
3. on one connection, the count from the running sums against the count from the timelines
   (one date, 12 quarter ends), and that both give the same rows on 50 random dates;
4. the set-based query (the oracle, SQL on one connection) for the same municipality, with
   PostgreSQL's default plan cache and with custom plans, to show the generic-plan step
   (bench/prepared_plans.py explains it).
Writes bench/results/<date>-<host>-virksom.json. The machine is shared: read the numbers as such.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import psycopg
from psycopg.rows import dict_row

from adapters.auth import issue_dev_token
from adapters.database import conninfo, eventsourcing_env
from adapters.embedded import join
from adapters.readmodels import virksom_queries as q
from adapters.readmodels import virksom_timeline_queries as t
from adapters.settings import Settings
from bench import latency
from bench.prepared_plans import oracle_timings
from domain.configuration import DEFAULTS
from domain.values import Role

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "var" / "bench-virksom"  # the development signing key of this run
RESULTS = ROOT / "bench" / "results"
COMPARED: tuple[str, ...] = (
    "virksom",
    "started",
    "in_active_use",
    "updated",
    "closed",
    "suspended",
    "refused",
)
COMPARED += ("activity_position", "update_position", "revision_position", "consent_position")


def agreement(url: str, pairs: int, seed: int = 13) -> dict[str, Any]:
    """Both queries judge every plan on `pairs` random (D, T): how many verdicts differ."""
    rng = random.Random(seed)  # noqa: S311  (sampling, not security)
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        span = conn.execute(
            "SELECT min(effective_on) AS d0, max(effective_on) AS d1, min(recorded_at) AS t0, "
            "max(recorded_at) AS t1 FROM rm_virksom_facts"
        ).fetchone()
        assert span is not None
        municipalities = [r["municipality"] for r in conn.execute(MUNICIPALITIES).fetchall()]
        plans = differing = 0
        for _ in range(pairs):
            on = span["d0"] + timedelta(days=rng.randint(0, (span["d1"] - span["d0"]).days))
            seconds = (span["t1"] - span["t0"]).total_seconds()
            known = span["t0"] + timedelta(seconds=rng.uniform(0, seconds))
            for municipality in municipalities:
                oracle, timeline = _both(conn, municipality, on, known)
                plans += len(oracle)
                differing += sum(
                    1
                    for pid, row in oracle.items()
                    if pid not in timeline or any(timeline[pid][c] != row[c] for c in COMPARED)
                ) + len(timeline.keys() - oracle.keys())
    return {"pairs": pairs, "verdicts_compared": plans, "verdicts_differing": differing}


MUNICIPALITIES = "SELECT DISTINCT municipality FROM rm_virksom_plans ORDER BY 1"


def _both(conn: Any, municipality: str, on: date, known: datetime) -> tuple[dict[Any, Any], ...]:
    question = q.Question(municipality, on, known, DEFAULTS)
    ask = t.Ask([municipality], [on], known, DEFAULTS, {})
    oracle = q.verdicts(conn, question, after=None, limit=10**6, versions=False)
    timeline = t.verdicts(conn, ask, after=None, limit=10**6, versions=False)
    return {r["plan_id"]: r for r in oracle}, {r["plan_id"]: r for r in timeline}


def sums_against_timelines(url: str, dates: int, seed: int = 13) -> dict[str, Any]:
    """Known now, per municipality and unit on `dates` random dates: the running sums and the
    timelines must give the same rows."""
    rng = random.Random(seed)  # noqa: S311  (sampling, not security)
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        span = conn.execute(
            "SELECT min(effective_on) AS d0, max(effective_on) AS d1 FROM rm_virksom_facts"
        ).fetchone()
        assert span is not None
        width = (span["d1"] - span["d0"]).days + 60
        days = [span["d0"] + timedelta(days=rng.randint(-30, width)) for _ in range(dates)]
        municipalities = [r["municipality"] for r in conn.execute(MUNICIPALITIES).fetchall()]
        compared = differing = 0
        for municipality in municipalities:
            ask = t.Ask([municipality], days, None, DEFAULTS, {})
            summed, timelines = t.counts(conn, ask), t.counts(conn, ask, sums=False)
            compared += sum(len(rows) for rows in timelines.values())
            differing += sum(summed[on] != timelines[on] for on in days)
    return {"dates": dates, "rows_compared": compared, "dates_differing": differing}


def sql_paths(url: str, municipality: str, requests: int) -> dict[str, Any]:
    """The count on one connection, as the API runs it: the running sums against the timelines,
    for one date and for 12 quarter ends (ms per call)."""
    quarters = [date(2023 + i // 4, 3 * (i % 4) + 1, 1) - timedelta(days=1) for i in range(1, 13)]
    result: dict[str, Any] = {}
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        for name, days in (("one_date", [date(2025, 12, 31)]), ("quarter_ends_12", quarters)):
            ask = t.Ask([municipality], days, None, DEFAULTS, {})
            for path, sums in (("sums", True), ("timelines", False)):
                took = []
                with latency.quiet_client():
                    for _ in range(requests):
                        began = time.perf_counter()
                        t.counts(conn, ask, sums=sums)
                        took.append((time.perf_counter() - began) * 1000)
                result[f"{name}_{path}"] = latency.summary(took)
    return result


def http(env: dict[str, str], requests: int) -> dict[str, Any]:
    """The figures over HTTP, each measured `requests` times one after another."""
    with psycopg.connect(conninfo(env), row_factory=dict_row) as conn:
        sizes = conn.execute(
            "SELECT municipality, count(*) AS plans FROM rm_virksom_plans "
            "GROUP BY municipality ORDER BY count(*) DESC"
        ).fetchall()
    largest, smallest = sizes[0], sizes[-1]
    process, base = latency.serve(env, KEYS)
    day = "2025-12-31"
    quarters = ",".join(
        (date(2023 + i // 4, 3 * (i % 4) + 1, 1) - timedelta(days=1)).isoformat()
        for i in range(1, 13)
    )
    past = "2026-01-15T12:00:00+01:00"
    url = "/statistics/virksomme-planer"
    jwt = issue_dev_token(
        Settings(data_dir=KEYS),
        person_id="bench-tilsyn",
        name="Tilsyn",
        role=Role.SUPERVISOR,
        municipality="0301",
        office="helsetilsynet",
    )
    national = {"Authorization": f"Bearer {jwt}"}  # fmt: skip
    try:
        with httpx2.Client(base_url=base, headers=latency.token(KEYS, largest["municipality"]),
                           timeout=120) as client:  # fmt: skip
            result = {
                "count_largest_known_now": latency.measure(
                    client, latency.get(url, {"reference_date": day}), requests
                ),
                "count_largest_past_known_at": latency.measure(
                    client, latency.get(url, {"reference_date": day, "known_at": past}), requests
                ),
                "quarter_ends_12_largest": latency.measure(
                    client, latency.get(f"{url}/series", {"dates": quarters}), requests
                ),
            }
            client.headers.update(latency.token(KEYS, smallest["municipality"]))
            result["count_smallest_known_now"] = latency.measure(
                client, latency.get(url, {"reference_date": day}), requests
            )
            client.headers.update(national)
            result["national_one_request"] = latency.measure(
                client, latency.get(f"{url}/national", {"dates": day}), requests
            )
            result["national_past_known_at"] = latency.measure(
                client, latency.get(f"{url}/national", {"dates": day, "known_at": past}), requests
            )
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {"largest": largest, "smallest": smallest, "requests": result}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.virksom", description=__doc__)
    parser.add_argument("--database", default="planspor_bench_municipality")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument(
        "--agreement-only",
        action="store_true",
        help="only step 1 (for the national history, where it alone takes ~20 minutes); "
        "writes <date>-<host>-virksom-agreement.json",
    )
    args = parser.parse_args()
    admin = join(ROOT / "var" / "bench")
    url = admin.replace("/postgres?", f"/{args.database}?", 1)
    env = eventsourcing_env(Settings(), url)
    began = time.perf_counter()
    if args.agreement_only:
        only = {
            "date": datetime.now(UTC).isoformat(),
            "host": platform.node(),
            "database": args.database,
            "agreement": agreement(url, args.pairs),
            "seconds_agreement": round(time.perf_counter() - began, 1),
        }
        out = RESULTS / f"{date.today().isoformat()}-{platform.node()}-virksom-agreement.json"
        out.write_text(json.dumps(only, indent=2, default=str))
        print(json.dumps(only, indent=2, default=str))
        return
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(),
        "host": platform.node(),
        "database": args.database,
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
        "agreement": agreement(url, args.pairs),
        "sums_against_timelines": sums_against_timelines(url, args.pairs),
        "http": http(env, args.requests),
    }
    largest = results["http"]["largest"]["municipality"]
    results["sql_paths"] = sql_paths(url, largest, args.requests)
    results["oracle_sql"] = oracle_timings(url, largest, date(2025, 12, 31), repeats=16)
    results["seconds"] = round(time.perf_counter() - began, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{date.today().isoformat()}-{platform.node()}-virksom.json"
    out.write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
