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
from projections import virksom_sums as sums

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
    # per goal: added, formulated by the user, latest agreed, added with the user's own login,
    # latest agreed with the user's own login (domain.facts.agreed_by)
    goals: dict[str, list[Any]] = field(default_factory=dict)

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
            goal = self.goals.setdefault(f[ITEM], [False, False, None, False, False])
            own = v.goal_whose(f[VALUE]) == "user"
            goal[0] = goal[0] or kind == v.GOAL_ADDED
            goal[1] = goal[1] or (kind == v.GOAL_ADDED and v.goal_formulated_by(f[VALUE]) == "user")
            goal[2] = f[FLAG]
            goal[3] = goal[3] or (kind == v.GOAL_ADDED and own)
            goal[4] = bool(f[FLAG]) and own

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
        row["goals_by_user_self"] = sum(1 for goal in added if goal[3] or goal[4])
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


def intervals(
    facts: list[Compact], since: int | None = None, key: Any = None
) -> list[dict[str, Any]]:
    """The plan's timeline: consecutive intervals with their state (identical ones merged);
    with `since` (a day's ordinal, itself the effective date of a fact), only the intervals from
    that day on. Facts before it are folded without taking snapshots: that is the cheap part."""
    if not facts:
        return []
    ordered = sorted(facts, key=_order)
    start = ordered[0][EFFECTIVE_ON] if since is None else max(since, ordered[0][EFFECTIVE_ON])
    days = {f[EFFECTIVE_ON] for f in facts} | _expiries(facts)
    fold, next_fact = _Fold(), 0
    result: list[dict[str, Any]] = []
    breaks = sorted(d for d in days if d >= start)
    for number, day in enumerate(breaks):
        while next_fact < len(ordered) and ordered[next_fact][EFFECTIVE_ON] <= day:
            fold.add(ordered[next_fact])
            next_fact += 1
        _extend(result, fold.snapshot(day), day, breaks[number + 1 : number + 2])
    while next_fact < len(ordered):  # the rest, for the cache
        fold.add(ordered[next_fact])
        next_fact += 1
    if key is not None:
        _FOLDS.remember(key, facts, fold, ordered[-1])
    return [{"valid_from": i["valid_from"], "valid_to": i["valid_to"]} | i["state"] for i in result]


def latest_intervals(facts: list[Compact], since: int, key: Any) -> list[dict[str, Any]]:
    """As `intervals(facts, since)`, in constant time when the last fact is the latest in effect
    of the plan and the fold of the ones before it is still cached (the common case)."""
    fold = _FOLDS.extended(key, facts)
    if fold is None:
        return intervals(facts, since, key)
    breaks = sorted({since} | {d for d in _FOLDS.expiries(key) if d > since})
    result: list[dict[str, Any]] = []
    for number, day in enumerate(breaks):
        _extend(result, fold.snapshot(day), day, breaks[number + 1 : number + 2])
    return [{"valid_from": i["valid_from"], "valid_to": i["valid_to"]} | i["state"] for i in result]


def _extend(
    result: list[dict[str, Any]], state: dict[str, Any], day: int, after: list[int]
) -> None:
    until = date.fromordinal(after[0]) if after else OPEN
    if result and result[-1]["state"] == state:
        result[-1]["valid_to"] = until
    else:
        result.append({"valid_from": date.fromordinal(day), "valid_to": until, "state": state})


def _order(f: Compact) -> tuple[int, int]:
    return f[EFFECTIVE_US], f[POSITION]


def _expiries(facts: list[Compact]) -> set[int]:
    return {f[ON_DATE] + 1 for f in facts if f[KIND] == v.CONSENT_GIVEN and f[ON_DATE]}


class _FoldCache:
    """The fold of each recently revised plan's facts, so the next fact in effective order only
    adds itself. Checked against the facts it was made from (their number and the last one), so
    a batch rolled back or a plan revised by another process is refolded; bounded, so memory
    stays flat however long the log."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.entries: dict[Any, tuple[int, Compact, Compact, _Fold, set[int]]] = {}

    def remember(self, key: Any, facts: list[Compact], fold: _Fold, latest: Compact) -> None:
        if len(self.entries) >= self.size:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = (len(facts), facts[-1], latest, fold, _expiries(facts))

    def extended(self, key: Any, facts: list[Compact]) -> _Fold | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] != len(facts) - 1 or entry[1] != facts[-2]:
            return None
        new = facts[-1]
        if _order(new) < _order(entry[2]):
            return None
        count, _, _, fold, expiries = entry
        fold.add(new)
        if new[KIND] == v.CONSENT_GIVEN and new[ON_DATE]:
            expiries.add(new[ON_DATE] + 1)
        self.entries[key] = (count + 1, new, new, fold, expiries)
        return fold

    def expiries(self, key: Any) -> set[int]:
        return self.entries[key][4]


_FOLDS = _FoldCache()


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
    "goals_by_user_self",
    "meetings",
    "meetings_with_user",
)
COUNTS = frozenset(
    ("goals", "goals_by_user", "goals_by_user_self", "meetings", "meetings_with_user")
)
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
    was recorded) and rewritten with the new version, recorded from then. The running sums of
    the figures (virksom_sums.py) get the difference when the batch ends (`sums.settle`)."""
    plan["facts"] = [*plan["facts"], compact(fact)]
    plan_id, day, slots = plan["plan_id"], fact["effective_on"], plan["slots"]
    old: dict[int, dict[str, Any]] = {}
    first = slots - 1  # find the slot containing the day: usually the last one
    while first >= 0:
        old[first] = batch.get("timeline", plan_id, first)
        if old[first]["valid_from"] <= day:
            break
        first -= 1
    if first < 0:  # before the timeline began: all of it is new
        new = intervals(plan["facts"], key=plan_id)
        old |= {slot: batch.get("timeline", plan_id, slot) for slot in range(slots)}
        first = 0
    else:
        new = latest_intervals(plan["facts"], day.toordinal(), plan_id)
        kept = _interval(old[first]) | {"valid_to": day}
        if kept["valid_from"] < day and _state(kept) != _state(new[0]):
            new.insert(0, kept)
        elif kept["valid_from"] < day:
            new[0]["valid_from"] = kept["valid_from"]
    _write(batch, plan, old, new, first, fact["recorded_at"])
    plan["slots"] = first + len(new)
    sums.defer(plan, new[0]["valid_from"].toordinal())  # figures as known now, from there on


def _write(
    batch: Any,
    plan: dict[str, Any],
    old: dict[int, dict[str, Any]],
    new: list[dict[str, Any]],
    first: int,
    recorded: Any,
) -> None:
    """Write `new` into the slots from `first` on (emptying slots it no longer needs)."""
    for slot in range(first, max(first + len(new), plan["slots"])):
        before = old.get(slot)
        after = new[slot - first] if slot - first < len(new) else EMPTY
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
