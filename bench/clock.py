"""Time for synthetic histories: effective times on each plan's timeline, recorded times after.

The library stamps each event's `timestamp` (the recorded time) with "now" through the event
class's `create_timestamp()`. `recorded_clock()` replaces that method on `Plan.Event` (and so on
every plan event class) for the duration of a `with` block, then restores it: inside, each event
takes the one recorded time the `Timeline` handed to the clock for the command that triggers it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from domain.plan import Plan

MINUTE = timedelta(minutes=1)
TICK = timedelta(milliseconds=1)
EPOCH = datetime.min.replace(tzinfo=UTC)


class RecordedClock:
    """Hands out exactly one recorded time per triggered event."""

    def __init__(self) -> None:
        self._next: datetime | None = None

    def set(self, recorded_at: datetime) -> None:
        self._next = recorded_at

    def read(self) -> datetime:
        recorded_at, self._next = self._next, None
        if recorded_at is None:
            raise RuntimeError("a plan event was triggered without a recorded time from the clock")
        return recorded_at


@contextmanager
def recorded_clock(clock: RecordedClock) -> Iterator[RecordedClock]:
    """Within the block, plan events are stamped by `clock` instead of the wall clock."""
    had_own = "create_timestamp" in vars(Plan.Event)
    original = vars(Plan.Event).get("create_timestamp")
    setattr(Plan.Event, "create_timestamp", staticmethod(clock.read))  # noqa: B010
    try:
        yield clock
    finally:
        if had_own:
            setattr(Plan.Event, "create_timestamp", original)  # noqa: B010
        else:
            delattr(Plan.Event, "create_timestamp")


def seeded(*parts: object) -> Random:
    """A reproducible random stream for one purpose, e.g. `seeded(seed, "plan", 17)`."""
    return Random(":".join(map(str, parts)))  # noqa: S311  (synthetic data, not security)


def at_day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


@dataclass
class Timeline:
    """One plan's clock: effective times move forward by sittings; recorded times lag behind them.

    A sitting is one working session on one day (a meeting and what was decided in it); everything
    in it is registered together, usually the same day, sometimes days or weeks later. Recorded
    times strictly increase and stay below `horizon` (the start of the reference day).
    """

    rng: Random
    horizon: datetime
    clock: RecordedClock
    cursor: datetime = EPOCH
    last_recorded: datetime | None = None
    lag: timedelta = timedelta(0)

    def sitting(self, day: date) -> None:
        """Start a sitting on `day` (never before the current effective time)."""
        start = at_day_start(day) + timedelta(hours=self.rng.uniform(6.5, 13.5))
        if start > self.cursor:
            self.cursor = start
        else:
            self.cursor += MINUTE * self.rng.randint(5, 60)
        self.lag = self._lag()

    def stamp(self) -> tuple[datetime, datetime]:
        """The next event's (effective, recorded) time; the recorded time is set on the clock."""
        effective = self.cursor
        self.cursor += MINUTE * self.rng.randint(1, 12)
        recorded = effective + self.lag
        if self.last_recorded is not None:
            recorded = max(recorded, self.last_recorded + TICK * self.rng.randint(1_000, 90_000))
        if recorded >= self.horizon:
            recorded = max(effective, (self.last_recorded or effective) + TICK)
        if recorded >= self.horizon:
            raise ValueError(f"recorded time {recorded} would not lie in the past")
        self.last_recorded = recorded
        self.clock.set(recorded)
        return effective, recorded

    @property
    def today(self) -> date:
        return self.cursor.date()

    def _lag(self) -> timedelta:
        draw = self.rng.random()
        if draw < 0.65:
            return timedelta(hours=self.rng.uniform(0.2, 6))
        if draw < 0.95:
            return timedelta(days=self.rng.randint(1, 5), hours=self.rng.uniform(0, 3))
        return timedelta(days=self.rng.randint(6, 30))
