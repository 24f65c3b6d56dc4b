"""Profiles: what kind of life a synthetic plan has; whether it is *virksom* on the reference date.

A plan is virksom on a reference date (domain.md §5) when: a coordinator is appointed now, a consent
to the plan is in force and it has ≥ 1 goal or measure; there was plan activity (goal, measure,
meeting or evaluation events) in the last 180 days; the latest evaluation lies within 365 days and
the next revision date is not more than 30 days overdue. A closed or suspended plan is not virksom.
About 7 % of plans are dealt the VIRKSOM profile; every other profile fails at least one criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from random import Random

from bench.clock import seeded
from domain.configuration import DEFAULTS
from domain.plan import Plan, local_date

# The thresholds are the deployment-wide defaults (domain/configuration.py), not copies.
ACTIVITY_DAYS = DEFAULTS.activity_window_days
EVALUATION_DAYS = DEFAULTS.evaluation_interval_days
REVISION_GRACE_DAYS = DEFAULTS.revision_grace_days
HISTORY_DAYS = 6 * 365
DECK_SIZE = 100


class Profile(StrEnum):
    VIRKSOM = "virksom"
    NO_COORDINATOR = "no_coordinator"
    STALE = "stale"
    NEVER_EVALUATED = "never_evaluated"
    EVALUATION_OLD = "evaluation_old"
    REVISION_OVERDUE = "revision_overdue"
    CLOSED = "closed"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    SUSPENDED = "suspended"
    NO_CONTENT = "no_content"
    REFUSED = "refused"
    DECLINED = "declined"
    PENDING = "pending"


# Percent of plans per profile (sums to 100).
WEIGHTS: dict[Profile, int] = {
    Profile.VIRKSOM: 7,
    Profile.NO_COORDINATOR: 8,
    Profile.STALE: 18,
    Profile.NEVER_EVALUATED: 7,
    Profile.EVALUATION_OLD: 7,
    Profile.REVISION_OVERDUE: 8,
    Profile.CLOSED: 24,
    Profile.CONSENT_WITHDRAWN: 3,
    Profile.SUSPENDED: 2,
    Profile.NO_CONTENT: 4,
    Profile.REFUSED: 4,
    Profile.DECLINED: 3,
    Profile.PENDING: 5,
}
RECENT = {
    Profile.VIRKSOM,
    Profile.NO_COORDINATOR,
    Profile.NEVER_EVALUATED,
    Profile.EVALUATION_OLD,
    Profile.REVISION_OVERDUE,
    Profile.NO_CONTENT,
}
# The latest day a plan of this profile may start (days before the reference date).
START_AT_LEAST: dict[Profile, int] = {
    Profile.NEVER_EVALUATED: 530,
    Profile.EVALUATION_OLD: 1100,
    Profile.REVISION_OVERDUE: 500,
}
ACTIVITY = (
    Plan.GoalAdded,
    Plan.GoalRevised,
    Plan.GoalConfirmed,
    Plan.GoalAchieved,
    Plan.GoalDropped,
    Plan.MeasureAdded,
    Plan.MeasureStatusChanged,
    Plan.MeetingHeld,
    Plan.EvaluationHeld,
)


def profile_of(index: int, plans: int, seed: int) -> Profile:
    """Plan `index`'s profile: exact shares in every block of 100 plans (and in the last one)."""
    block, position = divmod(index, DECK_SIZE)
    size = min(DECK_SIZE, plans - block * DECK_SIZE)
    return deck(size, seeded(seed, "deck", block))[position]


def deck(size: int, rng: Random) -> list[Profile]:
    """`size` profiles in proportion to WEIGHTS (largest remainder), shuffled."""
    exact = {p: size * w / DECK_SIZE for p, w in WEIGHTS.items()}
    counts = {p: int(x) for p, x in exact.items()}
    by_remainder = sorted(exact, key=lambda p: exact[p] - counts[p], reverse=True)
    for profile in by_remainder[: size - sum(counts.values())]:
        counts[profile] += 1
    cards = [p for p, n in counts.items() for _ in range(n)]
    rng.shuffle(cards)
    return cards


@dataclass(frozen=True)
class Window:
    """The first and last day of a plan's recorded life."""

    start: date
    end: date


def window(profile: Profile, rng: Random, today: date, *, min_days: int = 60) -> Window:
    earliest = today - timedelta(days=HISTORY_DAYS)
    if profile in RECENT:
        end = today - timedelta(days=rng.randint(1, 120))
    elif profile in (Profile.STALE, Profile.SUSPENDED):
        end = today - timedelta(days=rng.randint(200, HISTORY_DAYS - min_days - 30))
    elif profile == Profile.PENDING:
        end = today - timedelta(days=rng.randint(1, 60))
    else:
        end = today - timedelta(days=rng.randint(1, HISTORY_DAYS - min_days - 30))
    start = end - timedelta(days=_life_days(profile, rng, min_days))
    if profile in START_AT_LEAST:
        start = min(start, today - timedelta(days=START_AT_LEAST[profile] + rng.randint(0, 200)))
    return Window(max(start, earliest), end)


def _life_days(profile: Profile, rng: Random, min_days: int) -> int:
    if profile == Profile.PENDING:
        return rng.randint(0, 40)
    if profile in (Profile.REFUSED, Profile.DECLINED):
        return rng.randint(10, 90)
    days = int(rng.lognormvariate(6.4, 0.75))
    if profile == Profile.NO_CONTENT:
        days = min(days, 500)
    return max(min_days, days)


def assess(plan: Plan, events: Sequence[Plan.Event], today: date) -> tuple[str, ...]:
    """The criteria `plan` fails on `today` (empty: the plan is virksom), as the generator deals
    them: a check that each profile's plans fail what the profile says, from the aggregate the
    generator holds. The figure itself is judged by the read model (its timelines, checked
    against the set-based query by bench/virksom.py and the property test)."""
    failed = [name for name, fails in _state_checks(plan, today).items() if fails]
    last_activity = next((e for e in reversed(events) if isinstance(e, ACTIVITY)), None)
    if (
        last_activity is None
        or _days_since(last_activity.meta["effective_at"], today) > ACTIVITY_DAYS
    ):
        failed.append("no_recent_activity")
    if not plan.evaluations:
        failed.append("never_evaluated")
    elif _days_since(plan.evaluations[-1]["held_at"], today) > EVALUATION_DAYS:
        failed.append("evaluation_too_old")
    revision = plan.next_revision_on
    if revision is None or (today - revision).days > REVISION_GRACE_DAYS:
        failed.append("revision_overdue")
    return tuple(failed)


def _state_checks(plan: Plan, today: date) -> dict[str, bool]:
    return {
        "closed": plan.closed,
        "suspended": plan.suspended,
        "no_coordinator": plan.coordinator is None,
        "no_plan_consent": not plan.has_plan_consent(today),
        "no_goal_or_measure": not plan.goals and not plan.measures,
    }


def _days_since(instant: datetime, today: date) -> int:
    return (today - local_date(instant)).days
