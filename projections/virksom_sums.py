"""Per-unit running sums of the virksom figures as known now, so a count for D costs O(dates).

With the thresholds fixed, each plan's figures are a step function of the reference date D:
inside an interval of its timeline (projections/virksom_timeline.py) the state is constant, and
the comparisons with the thresholds turn only on a few days (`last_activity_on + window + 1`,
`updated_on + interval + 1`, `next_revision_on + grace + 1`, and a meeting leaving the window
`interval + 1` days after it). The plan row keeps that step function (`pieces`: [day, figures]
from that day on); when a fact changes the timeline from day S on, the function from S on is
recomputed and the *difference* is appended as +/- deltas by day. The store adds the deltas into
one row per (municipality, unit, day) and one per (municipality, unit, month) (`sums` columns of
the TableSpec), so the figures on D are the sum of a unit's month rows before D's month and its
day rows of D's month up to D: a few hundred rows per unit, however many plans.

Only the deployment-wide default thresholds (`domain.configuration.DEFAULTS`) are summed: the
query uses the sums for "known now" questions with those thresholds, and the timelines for the
rest (a past known_at, a threshold override, a municipality's own configuration version in force
on D). docs/decisions/0021-virksom-running-sums.md.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from datetime import date
from operator import sub
from typing import Any, cast

from domain.configuration import DEFAULTS, Thresholds
from projections import virksom_kinds as v

# The figures summed, in this order; each is a count over the plans of a unit (see
# adapters/readmodels/virksom_timeline_queries.FIGURES for the same figures from the timelines).
FIGURES = (
    "plans",
    "virksom",
    "started",
    "in_active_use",
    "updated",
    "suspended",
    "closed",
    "refused",
    "with_consent",
    "goals",
    "goals_by_user",
    "goals_by_user_self",
    "revisions_on_time",
    "meetings",
    "meetings_with_user",
)
ZERO = (0,) * len(FIGURES)
MEETINGS_KEY = "_meetings"  # a plan row's meetings, in memory only (`meetings_of`)
SINCE_KEY = "_sums_since"  # the first day whose figures a batch's facts changed, in memory only
Vector = tuple[int, ...]
Pieces = list[list[Any]]  # [[day ordinal, [figures...]], ...], sorted; zero before the first


def figures_on(state: dict[str, Any], day: int, th: Thresholds, meetings: Any) -> Vector:
    """A plan's figures on `day` (ordinal), from the timeline interval containing it: the same
    judgement as the timeline query's `judged`/`verdicts`/FIGURES."""
    closed = state["closing"] == v.CLOSED
    suspended = state["suspension"] == v.SUSPENDED
    refused = state["decision"] == v.REFUSED
    counted = not (closed or refused)
    started = (
        state["coordinator"] == v.COORDINATOR_ON
        and state["consent_position"] is not None
        and state["work_position"] is not None
    )
    active = _on_or_after(state["last_activity_on"], day - th.activity_window_days)
    in_time = _on_or_after(state["updated_on"], day - th.evaluation_interval_days)
    on_time = _on_or_after(state["next_revision_on"], day - th.revision_grace_days)
    updated = in_time and on_time
    virksom = counted and not suspended and started and active and updated
    window, with_user = meetings.window(day, th.evaluation_interval_days) if counted else (0, 0)
    c = int(counted)
    return (
        c,
        int(virksom),
        c * started,
        c * active,
        c * updated,
        c * suspended,
        int(closed),
        int(refused and not closed),
        c * (state["consent_position"] is not None),
        c * state["goals"],
        c * state["goals_by_user"],
        c * state["goals_by_user_self"],
        c * on_time,
        window,
        with_user,
    )


def _on_or_after(day: date | None, bound: int) -> bool:
    return day is not None and day.toordinal() >= bound


class Meetings:
    """A plan's meetings by effective day, to count those in [D - interval, D]."""

    def __init__(self, facts: list[list[Any]]) -> None:
        from projections.virksom_timeline import EFFECTIVE_ON, FLAG, KIND  # noqa: PLC0415

        held = sorted((f[EFFECTIVE_ON], bool(f[FLAG])) for f in facts if f[KIND] == v.MEETING)
        self.days = [day for day, _ in held]
        self.user_days = [day for day, with_user in held if with_user]

    def add(self, fact: list[Any]) -> None:
        """One more meeting (the fact just added to the plan)."""
        from projections.virksom_timeline import EFFECTIVE_ON, FLAG  # noqa: PLC0415

        insort(self.days, fact[EFFECTIVE_ON])
        if fact[FLAG]:
            insort(self.user_days, fact[EFFECTIVE_ON])

    def window(self, day: int, interval: int) -> tuple[int, int]:
        lo = day - interval
        return (
            bisect_right(self.days, day) - bisect_left(self.days, lo),
            bisect_right(self.user_days, day) - bisect_left(self.user_days, lo),
        )

    def leaving(self, lo: int, hi: int, interval: int) -> list[int]:
        """Days in (lo, hi) on which a meeting leaves the window: a bisection of the sorted days,
        not a scan of every meeting of the plan for every interval (py-spy put the scan at ~3 %
        of the virksom model's rebuild; alternated runs could not tell the two apart)."""
        shift = interval + 1
        first = bisect_right(self.days, lo - shift)
        last = bisect_left(self.days, hi - shift)
        return [d + shift for d in self.days[first:last]]


