"""Renders the event catalogue in docs/events.md from the event classes themselves."""

from __future__ import annotations

import typing
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from application.idempotency import IdempotencyRecord
from domain.complaint import Complaint
from domain.payloads import PAYLOADS
from domain.person_index import PersonPlanIndex
from domain.plan import Plan
from domain.read_log import PlanRead

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
    for aggregate in (Plan, Complaint, PlanRead, PersonPlanIndex, IdempotencyRecord):
        lines += [
            f"\n### `{aggregate.__module__}:{aggregate.__qualname__}`\n",
            "| event | version | fields (besides `meta`) | what happened |",
            "|---|---|---|---|",
        ]
        lines += [_row(event) for event in event_classes(aggregate)]
    lines += _parts()
    lines += _vocabularies()
    lines.append(END)
    return "\n".join(lines)


def _type_name(hint: Any) -> str:
    if isinstance(hint, type) and not typing.get_args(hint):
        return hint.__name__
    text = str(hint).replace("typing.", "").replace("datetime.", "")
    return text.replace("domain.values.", "").replace("domain.payloads.", "")


def _parts() -> list[str]:
    """Each typed part an event stores (`domain.payloads`), key by key."""
    lines = ["\n### Parts (`domain.payloads`)\n", "| part | keys |", "|---|---|"]
    for part in PAYLOADS:
        hints = typing.get_type_hints(part, include_extras=True)
        keys = [
            f"`{key}{'?' if _optional(hint) else ''}: {_type_name(_bare(hint))}`".replace(
                "|", "\\|"
            )
            for key, hint in hints.items()
        ]
        lines.append(f"| `{part.__name__}` | {', '.join(keys)} |")
    return lines


def _key(key: str, hint: Any) -> str:
    mark = "?" if _optional(hint) else ""
    return f"`{key}{mark}: {_type_name(_bare(hint))}`".replace("|", "\\|")


def _optional(hint: Any) -> bool:
    return typing.get_origin(hint) is typing.NotRequired


def _bare(hint: Any) -> Any:
    return typing.get_args(hint)[0] if _optional(hint) else hint


def _vocabularies() -> list[str]:
    """Every enum a field or part names, with the values stored."""
    found: dict[str, type[StrEnum]] = {}
    owners: list[Any] = [*PAYLOADS]
    for aggregate in (Plan, Complaint):
        owners += event_classes(aggregate)
    for owner in owners:
        for hint in typing.get_type_hints(owner).values():
            for each in (hint, *typing.get_args(hint)):
                if isinstance(each, type) and issubclass(each, StrEnum):
                    found[f"{each.__module__}.{each.__name__}"] = each
    lines = ["\n### Vocabularies (stored as their values)\n", "| enum | values |", "|---|---|"]
    for name, enum in sorted(found.items()):
        lines.append(f"| `{name}` | {', '.join(f'`{v.value}`' for v in enum)} |")
    return lines


def write(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(before + render() + after, encoding="utf-8")


ACCESS_START, ACCESS_END = "<!-- access:start -->", "<!-- access:end -->"
RELATION = {
    "user": "their own plan",
    "representative": "a plan where their basis is recorded",
    "coordinator": "plans they coordinate or deputise on",
    "service_provider": "plans they take part in, while a sharing consent with them runs",
    "coordinating_unit": "its municipality's plans",
    "unit_leader": "its municipality's plans",
    "supervisor": "plans in its office's municipalities (Helsetilsynet: any), with a purpose",
    "complaint_handler": "its municipality's plans, with a stated purpose",
    "state_complaint_handler": "plans in its office's municipalities, with a stated purpose",
}


def render_access() -> str:
    """The access matrix of `application.access`, as Markdown tables."""
    from application.access import GENERAL_MATRIX, PLAN_ACTIONS, PLAN_MATRIX  # noqa: PLC0415
    from domain.values import Role  # noqa: PLC0415

    head = "| role | reaches | " + " | ".join(f"`{a}`" for a in PLAN_ACTIONS) + " |"
    lines = [ACCESS_START, "", "### On a plan", "", head, "|---|---|" + "---|" * len(PLAN_ACTIONS)]
    for role in Role:
        marks = " | ".join("✔" if a in PLAN_MATRIX[role] else "—" for a in PLAN_ACTIONS)
        lines.append(f"| `{role}` | {RELATION[role]} | {marks} |")
    lines += ["", "### Across plans", "", "| action | roles |", "|---|---|"]
    for action, roles in GENERAL_MATRIX.items():
        names = ", ".join(f"`{r}`" for r in Role if r in roles)
        lines.append(f"| `{action}` | {names} |")
    lines += ["", *_list_views()]
    lines += ["", "### Commands", "", "| action | commands |", "|---|---|"]
    lines += [f"| `{action}` | {names} |" for action, names in _commands_by_action().items()]
    return "\n".join([*lines, "", ACCESS_END])


def _list_views() -> list[str]:
    """Which kinds of field each role sees in a list across plans, and which fields are which."""
    from application.list_view import LIST_FIELDS, LIST_VIEWS, FieldKind  # noqa: PLC0415

    head = "| role | " + " | ".join(f"{kind}s" for kind in FieldKind) + " |"
    lines = ["### Fields in lists", "", head, "|---|" + "---|" * len(FieldKind)]
    for role, kinds in LIST_VIEWS.items():
        marks = " | ".join("✔" if kind in kinds else "null" for kind in FieldKind)
        lines.append(f"| `{role}` | {marks} |")
    lines += ["", "| kind | fields |", "|---|---|"]
    for kind in FieldKind:
        names = ", ".join(f"`{n}`" for n, k in sorted(LIST_FIELDS.items()) if k == kind)
        lines.append(f"| {kind} | {names} |")
    return [*lines, "", "A field not classified here counts as content."]


def _commands_by_action() -> dict[str, str]:
    from application import commands  # noqa: PLC0415

    grouped: dict[str, list[str]] = {"open_case": ["OpenPlan"]}
    for name in sorted(commands.__all__):
        command = getattr(commands, name)
        if (
            isinstance(command, type)
            and issubclass(command, commands.PlanCommand)
            and (command is not commands.PlanCommand)
        ):
            grouped.setdefault(str(command.action), []).append(name)
    return {action: ", ".join(f"`{n}`" for n in names) for action, names in grouped.items()}


def write_access(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, _, rest = text.partition(ACCESS_START)
    _, _, after = rest.partition(ACCESS_END)
    path.write_text(before + render_access() + after, encoding="utf-8")
