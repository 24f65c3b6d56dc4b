"""What happens to a plan of each profile, from its first day to its last."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from random import Random

from bench import content, ongoing, opening
from bench.life import PlanLife, Policy
from bench.profiles import Profile, Window
from domain.plan import local_date
from domain.values import Channel

INTENSIVE_MIN_DAYS = 1500


def pace(rng: Random) -> tuple[float, int]:
    """Mean days between sittings, and the shortest life such a plan has (long for intensive)."""
    draw = rng.random()
    if draw < 0.004:  # complex cases followed up weekly or more for years: 1 000+ events
        return rng.uniform(1.2, 2.0), INTENSIVE_MIN_DAYS
    if draw < 0.06:
        return rng.uniform(7.0, 14.0), 60
    return min(90.0, max(12.0, rng.lognormvariate(math.log(26), 0.4))), 60


def policy_for(profile: Profile, rng: Random, today: date, window: Window, gap: float) -> Policy:
    if profile == Profile.NEVER_EVALUATED:
        return Policy(evaluations_until=window.start - timedelta(days=1), mean_gap_days=gap)
    if profile == Profile.EVALUATION_OLD:
        until = today - timedelta(days=400 + rng.randint(0, 200))
        return Policy(evaluations_until=until, mean_gap_days=gap)
    if profile == Profile.REVISION_OVERDUE:
        held = today - timedelta(days=rng.randint(121, 330))  # before the last day
        revision = held + timedelta(days=rng.randint(60, (today - held).days - 45))
        return Policy(
            evaluations_until=held - timedelta(days=1),
            forced_evaluation=(held, revision),
            mean_gap_days=gap,
        )
    if profile == Profile.NO_COORDINATOR:
        return Policy(coordinator=rng.random() < 0.6, mean_gap_days=gap)
    if profile == Profile.NO_CONTENT:
        return Policy(content=False, mean_gap_days=gap)
    return Policy(mean_gap_days=gap)


def live(life: PlanLife) -> None:
    SCRIPTS[life.profile](life)


def _working_life(life: PlanLife) -> None:
    """Opening, first plan work and years of follow-up; ends with a sitting on the last day."""
    opening.receive_request(life)
    opening.grant(life)
    opening.appoint_coordinator(life, appoint=life.policy.coordinator)
    opening.start_work(life, with_content=life.policy.content)
    ongoing.live_until(life, life.window.end)
    life.sitting(life.window.end, correlated=True)


def _virksom(life: PlanLife) -> None:
    _working_life(life)
    _ensure_coordinator(life)
    if not life.open_goals():
        content.add_goal(life)
    content.hold_meeting(life)
    _ensure_fresh_evaluation(life)


def _no_coordinator(life: PlanLife) -> None:
    _working_life(life)
    content.hold_meeting(life)
    _ensure_fresh_evaluation(life)
    if life.plan.coordinator is not None:
        life.plan.record_coordinator_withdrew(life.meta(reason=life.reason("coordinator")))


def _not_evaluated_in_time(life: PlanLife) -> None:
    _working_life(life)
    _ensure_coordinator(life)
    content.hold_meeting(life)


def _no_content(life: PlanLife) -> None:
    _working_life(life)
    _ensure_coordinator(life)
    content.hold_meeting(life)
    if life.chance(0.5):
        _ensure_fresh_evaluation(life)


def _stale(life: PlanLife) -> None:
    _working_life(life)
    content.hold_meeting(life)


def _suspended(life: PlanLife) -> None:
    _working_life(life)
    life.plan.suspend(life.meta(reason=life.reason("suspend")))


def _closed(life: PlanLife) -> None:
    _working_life(life)
    if life.chance(0.5):
        content.hold_meeting(life)
    life.plan.close(life.meta(reason=life.reason("close")))


def _consent_withdrawn(life: PlanLife) -> None:
    _working_life(life)
    content.hold_meeting(life)
    for consent_id in life.plan_consents():
        life.plan.withdraw_consent(
            life.meta(reason=life.reason("withdraw"), channel=Channel.PHONE),
            consent_id=consent_id,
        )


def _refused(life: PlanLife) -> None:
    opening.receive_request(life)
    life.sitting(life.window.end)
    life.plan.decide(
        life.meta(reason=life.reason("refuse"), channel=Channel.LETTER),
        outcome="refused",
        decision_reference=f"{life.day.year}/{life.rng.randint(100, 99999)}",
        complaint_information_given=True,
    )
    if life.chance(0.5):
        life.plan.inform_user(life.meta(channel=Channel.LETTER), about="right_to_complain")


def _declined(life: PlanLife) -> None:
    opening.receive_request(life)
    if life.chance(0.5):
        opening.grant(life)
    life.sitting(life.window.end)
    life.plan.record_user_declined(
        life.meta(reason=life.reason("user_declined"), channel=Channel.PHONE)
    )


def _pending(life: PlanLife) -> None:
    opening.receive_request(life)
    if life.chance(0.5):
        opening.grant(life)
    if life.chance(0.4):
        opening.appoint_coordinator(life)  # allowed before consent (pbrl § 2-5 b)


def _ensure_coordinator(life: PlanLife) -> None:
    if life.plan.coordinator is None:
        opening.appoint_new_coordinator(life)


def _ensure_fresh_evaluation(life: PlanLife) -> None:
    """An evaluation within ~300 days whose next revision is not overdue on the reference date."""
    evaluations, revision = life.plan.evaluations, life.plan.next_revision_on
    last = local_date(evaluations[-1]["held_at"]) if evaluations else None
    if last and (life.today - last).days < 300 and revision and revision >= life.today:
        return
    later = life.day + timedelta(days=life.rng.randint(120, 365))
    content.hold_evaluation(life, max(later, life.today + timedelta(days=life.rng.randint(10, 90))))


SCRIPTS: dict[Profile, Callable[[PlanLife], None]] = {
    Profile.VIRKSOM: _virksom,
    Profile.NO_COORDINATOR: _no_coordinator,
    Profile.STALE: _stale,
    Profile.NEVER_EVALUATED: _not_evaluated_in_time,
    Profile.EVALUATION_OLD: _not_evaluated_in_time,
    Profile.REVISION_OVERDUE: _not_evaluated_in_time,
    Profile.CLOSED: _closed,
    Profile.CONSENT_WITHDRAWN: _consent_withdrawn,
    Profile.SUSPENDED: _suspended,
    Profile.NO_CONTENT: _no_content,
    Profile.REFUSED: _refused,
    Profile.DECLINED: _declined,
    Profile.PENDING: _pending,
}
