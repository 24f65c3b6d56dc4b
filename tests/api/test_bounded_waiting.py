"""Waiting for a read model is bounded: a position beyond the head of the log is refused at once,
only a few requests may wait at a time, and the others are served meanwhile."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from adapters.readmodels.reads import MAX_WAITERS, ReadStore
from tests.api.conftest import TokenFactory
from tests.api.test_plans_http import open_plan


def test_a_position_beyond_the_head_of_the_log_is_refused_at_once(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    open_plan(client, auth)
    catch_up()
    head = client.get("/health").json()["log_head"]
    response = client.get(f"/plans?min_position={head + 1_000_000}&wait=10", headers=auth())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert (response.json()["field"], response.json()["rule"]) == ("min_position", "beyond-head")
    assert client.get(f"/plans?min_position={head}", headers=auth()).status_code == 200


def test_when_enough_requests_wait_the_next_is_refused_and_others_are_served(
    client: TestClient, auth: TokenFactory, catch_up: Callable[[], int]
) -> None:
    plan_id = open_plan(client, auth)
    catch_up()
    position = client.post(
        f"/plans/{plan_id}/consents", json={"scope": "plan", "given_by": "user"}, headers=auth()
    ).json()["position"]  # not yet in the read models: a reader would wait
    reads: ReadStore = client.app.state.reads  # type: ignore[attr-defined]
    for _ in range(MAX_WAITERS):  # as many requests as may wait are waiting
        assert reads.waiters.acquire(blocking=False)
    try:
        waiting = client.get(f"/plans?min_position={position}&wait=10", headers=auth())
        assert waiting.status_code == 503
        assert waiting.headers["Retry-After"] == "1"
        assert "too many requests are waiting" in waiting.json()["detail"]
        assert client.get(f"/plans/{plan_id}", headers=auth()).status_code == 200
        assert client.get("/plans", headers=auth()).status_code == 200
    finally:
        for _ in range(MAX_WAITERS):
            reads.waiters.release()
    catch_up()
    assert client.get(f"/plans?min_position={position}", headers=auth()).status_code == 200
