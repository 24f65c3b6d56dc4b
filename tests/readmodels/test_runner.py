"""The runner is killable at any instant without losing or double-counting anything, and a
rebuild from the whole log equals the incrementally built read model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

from adapters.database import conninfo
from adapters.readmodels import builds, registry, runner
from adapters.readmodels.catalog import MODELS, SPECS
from application import commands as c
from application.service import WriteOptions
from tests.application.scenario import COORDINATOR, run
from tests.conftest import ReadModels

ROOT = Path(__file__).resolve().parents[2]


def _many_plans(read_models: ReadModels, count: int) -> int:
    """Plans with meetings and goal changes: counters that would show a double-applied event."""
    events = 0
    for n in range(count):
        plan_id = _open(read_models, n)
        run(read_models.app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
        goal = run(
            read_models.app,
            plan_id,
            c.AddGoal(text=f"Mål {n}", formulated_by="professional", user_agreement="pending"),
        )
        for _ in range(n % 5 + 1):
            run(
                read_models.app,
                plan_id,
                c.HoldMeeting(
                    meeting={"user_attended": n % 2 == 0, "agenda_prepared_with_user": True}
                ),
            )
        run(read_models.app, plan_id, c.ConfirmGoal(goal_id=str(goal)))
        events += read_models.app.get_plan(plan_id, COORDINATOR).version
    return events


def _open(read_models: ReadModels, n: int) -> Any:
    command = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": f"Person {n}", "person_id": f"p-{n}"},
        source="user",
    )
    return read_models.app.open_plan(COORDINATOR, command, WriteOptions()).plan_id


def _snapshot(read_models: ReadModels) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read model table, in a stable order."""
    tables = {}
    for model, specs in SPECS.items():
        for table, spec in specs.items():
            rows = read_models.query(f"SELECT * FROM rm_{model}_{table}")
            tables[f"{model}.{table}"] = sorted(
                tuple(str(row[column]) for column in spec.column_names) for row in rows
            )
    return tables


def _position(read_models: ReadModels) -> int:
    return min(
        int(info["position"])
        for info in builds.lag(read_models.app, read_models.env)["read_models"].values()
    )


def _start_runner(read_models: ReadModels, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DATABASE_URL": _url(read_models.env),
        "PLANSPOR_DATA_DIR": str(tmp_path),
        "PLANSPOR_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "api", "project", "run", "--page-size", "1"], cwd=ROOT, env=env
    )


def _url(env: dict[str, str]) -> str:
    return conninfo(env)


def test_runner_killed_mid_batch_and_restarted_counts_every_event_once(
    read_models: ReadModels, tmp_path: Path
) -> None:
    events = _many_plans(read_models, 20)
    head = read_models.app.recorder.max_notification_id() or 0
    kills = 0
    deadline = time.monotonic() + 60
    while kills < 5 and time.monotonic() < deadline:
        before = _position(read_models)
        process = _start_runner(read_models, tmp_path)
        while _position(read_models) <= before and process.poll() is None:
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)  # no chance to finish its transaction
        process.wait()
        kills += 1
        if _position(read_models) >= head:
            break
    assert kills >= 2, "the runner finished before it could be killed twice"
    process = _start_runner(read_models, tmp_path)
    while _position(read_models) < head:
        time.sleep(0.02)
    process.terminate()
    assert process.wait(timeout=10) == 0  # stops cleanly on SIGTERM

    plans = read_models.query(
        "SELECT sum(meetings) AS m, sum(goals_user_agreed) AS g, "
        "sum(version) AS v FROM rm_plans_plans"
    )[0]
    assert (plans["m"], plans["g"], plans["v"]) == (sum(n % 5 + 1 for n in range(20)), 20, events)
    incremental = _snapshot(read_models)
    for model in MODELS:
        builds.rebuild(read_models.app, read_models.env, model, grace=0)
    assert _snapshot(read_models) == incremental


def test_rebuild_switches_readers_to_a_new_build_and_drops_the_old(
    read_models: ReadModels,
) -> None:
    _many_plans(read_models, 3)
    read_models.catch_up()
    before = _snapshot(read_models)
    previous, build = builds.rebuild(read_models.app, read_models.env, "plans", grace=0)
    assert (previous, build) == (1, 2)
    assert _snapshot(read_models) == before
    tables = {
        row["tablename"]
        for row in read_models.query(
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'rm_plans_b%%'"
        )
    }
    assert tables == {"rm_plans_b2_plans", "rm_plans_b2_measures", "rm_plans_b2_tracking"}
    # vacuumed and analysed before the switch: every page all-visible (index-only counts), and
    # the planner's row estimate is the table's (an unanalysed table has reltuples -1)
    pages = read_models.query(
        "SELECT relpages, relallvisible, reltuples FROM pg_class "
        "WHERE relname = 'rm_plans_b2_plans'"
    )[0]
    assert pages["relpages"] > 0 and pages["relallvisible"] == pages["relpages"]
    assert pages["reltuples"] == 3


def test_a_model_built_by_other_code_is_stale_until_rebuilt(read_models: ReadModels) -> None:
    _many_plans(read_models, 2)
    read_models.catch_up()
    assert builds.stale(read_models.env, ["plans"]) == []
    read_models.query(
        "UPDATE rm_registry SET fingerprint = 'older-code' WHERE model = 'plans' RETURNING model"
    )
    assert builds.stale(read_models.env, ["plans"]) == ["plans"]
    builds.rebuild(read_models.app, read_models.env, "plans", grace=0)
    assert builds.stale(read_models.env, ["plans"]) == []


def test_the_librarys_stock_runner_builds_the_same_rows_one_event_at_a_time(
    read_models: ReadModels,
) -> None:
    _many_plans(read_models, 3)
    read_models.catch_up()
    topics = list(MODELS["plans"].topics)  # the reads of the plans above are not its events
    head = read_models.app.recorder.select_notifications(None, 1000, topics=topics)[-1].id
    with psycopg.connect(conninfo(read_models.env)) as conn:
        build = registry.next_build(conn, "plans")
    with runner.stock_runner(read_models.env, "plans", build) as stock:
        stock.wait(head, timeout=20)
    live = read_models.query("SELECT * FROM rm_plans_plans ORDER BY plan_id")
    stocked = read_models.query(f"SELECT * FROM rm_plans_b{build}_plans ORDER BY plan_id")
    assert stocked == live
