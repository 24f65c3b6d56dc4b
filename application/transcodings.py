"""Transcodings for what the plan's state holds beyond the library's defaults (dates, parts)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.parts import STATE_CLASSES


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class DataclassAsDict(Transcoding):
    """A plan part (used in snapshots) as a dict of its fields, nested values transcoded too."""

    def __init__(self, cls: type[Any]) -> None:
        self.type = cls
        self.name = f"planspor.{cls.__name__}"
        self._names = [f.name for f in fields(cls)]

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self._names}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


def register_all(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    for cls in STATE_CLASSES:
        transcoder.register(DataclassAsDict(cls))
