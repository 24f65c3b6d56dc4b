"""The first weeks of a plan: request, decision, consent, coordinator, and the first plan work."""

from __future__ import annotations

from datetime import timedelta

from bench import content
from bench import vocabulary as words
from bench.life import PlanLife
from bench.people import person_data
from domain.plan import Plan
from domain.values import Channel


def receive_request(life: PlanLife) -> None:
    life.sitting(life.window.start)
    source = life.rng.choices(words.SOURCES, words.SOURCE_WEIGHTS)[0]
    life.open(
        Plan.receive_request(
            life.meta(channel=Channel.LETTER if source in ("gp", "hospital") else Channel.DIGITAL),
            municipality=life.office.municipality,
            responsible_unit=dict(life.office.coordinating_unit),
            subject=life.user.subject(),
            source=source,
            description="Melding om behov for langvarige og koordinerte tjenester",
        )
    )
    if life.chance(0.7):
        life.plan.inform_user(life.meta(channel=Channel.LETTER))


def grant(life: PlanLife) -> None:
    life.sitting(life.day_after(life.day, 3, 30))
    life.plan.decide(
        life.meta(),
        outcome="granted",
        decision_reference=f"{life.day.year}/{life.rng.randint(100, 99999)}",
        complaint_information_given=True,
    )


def appoint_coordinator(life: PlanLife, *, appoint: bool = True) -> None:
    """Responsibility to a unit; sometimes people decline first; then (usually) an appointment."""
    life.sitting(life.day_after(life.day, 0, 14))
    unit = life.rng.choice(life.office.units)
    life.plan.assign_coordinator_responsibility(life.meta(), unit=dict(unit))
    declines = life.rng.choices((0, 1, 2), (80, 15, 5))[0] + (0 if appoint else 1)
    for _ in range(declines):
        life.plan.record_coordinator_declined(
            life.meta(reason=life.reason("decline")), person=life.staff_person()
        )
    if appoint:
        appoint_new_coordinator(life)


def appoint_new_coordinator(life: PlanLife) -> None:
    staff = life.new_staff()
    life.plan.appoint_coordinator(life.meta(actor=life.clerk()), coordinator=person_data(staff))
    life.coordinator_actor = staff
    if life.plan.deputy is None and life.chance(0.3):
        appoint_deputy(life)


def appoint_deputy(life: PlanLife) -> None:
    current = {life.coordinator_actor.person_id} if life.coordinator_actor else set()
    if life.plan.deputy is not None:
        current.add(life.plan.deputy.person_id)
    deputy = person_data(life.new_staff(exclude=current))
    if deputy["person_id"] in current:
        return
    reason = life.reason("deputy") if life.plan.deputy is not None else None
    life.plan.appoint_deputy(life.meta(reason=reason), deputy=deputy)


def start_work(life: PlanLife, *, with_content: bool = True) -> None:
    """Consent, mapping, participants and (unless no content) goals, measures and a period."""
    life.sitting(life.day_after(life.day, 0, 10), correlated=True)
    content.give_plan_consent(life)
    life.sitting(life.day_after(life.day, 7, 40), correlated=True)
    content.record_mapping(life)
    for _ in range(life.rng.randint(1, 4)):
        content.add_participant(life)
    for _ in range(life.rng.randint(0, 2)):
        content.record_resource(life)
    for _ in range(life.rng.randint(1, 3)):
        content.record_need(life)
    if with_content:
        first_goals_and_measures(life)


def first_goals_and_measures(life: PlanLife) -> None:
    for _ in range(life.rng.randint(1, 4)):
        content.add_goal(life)
    for _ in range(life.rng.randint(1, 4)):
        content.add_measure(life)
    life.plan.set_period(
        life.meta(),
        starts_on=life.day,
        ends_on=life.day + timedelta(days=365 * 3) if life.chance(0.3) else None,
        next_revision_on=life.day + timedelta(days=life.rng.randint(150, 365)),
    )
    for _ in range(life.rng.randint(0, 2)):
        content.record_partner(life)
    content.agree_and_deliver(life)
