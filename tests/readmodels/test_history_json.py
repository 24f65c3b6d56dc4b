"""The history page PostgreSQL writes as JSON is, entry by entry, the page the model-based path
gives (the API's `HistoryEntryOut`), on generated histories with every kind of event."""

from __future__ import annotations

import json
from datetime import date

import psycopg
from psycopg.rows import dict_row

from adapters.database import conninfo
from adapters.readmodels import history_queries as q
from adapters.readmodels.history_json import plan_history_json
from api.history_schemas import HistoryPage
from bench.generate import generate
from tests.conftest import ReadModels


def test_each_entry_written_by_the_database_is_the_models(read_models: ReadModels) -> None:
    report = generate(read_models.app, plans=25, seed=5, today=date(2025, 12, 31), chunk_size=25)
    read_models.catch_up()
    compared = 0
    utc = "-c timezone=UTC"  # as the ReadStore's connections
    with psycopg.connect(conninfo(read_models.env), row_factory=dict_row, options=utc) as conn:
        for plan in report.sample:
            for after, limit in ((0, 500), (3, 7)):
                municipality, plan_id = plan.municipality, plan.plan_id
                rows = q.plan_history(conn, municipality, plan_id, after=after, limit=limit)
                written = plan_history_json(conn, municipality, plan_id, after=after, limit=limit)
                assert rows is not None
                assert written is not None
                model = HistoryPage.of(rows, limit, "version").model_dump(mode="json")["items"]
                assert [json.loads(entry) for _, entry in written[:limit]] == model
                assert [version for version, _ in written] == [row["version"] for row in rows]
                compared += len(model)
        other = "0301" if report.sample[0].municipality != "0301" else "5001"
        plan_id = report.sample[0].plan_id
        assert plan_history_json(conn, other, plan_id, after=0, limit=10) is None
    assert compared > 500