def pieces(
    intervals: list[dict[str, Any]], opened_on: date, meetings: Meetings, th: Thresholds = DEFAULTS
) -> Pieces:
    """The plan's figures as a step function of D over the intervals given (consecutive, the
    last open-ended): zero before the plan was opened, equal neighbours merged."""
    opened = opened_on.toordinal()
    result: Pieces = []
    for interval in intervals:
        lo = max(interval["valid_from"].toordinal(), opened)
        hi = interval["valid_to"].toordinal()
        if lo >= hi:
            continue
        turns = {lo} | {
            d
            for d in (
                _after(interval["last_activity_on"], th.activity_window_days),
                _after(interval["updated_on"], th.evaluation_interval_days),
                _after(interval["next_revision_on"], th.revision_grace_days),
                *meetings.leaving(lo, hi, th.evaluation_interval_days),
            )
            if d is not None and lo < d < hi
        }
        for day in sorted(turns):
            value = list(figures_on(interval, day, th, meetings))
            if not result or result[-1][1] != value:
                result.append([day, value])
    first = intervals[0]["valid_from"].toordinal() if intervals else opened
    if result and result[0][0] > first:  # zero from the start of the span until opened
        result.insert(0, [first, list(ZERO)])
    return result


def _after(day: date | None, days: int) -> int | None:
    return None if day is None else day.toordinal() + days + 1


def _at(steps: Pieces, starts: list[int], day: int) -> list[int] | Vector:
    i = bisect_right(starts, day) - 1
    return ZERO if i < 0 else steps[i][1]


def _start(piece: list[Any]) -> int:
    return int(piece[0])


def meetings_of(plan: dict[str, Any]) -> Meetings:
    """The plan's meetings, kept on the row in memory while a batch works on it (never stored:
    the store writes its columns only) and extended by the one fact added since, so a plan's
    facts are not sorted again for every fact."""
    from projections.virksom_timeline import KIND  # noqa: PLC0415

    facts = plan["facts"]
    cached = plan.get(MEETINGS_KEY)
    if cached is not None and cached[0] == len(facts):
        return cast("Meetings", cached[1])
    if cached is not None and cached[0] == len(facts) - 1:
        found: Meetings = cached[1]
        if facts[-1][KIND] == v.MEETING:
            found.add(facts[-1])
    else:
        found = Meetings(facts)
    plan[MEETINGS_KEY] = (len(facts), found)
    return found


def defer(plan: dict[str, Any], since: int) -> None:
    """The plan's timeline changed from day `since` (ordinal) on: its figures are revised once
    at the end of the batch (`settle`), however many of its facts the batch holds."""
    pending = plan.get(SINCE_KEY)
    plan[SINCE_KEY] = since if pending is None else min(pending, since)


def settle(batch: Any, th: Thresholds = DEFAULTS) -> None:
    """Revise the figures of every plan whose timeline the batch changed (`defer`), once each.

    The deltas of revising after every fact telescope: their sum is the difference between the
    figures after the batch and before it, so one revision from the earliest day changed gives
    the same sums (decision 0021)."""
    for owner in batch.rows.get("plans", {}).values():
        for plan in owner.values():
            since = plan.pop(SINCE_KEY, None)
            if since is not None:
                revise(batch, plan, _timeline_from(batch, plan, since), th)


def _timeline_from(batch: Any, plan: dict[str, Any], since: int) -> list[dict[str, Any]]:
    """The plan's intervals (timeline rows) from the one containing day `since` on."""
    found = []
    for slot in range(plan["slots"] - 1, -1, -1):
        row = batch.get("timeline", plan["plan_id"], slot)
        found.append(row)
        if row["valid_from"].toordinal() <= since:
            break
    return found[::-1]


def revise(
    batch: Any, plan: dict[str, Any], new: list[dict[str, Any]], th: Thresholds = DEFAULTS
) -> None:
    """The timeline changed from `new[0]["valid_from"]` on (`new` is all of it from there):
    recompute the plan's figures from there and append the differences as deltas. Only the old
    pieces from the one containing that day on are read (a bisection finds them)."""
    if not new:
        return
    since = new[0]["valid_from"].toordinal()
    old: Pieces = plan["pieces"]
    fresh = pieces(new, plan["opened_on"], meetings_of(plan), th)
    if not fresh or fresh[0][0] > since:
        fresh.insert(0, [since, list(ZERO)])
    cut = bisect_left(old, since, key=_start)  # old[:cut] begin before `since`: unchanged
    tail = old[max(cut - 1, 0) :]  # the piece containing `since`, and those after it
    tail_starts, fresh_starts = [p[0] for p in tail], [p[0] for p in fresh]
    turns = sorted({since, *fresh_starts, *(d for d in tail_starts if d > since)})
    before = ZERO
    for day in turns:
        diff = tuple(map(sub, _at(fresh, fresh_starts, day), _at(tail, tail_starts, day)))
        if diff != before:
            _append(batch, plan, day, tuple(map(sub, diff, before)))
            before = diff
    kept = old[:cut]
    for piece in fresh:
        if not kept or kept[-1][1] != piece[1]:
            kept.append(piece)
    plan["pieces"] = kept


def _append(batch: Any, plan: dict[str, Any], day: int, delta: Vector) -> None:
    on = date.fromordinal(day)
    where = {k: plan[k] for k in ("municipality", "unit_id", "unit_name")}
    figures = dict(zip(FIGURES, delta, strict=True))
    batch.append("day_sums", where | {"on_date": on} | figures)
    batch.append("month_sums", where | {"on_date": on.replace(day=1)} | figures)
