"""Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON."""

from __future__ import annotations

import base64
import json
from typing import Any

from fastapi.exceptions import RequestValidationError


def encode(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None, kinds: tuple[type, ...] | None = None) -> list[Any] | None:
    """The values a cursor carries; `kinds`: how many there must be and of which type each
    (None allowed), so that a forged or foreign cursor is refused before it reaches SQL."""
    if cursor is None:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        values = None
    if not isinstance(values, list) or not _fits(values, kinds):
        raise RequestValidationError(
            [{"loc": ("query", "cursor"), "type": "cursor", "msg": "not a cursor from this API"}]
        )
    return values


def _fits(values: list[Any], kinds: tuple[type, ...] | None) -> bool:
    if kinds is None:
        return True
    return len(values) == len(kinds) and all(
        value is None or type(value) is kind for value, kind in zip(values, kinds, strict=True)
    )
