"""When the plan was without a coordinator, from the pack's coordinator changes.

Judged per day, by the state at the end of the day: a coordinator who withdraws on a day leaves
that day without one, unless another is appointed the same day; an appointment covers its day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

Data = dict[str, Any]


def has_coordinator_after(has: bool, change: str) -> bool:
    if change in ("appointed", "replaced"):
        return True
    return False if change == "withdrew" else has


def days_without_v1(changes: list[Data], start: str, end: str) -> list[str]:
    """Format 1 (kept to rebuild old packs): the period's first day (if none was in place or
    appointed that day) and each day a coordinator withdrew."""
    ordered = sorted(changes, key=lambda c: c["on"])
    has = False
    for change in (c for c in ordered if c["on"] <= start):
        has = has_coordinator_after(has, change["change"])
    days = [] if has else [start]
    for change in (c for c in ordered if start < c["on"] <= end):
        if change["change"] == "withdrew":
            days.append(change["on"])
    return days


def periods_without(changes: list[Data], first: date, end: date) -> list[Data]:
    """Each unbroken run of days from `first` to `end` without a coordinator: its first and last
    day and its length in days."""
    state: dict[date, bool] = {}
    has = False
    for change in sorted(changes, key=lambda c: c["on"]):  # stable: same day in recorded order
        has = has_coordinator_after(has, change["change"])
        state[date.fromisoformat(change["on"])] = has
    before = [day for day in state if day <= first]
    opened: date | None = None if before and state[max(before)] else first
    periods: list[Data] = []
    for day in sorted(d for d in state if first < d <= end):
        if state[day] and opened is not None:
            periods.append(_period(opened, day - timedelta(days=1)))
            opened = None
        elif not state[day] and opened is None:
            opened = day
    if opened is not None and opened <= end:
        periods.append(_period(opened, end))
    return periods


def _period(first: date, last: date) -> Data:
    return {"from": first.isoformat(), "to": last.isoformat(), "days": (last - first).days + 1}
