"""What the store writes into a read model's jsonb columns, and the runner's collector setting."""

from __future__ import annotations

import gc
import json
from datetime import UTC, date, datetime, timedelta, timezone
from uuid import UUID

import pytest

from adapters.readmodels.runner import fewer_collections
from adapters.readmodels.store import _encode, dumps


def _library_json(value: object) -> object:
    return json.loads(json.dumps(value, default=_encode))


def test_dumps_writes_dates_instants_and_ids_as_iso_text() -> None:
    value = {
        "on": date(2026, 1, 2),
        "at": datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        "oslo": datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2))),
        "id": UUID("12345678-1234-5678-1234-567812345678"),
        "text": "Åse på møte",
        "by_number": {3: ["x", None, True, 1.5]},
    }
    assert json.loads(dumps(value)) == _library_json(value)
    assert json.loads(dumps(value))["at"] == "2026-01-02T03:04:05.000006+00:00"


def test_dumps_falls_back_for_what_orjson_refuses() -> None:
    assert json.loads(dumps({"count": 2**70})) == {"count": 2**70}
    with pytest.raises(TypeError, match="cannot store"):
        dumps({"value": object()})


def test_fewer_collections_restores_the_threshold_even_when_the_page_fails() -> None:
    before, seen = gc.get_threshold(), []

    def failing_page() -> None:
        with fewer_collections(123_456):
            seen.append(gc.get_threshold()[0])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_page()
    assert seen == [123_456]
    assert gc.get_threshold() == before
