"""A read model taken out of the catalogue (the `reads` model, since the read log became a table
of its own: decision record 0022) leaves nothing behind once a runner starts: its views, its
builds and its registry row are dropped; the other models and the read log are untouched."""

from __future__ import annotations

import psycopg

from adapters.database import conninfo
from adapters.readmodels import registry
from tests.conftest import ReadModels


def test_a_runner_start_drops_a_retired_model_and_nothing_else(pg_env: dict[str, str]) -> None:
    first = ReadModels(pg_env)  # the catalogue's models built, and the read log made
    first.close()
    with psycopg.connect(conninfo(pg_env), autocommit=True) as conn:
        registry.ensure(conn)
        conn.execute(
            "INSERT INTO rm_registry (model, active_build, last_build) VALUES ('reads', 3, 3)"
        )
        conn.execute("CREATE TABLE rm_reads_b3_entries (position bigint)")
        conn.execute("CREATE TABLE rm_reads_b3_tracking (notification_id bigint)")
        conn.execute("CREATE VIEW rm_reads_entries AS SELECT * FROM rm_reads_b3_entries")
        assert "reads" not in registry.active_builds(conn)  # health never lists it meanwhile

    ReadModels(pg_env).close()  # a runner starts

    with psycopg.connect(conninfo(pg_env)) as conn:
        names = {
            name
            for (name,) in conn.execute(
                "SELECT relname FROM pg_class WHERE relkind IN ('r', 'v') AND relname LIKE 'rm\\_%'"
                " OR relname = 'planspor_read_log'"
            )
        }
        models = {model for (model,) in conn.execute("SELECT model FROM rm_registry")}
    assert not {name for name in names if name.startswith("rm_reads_")}
    assert models == {"plans", "history", "virksom", "complaints"}
    assert {"planspor_read_log", "rm_plans_plans", "rm_history_entries"} <= names
