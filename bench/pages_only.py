"""The pages' figures alone, when a full `make bench` does not fit: ≥ 100 requests each over HTTP
against `planspor serve`, with a logged-in session, on read models already built.

`--reads pages` (the default): the plan page and the first history page of the largest plan
(issue 9 must-hold 5), written to bench/results/<date>-<host>-pages.json (the figures
`make bench` reports as `latency.requests.plan_page_largest_plan` / `history_page_largest_plan`).
`--reads figures`: the coordinating unit's overview (`/oversikt`, with the 12-quarter chart) for
the largest municipality and the national figure for one date (issue 11 must-hold 3), written to
bench/results/<date>-<host>-figures.json (`make bench`'s `overview_page_largest_municipality`,
`virksom_national_one_date`).

    python -m bench.pages_only planspor_bench_national [--reads figures] [--requests 100]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import UTC, date, datetime
from typing import Any

from adapters.database import eventsourcing_env
from adapters.settings import Settings
from bench import latency
from bench.measure import DATA, RESULTS, machine


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages_only", description=__doc__)
    parser.add_argument("database", help="a bench database on the embedded server in var/bench")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--reads", choices=("pages", "figures"), default="pages")
    args = parser.parse_args()
    env = eventsourcing_env(
        Settings(), f"postgresql://postgres@/{args.database}?host={DATA / 'pgdata'}"
    )
    target = latency.targets(env)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(),
        "machine": machine(),
        "database": args.database,
        "targets": {key: value for key, value in target.items() if key != "instants"},
    }
    process, base = latency.serve(env, DATA)
    try:
        if args.reads == "pages":
            result["requests"] = latency.pages(base, env, target, args.requests)
        else:
            result["requests"] = latency.figures(base, env, target, args.requests, DATA)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    result["machine"]["load_average_at_end"] = os.getloadavg()
    out = RESULTS / f"{date.today().isoformat()}-{platform.node()}-{args.reads}.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    print(json.dumps(result["requests"], indent=1, default=str))


if __name__ == "__main__":
    main()
