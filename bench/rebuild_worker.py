"""Rebuild every read model from the whole log in this process; print events/s and peak memory.

Run as a subprocess by `bench.measure`, so that its peak resident memory is its own.
"""

from __future__ import annotations

import json
import resource
import sys
from time import perf_counter

import psycopg

from adapters.database import conninfo
from adapters.readmodels import registry, runner
from adapters.readmodels.catalog import MODELS, fingerprint
from application.service import Planspor


def main(env_json: str, page_size: int, stop: int) -> None:
    env = json.loads(env_json)
    app = Planspor(env=env)
    with psycopg.connect(conninfo(env)) as conn:
        registry.ensure(conn)
        builds = {model: registry.next_build(conn, model) for model in MODELS}
    views = {model: runner.open_view(env, model, build) for model, build in builds.items()}
    follower = runner.Runner(app, views, page_size, stop=stop or None)
    started = perf_counter()
    read = follower.catch_up()
    seconds = perf_counter() - started
    follower.close()
    app.close()
    if stop:  # a prefix: the live read models stay as they are
        with psycopg.connect(conninfo(env)) as conn:
            for model, build in builds.items():
                registry.drop(conn, model, build)
    else:
        _activate(env, builds)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "notifications": read,
                "seconds": seconds,
                "peak_rss_mb": peak_kb / 1024,
                "builds": builds,
                "page_size": page_size,
            }
        )
    )


def _activate(env: dict[str, str], builds: dict[str, int]) -> None:
    """Make the new builds the live ones (as `planspor project rebuild` does), drop the old."""
    with psycopg.connect(conninfo(env)) as conn:
        for model, build in builds.items():
            previous = registry.switch(conn, model, build, fingerprint(model))
            if previous is not None and previous != build:
                registry.drop(conn, model, previous)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
