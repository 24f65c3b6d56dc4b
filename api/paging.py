"""Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON."""

from __future__ import annotations

import base64
import json
from typing import Any

from fastapi.exceptions import RequestValidationError


def encode(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None) -> list[Any] | None:
    if cursor is None:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        values = None
    if not isinstance(values, list):
        raise RequestValidationError(
            [{"loc": ("query", "cursor"), "type": "cursor", "msg": "not a cursor from this API"}]
        )
    return values
