"""What a sitting may do besides meetings and evaluations, each with its weight.

An action returns False when it does not apply (no open measure, content not allowed …); the
sitting then holds a meeting instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bench import content, opening
from bench.life import PlanLife
from bench.people import person_data

Action = Callable[[PlanLife], bool]


def _meeting(life: PlanLife) -> bool:
    content.hold_meeting(life)
    return True


def _advance_measure(life: PlanLife) -> bool:
    waiting = life.open_measures("wished", "applied_for", "granted", "refused")
    running = life.open_measures("started")
    pool = waiting if waiting and (not running or life.chance(0.8)) else running
    if not pool or not life.policy.content:
        return False
    content.advance_measure(life, life.rng.choice(pool))
    return True


def _add_measure(life: PlanLife) -> bool:
    if life.policy.content:
        content.add_measure(life)
    return life.policy.content


def _add_goal(life: PlanLife) -> bool:
    if life.policy.content:
        content.add_goal(life)
    return life.policy.content


def _end_goal(life: PlanLife) -> bool:
    goals = life.open_goals()
    if len(goals) < 2:
        return False
    goal_id = life.rng.choice(goals)
    if life.chance(0.65):
        life.plan.mark_goal_achieved(life.meta(), goal_id=goal_id)
    else:
        life.plan.drop_goal(life.meta(reason=life.reason("goal")), goal_id=goal_id)
    return True


def _revise_or_confirm_goal(life: PlanLife) -> bool:
    goals = life.open_goals()
    if not goals:
        return False
    pending = [g for g in goals if life.plan.goals[g].user_agreement == "pending"]
    if pending:
        life.plan.confirm_goal(life.meta(), goal_id=life.rng.choice(pending))
        return True
    goal = life.plan.goals[life.rng.choice(goals)]
    life.plan.revise_goal(
        life.meta(reason=life.reason("goal")),
        goal_id=goal.goal_id,
        text=f"{goal.text} (justert)",
        user_agreement="agreed",
    )
    return True


def _participants(life: PlanLife) -> bool:
    active = life.active_participants()
    if active and life.chance(0.3):
        life.plan.remove_participant(
            life.meta(reason=life.reason("participant")), participant_id=life.rng.choice(active)
        )
    else:
        content.add_participant(life)
    return True


def _withdraw_sharing(life: PlanLife) -> bool:
    sharing = [
        c.consent_id
        for c in life.plan.consents.values()
        if not c.is_plan_consent and c.withdrawn_at is None
    ]
    if not sharing:
        return False
    life.plan.withdraw_consent(
        life.meta(reason=life.reason("withdraw")), consent_id=life.rng.choice(sharing)
    )
    return True


def _renew_plan_consent(life: PlanLife) -> bool:
    old = life.plan_consents()
    content.give_plan_consent(life)
    for consent_id in old:
        life.plan.withdraw_consent(
            life.meta(reason="Erstattet av nytt samtykke"), consent_id=consent_id
        )
    return True


def _coordinator(life: PlanLife) -> bool:
    if life.plan.coordinator is None or not life.policy.coordinator:
        return False
    reason = life.reason("coordinator")
    if life.chance(0.75):
        current = life.plan.coordinator.person_id
        staff = life.new_staff(exclude={current})
        if staff.person_id == current:
            return False
        life.plan.replace_coordinator(
            life.meta(reason=reason),
            coordinator=person_data(staff),
            handover_note="Overlevering i felles møte med brukeren",
        )
        life.coordinator_actor = staff
        return True
    vacancy_ends = life.day + timedelta(days=life.rng.randint(7, 90))
    if not life.may_skip_to(vacancy_ends):
        return False
    life.plan.record_coordinator_withdrew(life.meta(reason=reason))
    life.coordinator_actor = None
    life.sitting(vacancy_ends)
    if life.chance(0.3):
        life.plan.record_coordinator_declined(
            life.meta(reason=life.reason("decline")), person=life.staff_person()
        )
    opening.appoint_new_coordinator(life)
    return True


def _deputy(life: PlanLife) -> bool:
    if life.plan.deputy is not None and life.chance(0.3):
        life.plan.remove_deputy(life.meta(reason=life.reason("deputy")))
    else:
        opening.appoint_deputy(life)
    return True


def _side_facts(life: PlanLife) -> bool:
    """A need, resource, cooperation partner, mapping or information to the user."""
    kind = life.rng.choices(("need", "resource", "partner", "mapping", "inform"), (3, 2, 2, 1, 1))
    if kind[0] == "need":
        content.record_need(life)
    elif kind[0] == "resource":
        content.record_resource(life)
    elif kind[0] == "partner":
        content.record_partner(life)
    elif kind[0] == "mapping":
        content.record_mapping(life)
    else:
        life.plan.inform_user(life.meta(), about="right_to_coordinator")
    return True


ACTIONS: tuple[Action, ...] = (
    _meeting,
    _advance_measure,
    _add_measure,
    _add_goal,
    _end_goal,
    _revise_or_confirm_goal,
    _participants,
    _withdraw_sharing,
    _renew_plan_consent,
    _coordinator,
    _deputy,
    _side_facts,
)
WEIGHTS = (40, 28, 5, 3, 3, 4, 4, 0.5, 0.5, 1.6, 1, 6)
