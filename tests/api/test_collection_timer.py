"""A slow garbage collection in an API worker is logged, with its generation and length."""

from __future__ import annotations

import gc
import time

from structlog.testing import capture_logs

from api.app import CollectionTimer, steady_collector


def test_a_collection_over_the_limit_is_logged_and_a_quick_one_is_not() -> None:
    timer = CollectionTimer(slow_ms=5)
    with capture_logs() as logs:
        timer("start", {"generation": 0})
        timer("stop", {"generation": 0, "collected": 3})
        timer("start", {"generation": 2})
        time.sleep(0.01)
        timer("stop", {"generation": 2, "collected": 7})
    assert [(e["event"], e["generation"], e["collected"]) for e in logs] == [
        ("slow_collection", 2, 7)
    ]
    assert logs[0]["ms"] >= 5


def test_the_timer_is_installed_once_and_removed_with_zero() -> None:
    before = list(gc.callbacks)
    try:
        steady_collector(50)
        steady_collector(50)
        assert sum(isinstance(c, CollectionTimer) for c in gc.callbacks) == 1
        steady_collector(0)
        assert not any(isinstance(c, CollectionTimer) for c in gc.callbacks)
    finally:
        gc.callbacks[:] = before
