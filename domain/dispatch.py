"""Dispatch on event classes, for every consumer of a plan's events (each read model, the evidence
collector): one table per consumer from the event class to its handler.

It is what eventsourcing's projections do with `singledispatchmethod` (`@process_event.register`
on a method annotated with the event class) — the lookup follows the class's MRO — with two
things the library's decorator has not: one handler may take several classes, and a consumer
declares which events it deals with in its own body (`declare`) and which are irrelevant to it
(`ignore`), so that a test can require every event of an aggregate to be one or the other
(`missing`): a new event fails that test until each consumer has decided about it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

H = TypeVar("H", bound=Callable[..., Any])


def event_classes(aggregate: type[Any]) -> list[type[Any]]:
    """The event classes defined on `aggregate` (its base `Event` and `Created` left out)."""
    return [
        value
        for name, value in vars(aggregate).items()
        if isinstance(value, type)
        and issubclass(value, aggregate.Event)
        and name not in ("Event", "Created")
    ]


class Handlers(Generic[H]):
    """Handlers of one consumer, by event class."""

    def __init__(self) -> None:
        self._by_class: dict[type[Any], H] = {}
        self._resolved: dict[type[Any], H | None] = {}
        self.declared: set[type[Any]] = set()
        self.ignored: set[type[Any]] = set()

    def on(self, *classes: type[Any]) -> Callable[[H], H]:
        """Decorator: `handler` handles events of `classes` (and of their subclasses)."""

        def register(handler: H) -> H:
            self.add(dict.fromkeys(classes, handler))
            return handler

        return register

    def add(self, handlers: Mapping[type[Any], H]) -> None:
        self._by_class.update(handlers)
        self._resolved.clear()

    def declare(self, *classes: type[Any]) -> None:
        """Events the consumer deals with in its own body rather than through a handler."""
        self.declared.update(classes)

    def ignore(self, *classes: type[Any]) -> None:
        """Events that are irrelevant to this consumer."""
        self.ignored.update(classes)

    def get(self, event: object) -> H | None:
        """The handler for `event`'s class, or None."""
        kind = type(event)
        try:
            return self._resolved[kind]
        except KeyError:
            found = next((self._by_class[c] for c in kind.__mro__ if c in self._by_class), None)
            self._resolved[kind] = found
            return found

    def handled(self) -> set[type[Any]]:
        return set(self._by_class) | self.declared

    def missing(self, classes: Iterable[type[Any]]) -> list[str]:
        """Names of `classes` this consumer has neither handled, declared nor ignored."""
        decided = self.handled() | self.ignored
        return sorted(c.__qualname__ for c in classes if c not in decided)
