"""`bench.compare_rows`: the rows of every read model, dumped from two builds, compared."""

from __future__ import annotations

from pathlib import Path

import psycopg

from adapters.database import conninfo
from bench import compare_rows
from tests.application.scenario import whole_life
from tests.conftest import ReadModels


def test_two_dumps_of_the_same_rows_are_identical_and_a_changed_row_is_shown(
    read_models: ReadModels, tmp_path: Path
) -> None:
    plan_id = whole_life(read_models.app)
    read_models.catch_up()
    url = conninfo(read_models.env)
    counts = compare_rows.dump(url, tmp_path / "before")
    assert counts["plans.plans"] == 1 and counts["history.entries"] > 1
    compare_rows.dump(url, tmp_path / "again")
    assert compare_rows.diff(tmp_path / "before", tmp_path / "again") == {}
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE rm_plans_plans SET unit_name = 'Endret' WHERE plan_id = %s", [plan_id])
    compare_rows.dump(url, tmp_path / "after")
    found = compare_rows.diff(tmp_path / "before", tmp_path / "after")
    assert list(found) == ["plans.plans"]
    assert "Endret" in str(found["plans.plans"]["only_after"])
    assert compare_rows.main(["diff", str(tmp_path / "before"), str(tmp_path / "after")]) == 1
