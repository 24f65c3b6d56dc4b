"""Reproduce the slow step of the virksom count: PostgreSQL's generic plan for a prepared statement.

    python -m bench.prepared_plans [--database planspor_bench_municipality] [--municipality 0301]

psycopg prepares a statement on the server once it has been executed `prepare_threshold` times
(default 5) on a connection; from then on PostgreSQL plans each execution with the parameters'
values (a custom plan) five times, and then compares the cost of a generic plan (one plan for all
values) with the average custom one and keeps the generic plan if it does not look dearer. For
the set-based count it looks cheaper, because the planner cannot see that `%(on)s` and
`%(known_at)s` keep most facts and that the municipality holds half the table: the generic plan
nests loops over the facts and the step from ~0.3 s to ~7 s after about ten requests follows.
This script runs the same count 16 times on one connection three ways: as the API ran it
(defaults), with `plan_cache_mode = force_custom_plan` (what the virksom queries now set) and
with preparing switched off (`prepare_threshold=None`). No test, no server: just the timings.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from adapters.embedded import join
from adapters.readmodels import virksom_queries as q
from bench import latency
from domain.configuration import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent


def _timings(url: str, question: q.Question, repeats: int, custom: bool, prepare: bool) -> Any:
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        if not prepare:
            conn.prepare_threshold = None
        took = []
        with latency.quiet_client():
            for _ in range(repeats):
                began = time.perf_counter()
                with conn.transaction():
                    conn.execute(q.WORK_MEM)
                    if custom:
                        conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
                    conn.execute(q.COUNTS_QUERY, question.params()).fetchall()
                took.append(round((time.perf_counter() - began) * 1000, 1))
        return took


def oracle_timings(url: str, municipality: str, on: date, repeats: int = 16) -> dict[str, Any]:
    """The set-based count `repeats` times on one connection, in each of the three ways (ms)."""
    question = q.Question(municipality, on, datetime.now(UTC), DEFAULTS)
    return {
        "municipality": municipality,
        "as_before_ms": _timings(url, question, repeats, custom=False, prepare=True),
        "force_custom_plan_ms": _timings(url, question, repeats, custom=True, prepare=True),
        "not_prepared_ms": _timings(url, question, repeats, custom=False, prepare=False),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.prepared_plans", description=__doc__)
    parser.add_argument("--database", default="planspor_bench_municipality")
    parser.add_argument("--municipality", default="0301")
    parser.add_argument("--repeats", type=int, default=16)
    args = parser.parse_args()
    url = join(ROOT / "var" / "bench").replace("/postgres?", f"/{args.database}?", 1)
    timings = oracle_timings(url, args.municipality, date(2025, 12, 31), args.repeats)
    print(json.dumps(timings, indent=2))


if __name__ == "__main__":
    main()
