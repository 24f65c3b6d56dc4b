"""Builds are deterministic: the fingerprint is the same in every process, and two clean builds
of every model over the same log, read in pages of different sizes, are identical row for row."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from adapters.database import conninfo
from adapters.readmodels import builds, registry
from adapters.readmodels.catalog import MODELS, SPECS
from adapters.readmodels.runner import Runner, open_view
from application import commands as c
from application.service import WriteOptions
from tests.application.scenario import COORDINATOR, run, whole_life
from tests.conftest import ReadModels

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "from adapters.readmodels.catalog import MODELS, fingerprint; "
    "print([fingerprint(m) for m in MODELS])"
)


def test_the_fingerprint_is_the_same_whatever_the_hash_seed() -> None:
    printed = {
        subprocess.run(
            [sys.executable, "-c", PRINT],
            cwd=ROOT,
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(printed) == 1


def _people(read_models: ReadModels) -> None:
    """Deputies and coordinators that come and go: their fields are cleared in later pages."""
    app = read_models.app
    whole_life(app)
    opening = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": "Kari", "person_id": "p-2"},
        source="gp",
    )
    plan_id = app.open_plan(COORDINATOR, opening, WriteOptions()).plan_id
    run(app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    for n in range(3):
        person = {"person_id": f"d-{n}", "name": f"D {n}", "unit": "U", "organisation": "O"}
        run(app, plan_id, c.AppointCoordinator(coordinator=person | {"person_id": f"k-{n}"}))
        run(app, plan_id, c.AppointDeputy(deputy=person))
        run(app, plan_id, c.RemoveDeputy(reason="sluttet"))
        run(app, plan_id, c.RecordCoordinatorWithdrew(reason="flyttet"))


def _clean_build(read_models: ReadModels, page_size: int) -> dict[str, list[tuple[str, ...]]]:
    views = {}
    with psycopg.connect(conninfo(read_models.env)) as conn:
        for model in MODELS:
            views[model] = open_view(read_models.env, model, registry.next_build(conn, model))
    runner = Runner(read_models.app, views, page_size=page_size, isolate=False)
    runner.catch_up()
    runner.close()
    return {
        f"{model}.{table}": _rows(read_models, f"{views[model].prefix}_{table}", spec.column_names)
        for model, specs in SPECS.items()
        for table, spec in specs.items()
    }


def _rows(read_models: ReadModels, table: str, columns: list[str]) -> list[tuple[str, ...]]:
    rows: list[dict[str, Any]] = read_models.query(f'SELECT * FROM "{table}"')
    return sorted(tuple(str(row[column]) for column in columns) for row in rows)


def test_two_clean_builds_with_different_pages_are_identical_row_for_row(
    read_models: ReadModels,
) -> None:
    _people(read_models)
    one_by_one, whole = _clean_build(read_models, 1), _clean_build(read_models, 10_000)
    assert sum(map(len, whole.values())) > 50
    for table, rows in whole.items():
        assert one_by_one[table] == rows, table


def test_a_rebuild_drops_the_builds_a_killed_rebuild_left(read_models: ReadModels) -> None:
    _people(read_models)
    read_models.catch_up()
    with psycopg.connect(conninfo(read_models.env)) as conn:
        orphan = registry.next_build(conn, "history")  # reserved, filled, never switched to
    Runner(read_models.app, {"history": open_view(read_models.env, "history", orphan)}).catch_up()
    previous, build = builds.rebuild(read_models.app, read_models.env, "history", grace=0)
    with psycopg.connect(conninfo(read_models.env)) as conn:
        assert registry.builds(conn, "history") == [build]
    assert (previous, orphan) == (1, 2)
