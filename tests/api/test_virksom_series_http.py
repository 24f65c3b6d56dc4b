"""Virksom figures on many dates at once, for every municipality at once, and under a
municipality's own configuration (versioned: a figure asked again comes out the same)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from fastapi.testclient import TestClient
from psycopg.rows import dict_row

from adapters import configuration
from adapters.database import conninfo
from adapters.readmodels import plans_queries
from domain.configuration import Thresholds
from domain.plan import OSLO
from domain.values import Role
from tests.api.conftest import TokenFactory
from tests.api.test_virksom_http import URL, get, two_plans
from tests.readmodels.virksom_history import D, day

SUPERVISOR: dict[str, Any] = {"person_id": "t-1", "name": "Tor Tilsyn", "role": Role.SUPERVISOR}
NATIONAL = SUPERVISOR | {"municipality": "0301", "office": "helsetilsynet"}


def test_one_request_answers_many_reference_dates_as_single_ones_do(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    two_plans(client, catch_up)
    dates = [day(400), day(200), day(0)]
    body = get(client, auth, f"{URL}/series", dates=",".join(d.isoformat() for d in dates))
    assert [point["reference_date"] for point in body["points"]] == [d.isoformat() for d in dates]
    for point, on in zip(body["points"], dates, strict=True):
        single = get(client, auth, URL, reference_date=on.isoformat())
        assert point["total"] == single["total"] and point["units"] == single["units"]
    assert body["points"][2]["total"]["virksom"] == 1


def test_a_national_supervisor_gets_every_municipality_and_the_total_in_one_request(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    two_plans(client, catch_up)
    body = get(client, lambda: auth(**NATIONAL), f"{URL}/national", dates=D.isoformat())
    (point,) = body["points"]
    assert body["municipality"] is None
    assert [m["municipality"] for m in point["municipalities"]] == ["5001"]
    assert point["total"]["virksom"] == point["municipalities"][0]["virksom"] == 1
    refused = client.get(f"{URL}/national", params={"dates": D.isoformat()}, headers=auth())
    assert refused.status_code == 403
    assert refused.json()["field"] == "query.national"


def test_bad_dates_are_refused_naming_the_field(client: TestClient, auth: TokenFactory) -> None:
    for dates in ("", "2025-13-01", ",".join(["2025-01-01"] * 41)):
        response = client.get(f"{URL}/series", params={"dates": dates}, headers=auth())
        assert response.status_code == 422, dates
        assert response.headers["content-type"].startswith("application/problem+json")


def test_a_municipality_s_own_grace_is_used_from_its_date_and_recorded_with_the_figure(
    client: TestClient,
    auth: TokenFactory,
    catch_up: Callable[[], int],
    pg_env: dict[str, str],
) -> None:
    two_plans(client, catch_up)
    before = get(client, auth, URL, reference_date=D.isoformat())
    assert before["configuration"] is None and before["thresholds"]["activity_window_days"] == 180
    reported = datetime.now(UTC)
    with psycopg.connect(conninfo(pg_env), autocommit=True) as conn:
        version = configuration.record(conn, "5001", day(10), Thresholds(activity_window_days=365))
    after = get(client, auth, URL, reference_date=D.isoformat())
    assert after["configuration"]["version"] == version
    assert after["thresholds"]["activity_window_days"] == 365
    assert after["total"]["virksom"] == 2  # plan p-2's activity 200 days back now counts
    again: dict[str, Any] = get(
        client, auth, URL, reference_date=D.isoformat(), known_at=reported.isoformat()
    )
    assert again["configuration"] is None and again["total"] == before["total"]
    earlier = get(client, auth, URL, reference_date=(day(11)).isoformat())
    assert earlier["configuration"] is None  # not yet in force on that date


def test_the_worklists_and_the_caseload_read_the_grace_the_figure_uses(
    pg_env: dict[str, str],
) -> None:
    today = datetime.now(OSLO).date()
    with psycopg.connect(conninfo(pg_env), autocommit=True, row_factory=dict_row) as conn:
        assert plans_queries.overdue_before(conn, "5001", today) == today - timedelta(days=30)
        configuration.record(conn, "5001", today, Thresholds(revision_grace_days=5))
        assert plans_queries.overdue_before(conn, "5001", today) == today - timedelta(days=5)
        assert plans_queries.overdue_before(conn, "0301", today) == today - timedelta(days=30)
