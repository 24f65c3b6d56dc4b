"""A plan's virksom timeline: its state as a function of the reference date D (pure, no I/O).

`intervals(facts)` folds a plan's facts (every fact known so far, in any recorded order) into
intervals of effective dates [valid_from, valid_to) over which everything the verdict reads is
constant: the pair states, the latest activity, update and revision date with their deciding
positions, the consent judgement, the goal counts and the cumulative meeting counts. What still
depends on D inside an interval (D - window <= last activity, ...) is a comparison the query makes
with the thresholds in force, so the timeline does not depend on any threshold.

The intervals start at the plan's first effective date; a new one starts at every effective date
of a fact and the day after each consent's `valid_until` (the consent judgement changes there).
The last interval is open (`OPEN`). The semantics are those of the set-based query in
adapters/readmodels/virksom_queries.py, which stays as the oracle (tests/readmodels/
test_virksom_timeline_oracle.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from projections import virksom_kinds as v

OPEN = date(9999, 12, 31)
# A compact fact as the plan row keeps it: kind, item, value, on_date (ordinal), flag, position,
# effective instant (µs since the epoch), effective date (ordinal).
Compact = list[Any]
KIND, ITEM, VALUE, ON_DATE, FLAG, POSITION, EFFECTIVE_US, EFFECTIVE_ON = range(8)
PAIR_OF = {kind: name for name, pair in v.PAIRS.items() for kind in pair}
ACTIVE, WORK, REVISION = frozenset(v.ACTIVE), frozenset(v.WORK), frozenset(v.REVISION_DATES)
GOAL_KINDS = frozenset((v.GOAL_ADDED, v.GOAL_REVISED, v.GOAL_CONFIRMED))


@dataclass
class _Fold:
    """The state after the facts folded so far (by effective instant, then position)."""

    pairs: dict[str, tuple[str, int]] = field(default_factory=dict)
    activity: tuple[int, int] | None = None  # position, effective date
    update: tuple[int, int] | None = None
    revision: tuple[int, int | None] | None = None  # position, next revision date
    work_position: int | None = None
    meetings: int = 0
    meetings_with_user: int = 0
    consents: dict[str, list[Any]] = field(default_factory=dict)  # given, on_dates, withdrawn
    goals: dict[str, list[Any]] = field(default_factory=dict)  # added, by user, latest flag

    def add(self, f: Compact) -> None:
        kind, position, on = f[KIND], f[POSITION], f[EFFECTIVE_ON]
        if kind in PAIR_OF:
            self.pairs[PAIR_OF[kind]] = (kind, position)
        if kind in ACTIVE:
            self.activity = (position, on)
        if kind == v.EVALUATED or (kind == v.VERSION_AGREED and f[FLAG]):
            self.update = (position, on)
        if kind in REVISION:
            self.revision = (position, f[ON_DATE])
        if kind in WORK and (self.work_position is None or position < self.work_position):
            self.work_position = position
        if kind == v.MEETING:
            self.meetings += 1
            self.meetings_with_user += bool(f[FLAG])
        if kind in (v.CONSENT_GIVEN, v.CONSENT_WITHDRAWN):
            self._consent(f)
        if kind in GOAL_KINDS:
            goal = self.goals.setdefault(f[ITEM], [False, False, None])
            goal[0] = goal[0] or kind == v.GOAL_ADDED
            goal[1] = goal[1] or (kind == v.GOAL_ADDED and f[VALUE] == "user")
            goal[2] = f[FLAG]

    def _consent(self, f: Compact) -> None:
        consent = self.consents.setdefault(f[ITEM], [None, [], None])
        if f[KIND] == v.CONSENT_GIVEN:
            consent[0] = max(consent[0] or 0, f[POSITION])
            consent[1].append(f[ON_DATE])
        else:
            consent[2] = max(consent[2] or 0, f[POSITION])

    def snapshot(self, day: int) -> dict[str, Any]:
        """Everything the verdict reads, on the day with ordinal `day`."""
        row: dict[str, Any] = {}
        for name in v.PAIRS:
            kind, position = self.pairs.get(name, (None, None))
            row[f"{name}_position"] = position
            row[name] = kind
        row["work_position"] = self.work_position
        row["activity_position"], row["last_activity_on"] = _split(self.activity)
        row["update_position"], row["updated_on"] = _split(self.update)
        row["revision_position"], row["next_revision_on"] = _split(self.revision)
        row |= self._consent_row(day)
        added = [goal for goal in self.goals.values() if goal[0]]
        row["goals"] = len(added)
        row["goals_by_user"] = sum(1 for goal in added if goal[1] or goal[2])
        row["meetings"], row["meetings_with_user"] = self.meetings, self.meetings_with_user
        return row

    def _consent_row(self, day: int) -> dict[str, Any]:
        in_force, withdrawn, expired = [], [], []
        for given, on_dates, withdrawal in self.consents.values():
            if given is None:
                continue
            unexpired = any(until is None or until >= day for until in on_dates)
            if withdrawal is not None:
                withdrawn.append(withdrawal)
            elif unexpired:
                in_force.append(given)
            else:
                expired.append(given)
        return {
            "consent_position": max(in_force, default=None),
            "consent_withdrawn_position": max(withdrawn, default=None),
            "consent_expired_position": max(expired, default=None),
        }


def _split(pair: tuple[int, int | None] | None) -> tuple[int | None, date | None]:
    if pair is None:
        return None, None
    position, day = pair
    return position, None if day is None else date.fromordinal(day)


def intervals(facts: list[Compact], since: int | None = None) -> list[dict[str, Any]]:
    """The plan's timeline: consecutive intervals with their state (identical ones merged);
    with `since` (a day's ordinal, itself the effective date of a fact), only the intervals from
    that day on. Facts before it are folded without taking snapshots: that is the cheap part."""
    if not facts:
        return []
    ordered = sorted(facts, key=lambda f: (f[EFFECTIVE_US], f[POSITION]))
    start = ordered[0][EFFECTIVE_ON] if since is None else max(since, ordered[0][EFFECTIVE_ON])
    expiries = {f[ON_DATE] + 1 for f in facts if f[KIND] == v.CONSENT_GIVEN and f[ON_DATE]}
    days = {f[EFFECTIVE_ON] for f in facts} | expiries
    breaks = sorted(d for d in days if d >= start)
    fold, next_fact = _Fold(), 0
    result: list[dict[str, Any]] = []
    for number, day in enumerate(breaks):
        while next_fact < len(ordered) and ordered[next_fact][EFFECTIVE_ON] <= day:
            fold.add(ordered[next_fact])
            next_fact += 1
        state = fold.snapshot(day)
        until = date.fromordinal(breaks[number + 1]) if number + 1 < len(breaks) else OPEN
        if result and result[-1]["state"] == state:
            result[-1]["valid_to"] = until
            continue
        result.append({"valid_from": date.fromordinal(day), "valid_to": until, "state": state})
    return [{"valid_from": i["valid_from"], "valid_to": i["valid_to"]} | i["state"] for i in result]


STATE_COLUMNS = (
    *(f"{name}{suffix}" for name in v.PAIRS for suffix in ("", "_position")),
    "work_position",
    "activity_position",
    "last_activity_on",
    "update_position",
    "updated_on",
    "revision_position",
    "next_revision_on",
    "consent_position",
    "consent_withdrawn_position",
    "consent_expired_position",
    "goals",
    "goals_by_user",
    "meetings",
    "meetings_with_user",
)
COUNTS = frozenset(("goals", "goals_by_user", "meetings", "meetings_with_user"))
# A slot the timeline no longer needs: a range that contains no date.
EMPTY = {"valid_from": OPEN, "valid_to": OPEN} | {
    c: 0 if c in COUNTS else None for c in STATE_COLUMNS
}


def compact(fact: dict[str, Any]) -> Compact:
    """The fact as the plan row keeps it (see `Compact`)."""
    micros = fact["effective_at"].timestamp() * 1_000_000
    return [
        fact["kind"],
        fact["item_id"],
        fact["value"],
        _ordinal(fact["on_date"]),
        fact["flag"],
        fact["position"],
        round(micros),
        fact["effective_on"].toordinal(),
    ]


def _ordinal(day: date | str | None) -> int | None:
    if day is None:
        return None
    return (date.fromisoformat(day[:10]) if isinstance(day, str) else day).toordinal()


def revise(batch: Any, plan: dict[str, Any], fact: dict[str, Any]) -> None:
    """Add `fact` to the plan's timeline. A fact effective on day E changes no interval before
    E, so only the slots from the one containing E are recomputed. Slots whose interval or state
    changed are closed (the old version appended to `timeline_past`, recorded until this fact
    was recorded) and rewritten with the new version, recorded from then."""
    plan["facts"] = [*plan["facts"], compact(fact)]
    plan_id, day = plan["plan_id"], fact["effective_on"]
    old = [batch.get("timeline", plan_id, slot) for slot in range(plan["slots"])]
    first = len(old)
    while first > 0 and old[first - 1]["valid_from"] > day:  # usually the last slot
        first -= 1
    first -= 1  # the slot containing the day, if any
    if first < 0:
        new = intervals(plan["facts"])
    else:
        new = [_interval(row) for row in old[:first]]
        tail = intervals(plan["facts"], since=day.toordinal())
        kept = _interval(old[first]) | {"valid_to": day}
        if kept["valid_from"] < day and _state(kept) != _state(tail[0]):
            new.append(kept)
        elif kept["valid_from"] < day:
            tail[0]["valid_from"] = kept["valid_from"]
        new.extend(tail)
    _write(batch, plan, old, new, max(first, 0), fact["recorded_at"])
    plan["slots"] = len(new)


def _write(
    batch: Any,
    plan: dict[str, Any],
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    first: int,
    recorded: Any,
) -> None:
    for slot in range(first, max(len(new), len(old))):
        before = old[slot] if slot < len(old) else None
        after = new[slot] if slot < len(new) else EMPTY
        if before is not None and all(before[key] == value for key, value in after.items()):
            continue
        if before is not None:
            closed_at = max(recorded, before["recorded_from"])
            batch.append("timeline_past", before | {"recorded_to": closed_at})
        batch.put("timeline", _placed(plan, slot, after, recorded))


def _interval(row: dict[str, Any]) -> dict[str, Any]:
    return {"valid_from": row["valid_from"], "valid_to": row["valid_to"]} | _state(row)


def _state(row: dict[str, Any]) -> dict[str, Any]:
    return {column: row[column] for column in STATE_COLUMNS}


def _placed(plan: dict[str, Any], slot: int, interval: dict[str, Any], recorded: Any) -> Any:
    where = {k: plan[k] for k in ("plan_id", "municipality", "unit_id", "unit_name", "opened_on")}
    return where | {"slot": slot, "recorded_from": recorded} | interval
