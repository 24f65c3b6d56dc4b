"""Renders the event catalogue in docs/events.md from the event classes themselves."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from application.idempotency import IdempotencyRecord
from domain.person_index import PersonPlanIndex
from domain.plan import Plan

START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"
BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}


def event_classes(aggregate: type[Any]) -> list[type[Any]]:
    """Our own event classes; `Event` and `Created` are the library's generated defaults."""
    return [
        value
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, aggregate.Event)
        and name not in ("Event", "Created")
    ]


def _row(event: type[Any]) -> str:
    own = [
        f"`{f.name}: {f.type}`".replace("|", "\\|")
        for f in fields(event)
        if f.name not in BASE_FIELDS
    ]
    version = getattr(event, "class_version", 1)
    doc = _written_doc(event)
    return f"| `{event.__qualname__}` | {version} | {', '.join(own) or '—'} | {doc} |"


def _written_doc(event: type[Any]) -> str:
    """The docstring we wrote: the library re-creates event classes, and dataclass() fills an
    empty docstring with the signature."""
    for klass in event.__mro__:
        doc = klass.__dict__.get("__doc__")
        if klass.__name__ != event.__name__ or klass.__module__.startswith("eventsourcing"):
            continue
        if doc and not doc.startswith(f"{klass.__name__}("):
            return str(doc).strip()
    return ""


def render() -> str:
    lines = [START]
    for aggregate in (Plan, PersonPlanIndex, IdempotencyRecord):
        lines += [
            f"\n### `{aggregate.__module__}:{aggregate.__qualname__}`\n",
            "| event | version | fields (besides `meta`) | what happened |",
            "|---|---|---|---|",
        ]
        lines += [_row(event) for event in event_classes(aggregate)]
    lines.append(END)
    return "\n".join(lines)


def write(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(before + render() + after, encoding="utf-8")
