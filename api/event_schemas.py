"""Events as the API shows them: one schema per event type, discriminated by `type`.

The schemas are generated from the event classes themselves (their fields and docstrings, as
`docs/events.md` is), so the description cannot drift from the events. A field holding a
dictionary (`Data`) is typed by the named part it carries (`PARTS`); an event class with a
`Data` field missing there fails at import, so a new one cannot go out untyped.
"""

from __future__ import annotations

import typing
from dataclasses import fields
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, TypeAdapter, create_model

from api.catalogue import BASE_FIELDS, _written_doc, event_classes
from api.complaint_part_schemas import (
    ComplainantOut,
    ComplaintPeriodOut,
    DeadlineOut,
    EvidenceRefData,
)
from api.part_schemas import (
    EvaluationData,
    MeasureData,
    MeetingData,
    ParticipantData,
    PartnerOut,
    PersonOut,
    RecipientOut,
    RepresentativeOut,
    SubjectOut,
    UnitOut,
)
from domain.complaint import Complaint
from domain.plan import Plan

PARTS: dict[str, type[BaseModel]] = {
    "RequestReceived.responsible_unit": UnitOut,
    "RequestReceived.subject": SubjectOut,
    "ConsentGiven.representative": RepresentativeOut,
    "CoordinatorResponsibilityAssigned.unit": UnitOut,
    "CoordinatorAppointed.coordinator": PersonOut,
    "CoordinatorDeclined.person": PersonOut,
    "CoordinatorWithdrew.coordinator": PersonOut,
    "CoordinatorReplaced.previous": PersonOut,
    "CoordinatorReplaced.coordinator": PersonOut,
    "DeputyAppointed.deputy": PersonOut,
    "DeputyRemoved.deputy": PersonOut,
    "ParticipantAdded.participant": ParticipantData,
    "MeasureAdded.measure": MeasureData,
    "CooperationPartnerRecorded.partner": PartnerOut,
    "MeetingHeld.meeting": MeetingData,
    "EvaluationHeld.evaluation": EvaluationData,
    "VersionDelivered.recipient": RecipientOut,
    "Complaint.Received.complainant": ComplainantOut,
    "Complaint.Received.period": ComplaintPeriodOut,
    "Complaint.Received.deadline": DeadlineOut,
    "Complaint.EvidenceAttached.pack": EvidenceRefData,
}


class ActorOut(BaseModel):
    person_id: str
    name: str
    role: str
    organisation: str = ""
    unit: str = ""
    municipality: str = ""
    assurance: str = ""


class EventOut(BaseModel):
    """What every event shows: who, when (effective and recorded), how and why."""

    version: int = Field(description="The aggregate's version this event made (1, 2, 3 …).")
    type: str = Field(description="The event type; `data` has that type's fields.")
    recorded_at: datetime
    effective_at: datetime
    actor: ActorOut
    on_behalf_of: str | None
    channel: str
    reason: str | None
    correlation_id: str | None
    request_id: str | None


def _field_type(event: type[Any], key: str, name: str) -> Any:
    """The schema of one event field. A typed part (`domain.payloads`) is shown by its named API
    schema (`PARTS`); an enum field keeps `str` in the schema, as the API has always shown it
    (the values are listed in `docs/events.md`)."""
    hint = typing.get_type_hints(event)[name]
    args = typing.get_args(hint)
    optional = type(None) in args
    plain = next(a for a in args if a is not type(None)) if optional else hint
    if typing.is_typeddict(plain) or plain == dict[str, Any]:
        part = PARTS.get(f"{key}.{name}")
        if part is None:
            raise LookupError(f"event field {key}.{name} holds a part: name its schema in PARTS")
        return part | None if optional else part
    if isinstance(plain, type) and issubclass(plain, StrEnum):
        return str | None if optional else str
    if typing.get_origin(plain) is list and _is_enum(typing.get_args(plain)[0]):
        return list[str]
    return hint


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, StrEnum)


def _schema(event: type[Any], prefix: str) -> type[EventOut]:
    name = event.__name__
    key = f"{prefix}.{name}" if prefix else name
    own = {
        f.name: (_field_type(event, key, f.name), ...)
        for f in fields(event)
        if f.name not in BASE_FIELDS
    }
    doc = _written_doc(event)
    data = create_model(f"{prefix}{name}Data", __doc__=doc, **own)  # type: ignore[call-overload]
    model: type[EventOut] = create_model(
        f"{prefix}{name}Event",
        __base__=EventOut,
        __doc__=doc,
        type=(Literal[name], ...),  # type: ignore[arg-type]
        data=(data, ...),
    )
    return model


def _union(aggregate: type[Any], prefix: str) -> Any:
    schemas = tuple(_schema(event, prefix) for event in event_classes(aggregate))
    return Annotated[Union[schemas], Field(discriminator="type")]  # noqa: UP007


if TYPE_CHECKING:
    PlanEventOut = EventOut
    ComplaintEventOut = EventOut
else:
    PlanEventOut = _union(Plan, "")
    ComplaintEventOut = _union(Complaint, "Complaint")

_PLAN = TypeAdapter[EventOut](PlanEventOut)
_COMPLAINT = TypeAdapter[EventOut](ComplaintEventOut)


def _shown(event: Plan.Event | Complaint.Event) -> dict[str, Any]:
    meta = event.meta
    return {
        "version": event.originator_version,
        "type": type(event).__name__,
        "recorded_at": event.timestamp,
        "effective_at": meta["effective_at"],
        "actor": ActorOut(**meta["actor"]),
        "on_behalf_of": meta["on_behalf_of"],
        "channel": meta["channel"],
        "reason": meta["reason"],
        "correlation_id": meta["correlation_id"],
        "request_id": meta.get("request_id"),
        "data": {
            f.name: getattr(event, f.name) for f in fields(event) if f.name not in BASE_FIELDS
        },
    }


def plan_event(event: Plan.Event) -> EventOut:
    return _PLAN.validate_python(_shown(event))


def complaint_event(event: Complaint.Event) -> EventOut:
    return _COMPLAINT.validate_python(_shown(event))


class EventPage(BaseModel):
    items: list[PlanEventOut]
    next_after: int | None = Field(
        default=None, description="Pass as `after` for the next page; absent on the last page."
    )
