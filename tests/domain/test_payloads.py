"""The event is the contract: every persisted field is typed (a primitive, an enum of
`domain.values`, or a part of `domain.payloads`), the API's schema of each part has the part's
keys, and what the demo stores holds to the types (enum values among the enum's)."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import fields
from enum import StrEnum
from typing import Any

import pytest

from api.catalogue import BASE_FIELDS, event_classes
from api.demo import DemoLoader
from api.event_schemas import PARTS
from application.service import Planspor
from domain.complaint import Complaint
from domain.payloads import PAYLOADS
from domain.plan import Plan

AGGREGATES = (Plan, Complaint)


def _event_fields() -> Iterator[tuple[str, str, Any]]:
    for aggregate in AGGREGATES:
        prefix = "Complaint." if aggregate is Complaint else ""
        for event in event_classes(aggregate):
            hints = typing.get_type_hints(event)
            for f in fields(event):
                if f.name not in BASE_FIELDS:
                    yield f"{prefix}{event.__name__}", f.name, hints[f.name]


def _plain(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if type(None) in typing.get_args(hint) else hint


def test_no_persisted_field_is_an_untyped_dict() -> None:
    untyped = [f"{e}.{n}" for e, n, hint in _event_fields() if _plain(hint) == dict[str, Any]]
    assert untyped == []


def test_every_part_an_event_stores_is_a_named_payload_with_its_api_schema() -> None:
    for event, name, hint in _event_fields():
        plain = _plain(hint)
        if typing.is_typeddict(plain):
            assert plain in PAYLOADS, f"{event}.{name}"
            schema = PARTS[f"{event}.{name}"]
            keys = {f.alias or key for key, f in schema.model_fields.items()}
            assert keys == set(typing.get_type_hints(plain)) - {"role_as_recorded"}, name


@pytest.fixture(scope="module")
def stored() -> Iterator[list[Any]]:
    app = Planspor(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    DemoLoader(app).load()
    events = [app.mapper.to_domain_event(s) for s in app.recorder.select_notifications(1, 10**6)]
    yield events
    app.close()


def _check(value: Any, hint: Any, where: str) -> None:
    plain = _plain(hint)
    if value is None:
        assert plain is not hint, f"{where} is None but not optional"
    elif isinstance(plain, type) and issubclass(plain, StrEnum):
        assert value in {m.value for m in plain}, f"{where}: {value!r} not a {plain.__name__}"
    elif typing.is_typeddict(plain):
        hints = typing.get_type_hints(plain)
        for key, each in value.items():
            assert key in hints, f"{where}.{key} is not a key of {plain.__name__}"
            _check(each, hints[key], f"{where}.{key}")
    elif typing.get_origin(plain) is list:
        for item in value:
            _check(item, typing.get_args(plain)[0], f"{where}[]")


def test_what_the_demo_stores_holds_to_the_payload_types(stored: list[Any]) -> None:
    seen = set()
    for event in stored:
        if not isinstance(event, (Plan.Event, Complaint.Event)):
            continue
        hints = typing.get_type_hints(type(event))
        for f in fields(event):
            if f.name not in BASE_FIELDS:
                _check(getattr(event, f.name), hints[f.name], f"{type(event).__name__}.{f.name}")
        seen.add(type(event).__name__)
    assert {"MeasureAdded", "MeetingHeld", "EvaluationHeld", "Received"} <= seen


def test_events_stored_in_the_old_form_load_into_the_payload_types() -> None:
    from tests.domain.test_evidence_formats import stored_events  # noqa: PLC0415

    events = stored_events()
    for event in events:
        hints = typing.get_type_hints(type(event))
        for f in fields(event):
            if f.name not in BASE_FIELDS:
                _check(getattr(event, f.name), hints[f.name], f"{type(event).__name__}.{f.name}")
    assert any(isinstance(e, Plan.VersionDelivered) for e in events)
