"""The years of plan work after the start: sittings every few weeks until the plan's last day.

Each sitting does one or two things (a meeting, a measure moving on, a new goal …) and holds the
evaluation when the revision is due. After every sitting the plan is open, not suspended, has a
plan consent in force and (unless the profile forbids it) a coordinator.
"""

from __future__ import annotations

from datetime import date, timedelta

from bench import content, opening
from bench.actions import ACTIONS, WEIGHTS
from bench.life import PlanLife


def live_until(life: PlanLife, end: date) -> None:
    day = life.day
    while (day := _next_day(life, day)) < end:
        life.sitting(day, correlated=True)
        _sitting(life, end)
        day = life.day


def _next_day(life: PlanLife, day: date) -> date:
    gap = max(1, round(life.rng.expovariate(1 / life.policy.mean_gap_days)))
    candidate = day + timedelta(days=gap)
    forced = life.policy.forced_evaluation
    if forced is not None and not life.forced_evaluation_done() and day < forced[0] < candidate:
        return forced[0]
    return candidate


def _sitting(life: PlanLife, end: date) -> None:
    if life.policy.coordinator and life.plan.coordinator is None:
        opening.appoint_new_coordinator(life)
    if _evaluate_if_due(life):
        return
    for _ in range(1 + (life.rng.random() < 0.35)):
        action = life.rng.choices(ACTIONS, WEIGHTS)[0]
        if not action(life):
            content.hold_meeting(life)
    if end > life.day + timedelta(days=400) and life.chance(0.005):
        _pause(life)


def _evaluate_if_due(life: PlanLife) -> bool:
    forced = life.policy.forced_evaluation
    if forced is not None and life.day >= forced[0] and not life.forced_evaluation_done():
        content.hold_evaluation(life, max(forced[1], life.day + timedelta(days=1)))
        return True
    until = life.policy.evaluations_until
    if until is not None and life.day > until:
        return False
    due = life.plan.next_revision_on or life.window.start + timedelta(days=180)
    if life.day < due - timedelta(days=life.rng.randint(0, 30)):
        return False
    content.hold_evaluation(life, life.day + timedelta(days=life.rng.randint(150, 380)))
    if life.chance(0.1):
        _change_period(life)
    return True


def _change_period(life: PlanLife) -> None:
    assert life.plan.next_revision_on is not None
    life.plan.set_period(
        life.meta(reason=life.reason("period")),
        starts_on=life.day,
        ends_on=None,
        next_revision_on=life.plan.next_revision_on,
    )


def _pause(life: PlanLife) -> None:
    """A suspension (prison, institution) or a closing, resumed or reopened months later."""
    back = life.day + timedelta(days=life.rng.randint(30, 300))
    if not life.may_skip_to(back):
        return
    suspend = life.chance(0.6)
    if suspend:
        life.plan.suspend(life.meta(reason=life.reason("suspend")))
    else:
        life.plan.close(life.meta(reason=life.reason("close")))
    life.sitting(back)
    if suspend:
        life.plan.resume(life.meta(reason=life.reason("resume")))
    else:
        life.plan.reopen(life.meta(reason=life.reason("reopen")))
