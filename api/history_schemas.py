"""What the API shows of the history read model: entries, pages, the audit filter, and exports
as CSV (RFC 4180, by the `csv` module) or JSON lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Field

from adapters.readmodels.history_queries import AuditFilter
from api import paging
from application.access import Grant
from application.commands.base import Instant
from domain.municipalities import KOMMUNENUMMER_PATTERN
from domain.values import Actor
from projections.history import LABELS

Value = str | int | float | bool | None
CSV_SLICE = 500


class ChangeOut(BaseModel):
    record: str = Field(examples=["goal:4f0c…"], description="plan, goal:<id>, measure:<id> …")
    field: str = Field(examples=["text"])
    old: Value
    new: Value


class HistoryEntryOut(BaseModel):
    position: int = Field(description="Position in the event log.")
    plan_id: UUID
    version: int = Field(description="The plan's version after this event.")
    municipality: str
    unit_id: str
    event_type: str = Field(examples=["GoalRevised"])
    label: str = Field(examples=["Mål revidert"])
    effective_at: datetime = Field(description="When it happened.")
    recorded_at: datetime = Field(description="When it was recorded.")
    actor_id: str
    actor_name: str
    actor_role: str
    actor_organisation: str | None
    actor_unit: str | None
    actor_assurance: str | None
    on_behalf_of: str | None = Field(description="Person id acted for, if any.")
    channel: str | None
    reason: str | None
    correlation_id: str | None
    request_id: str | None
    changes: list[ChangeOut]


class HistoryPage(BaseModel):
    items: list[HistoryEntryOut]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; absent on the last page."
    )

    @classmethod
    def of(cls, rows: list[dict[str, Any]], limit: int, key: str) -> HistoryPage:
        """A page from at most `limit` + 1 rows: an extra row means there is a next page."""
        items = [HistoryEntryOut.model_validate(row) for row in rows[:limit]]
        more = len(rows) > limit
        return cls(items=items, next_cursor=paging.encode([rows[limit - 1][key]]) if more else None)


def after(cursor: str | None) -> int:
    """The sort key a cursor from this API carries (0: from the start)."""
    values = paging.decode(cursor)
    if values is None:
        return 0
    if len(values) != 1 or type(values[0]) is not int:
        raise RequestValidationError(
            [{"loc": ("query", "cursor"), "type": "cursor", "msg": "not a cursor from this API"}]
        )
    return values[0]


def _known_event_type(value: str) -> str:
    if value not in LABELS:
        raise ValueError(f"unknown event type '{value}'")
    return value


EventType = Annotated[str, AfterValidator(_known_event_type)]
From = Annotated[
    Instant | None, Query(description="At or after this instant (RFC 3339 with offset).")
]
Before = Annotated[Instant | None, Query(description="Before this instant (RFC 3339 with offset).")]


class AuditQuery:
    """Filters of the audit trail; time ranges are half-open (`from` ≤ time < `to`)."""

    def __init__(
        self,
        actor_id: Annotated[str | None, Query(max_length=100)] = None,
        plan_id: UUID | None = None,
        unit_id: Annotated[str | None, Query(max_length=100)] = None,
        event_type: Annotated[
            list[EventType] | None,
            Query(description="A plan event type, e.g. `GoalRevised`; repeat for any of several."),
        ] = None,
        recorded_from: From = None,
        recorded_to: Before = None,
        effective_from: From = None,
        effective_to: Before = None,
        municipality: Annotated[
            str | None,
            Query(
                pattern=KOMMUNENUMMER_PATTERN,
                description="Supervisors: the municipality to search.",
            ),
        ] = None,
    ) -> None:
        self.actor_id, self.plan_id, self.unit_id = actor_id, plan_id, unit_id
        self.municipality = municipality
        self.event_types = tuple(event_type or ())
        self.recorded = (recorded_from, recorded_to)
        self.effective = (effective_from, effective_to)

    def logged(self) -> dict[str, Any]:
        """The filters, as recorded in the read log."""
        return {
            "actor_id": self.actor_id,
            "plan_id": str(self.plan_id) if self.plan_id else None,
            "unit_id": self.unit_id,
            "event_types": list(self.event_types) or None,
        }

    def of(self, actor: Actor, grant: Grant) -> AuditFilter:
        """The filter, scoped to the actor's municipality (any, for a supervisor who says so)."""
        return AuditFilter(
            municipality=grant.municipality or actor.municipality,
            actor_id=self.actor_id,
            plan_id=self.plan_id,
            unit_id=self.unit_id,
            event_types=self.event_types,
            recorded_from=self.recorded[0],
            recorded_to=self.recorded[1],
            effective_from=self.effective[0],
            effective_to=self.effective[1],
        )


COLUMNS = list(HistoryEntryOut.model_fields)


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return HistoryEntryOut.model_validate(row).model_dump(mode="json")


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A header row, then one row per entry; `changes` is a JSON list in its cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for count, row in enumerate(rows, 1):
        shown = _shown(row)
        shown["changes"] = json.dumps(shown["changes"], ensure_ascii=False)
        writer.writerow([shown[column] for column in COLUMNS])
        if count % CSV_SLICE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield HistoryEntryOut.model_validate(row).model_dump_json() + "\n"
