"""Field-by-field differences between two views of a plan, keyed by item ids, not positions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

IGNORED = frozenset({"version", "recorded_at"})
ID_KEYS = ("consent_id", "participant_id", "goal_id", "measure_id", "meeting_id", "number")


def differences(recorded: BaseModel | None, effective: BaseModel | None) -> list[dict[str, Any]]:
    left = _flatten(recorded.model_dump(mode="json")) if recorded else {}
    right = _flatten(effective.model_dump(mode="json")) if effective else {}
    return [
        {"path": path, "as_recorded": left.get(path), "as_effective": right.get(path)}
        for path in sorted(left.keys() | right.keys())
        if path.split(".", 1)[0] not in IGNORED and left.get(path) != right.get(path)
    ]


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    items: list[tuple[Any, Any]]
    if value in ([], {}):
        return {}  # an empty list shows as its items missing, not as a value of its own
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = [(_key(item, index), item) for index, item in enumerate(value)]
    else:
        return {prefix: value}
    flat: dict[str, Any] = {}
    for key, item in items:
        flat |= _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    return flat


def _key(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for name in ID_KEYS:
            if item.get(name) is not None:
                return f"[{item[name]}]"
    return f"[{index}]"
