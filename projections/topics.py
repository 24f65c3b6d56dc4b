"""Event topics of an aggregate, to filter the log in the database."""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import get_topic


def topics_of(aggregate: type[Any]) -> tuple[str, ...]:
    return tuple(
        get_topic(value)
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, aggregate.Event)
        and name not in ("Event", "Created")
    )
