"""Plan content, one realistic command each: goals, measures, participants, meetings."""

from __future__ import annotations

from datetime import date, timedelta

from bench import vocabulary as words
from bench.life import PlanLife
from bench.people import representative_actor, user_actor
from domain.values import Channel, GoalAuthor, MeasureStatus, UserAgreement

AUTHORS = (GoalAuthor.USER, GoalAuthor.REPRESENTATIVE, GoalAuthor.PROFESSIONAL)
NEXT_STATUS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    MeasureStatus.WISHED: (("applied_for", "started", "ended"), (65, 25, 10)),
    MeasureStatus.APPLIED_FOR: (("granted", "refused"), (80, 20)),
    MeasureStatus.REFUSED: (("applied_for", "ended"), (40, 60)),
    MeasureStatus.GRANTED: (("started", "ended"), (90, 10)),
    MeasureStatus.STARTED: (("ended",), (1,)),
}


def add_goal(life: PlanLife) -> str:
    author = life.rng.choices(AUTHORS, (50, 20, 30))[0]
    if author == GoalAuthor.REPRESENTATIVE and life.user.representative is None:
        author = GoalAuthor.USER
    pending = author == GoalAuthor.PROFESSIONAL and life.chance(0.5)
    actor = life.actor
    if author == GoalAuthor.USER and life.chance(0.15):
        actor = user_actor(life.user, life.office.municipality)
    return life.plan.add_goal(
        life.meta(actor=actor, channel=Channel.MEETING),
        text=life.rng.choice(words.GOALS),
        formulated_by=author,
        user_agreement=UserAgreement.PENDING if pending else UserAgreement.AGREED,
    )


def add_measure(life: PlanLife) -> str:
    title, service, _sector = life.rng.choice(words.MEASURES)
    goals = life.open_goals()
    linked = life.rng.sample(goals, min(len(goals), life.rng.randint(1, 2)))
    return life.plan.add_measure(
        life.meta(),
        measure={
            "title": title,
            "responsible_service": service,
            "scope": f"{life.rng.randint(1, 20)} timer per uke",
            "how": "Etter avtale med brukeren",
            "responsible_person": life.new_staff().name if life.chance(0.5) else None,
            "due_date": life.day + timedelta(days=life.rng.randint(30, 365)),
            "goal_ids": linked,
        },
    )


def advance_measure(life: PlanLife, measure_id: str) -> None:
    status = life.plan.measures[measure_id].status
    options, weights = NEXT_STATUS[status]
    new = life.rng.choices(options, weights)[0]
    reference = None
    if new in ("granted", "refused") or (new == "started" and life.chance(0.3)):
        reference = f"{life.day.year}/{life.rng.randint(100, 99999)}"
    life.plan.change_measure_status(
        life.meta(), measure_id=measure_id, status=new, decision_reference=reference
    )


def add_participant(life: PlanLife) -> str:
    _title, service, sector = life.rng.choice(words.MEASURES)
    kin = life.chance(0.25)
    participant_id = life.plan.add_participant(
        life.meta(),
        participant={
            "name": life.random_person("x")["name"],
            "role": "next_of_kin" if kin else "service_provider",
            "sector": "other" if kin else sector,
            "organisation": "" if kin else service,
            "contribution": "Støtte i hverdagen" if kin else "Tjenester etter vedtak",
        },
    )
    if life.chance(0.5):
        share_with(life, participant_id)
    return participant_id


def share_with(life: PlanLife, participant_id: str) -> None:
    until = life.day + timedelta(days=365 * life.rng.randint(1, 3)) if life.chance(0.4) else None
    life.plan.give_consent(
        life.meta(channel=Channel.MEETING),
        scope="sharing",
        given_by="user",
        participant_id=participant_id,
        valid_until=until,
    )


def hold_meeting(life: PlanLife) -> None:
    attended = life.chance(0.75)
    attendees = [{"name": life.actor.name, "role": "coordinator"}]
    attendees += [life.random_person("service_provider") for _ in range(life.rng.randint(1, 4))]
    if attended:
        attendees.append({"name": life.user.name, "role": "user"})
    life.plan.hold_meeting(
        life.meta(channel=Channel.MEETING),
        meeting={
            "user_attended": attended,
            "agenda_prepared_with_user": attended and life.chance(0.7),
            "attendees": attendees,
            "minutes": "Gjennomgang av mål og tiltak",
            "decisions": [_decision(life) for _ in range(life.rng.randint(0, 2))],
        },
    )


def _decision(life: PlanLife) -> dict[str, object]:
    goals, measures = life.open_goals(), life.open_measures()
    return {
        "text": life.rng.choice(
            ("Videreføre tiltaket", "Søke om mer hjelp", "Nytt møte om 6 uker")
        ),
        "goal_ids": life.rng.sample(goals, min(1, len(goals))),
        "measure_ids": life.rng.sample(measures, min(1, len(measures))),
    }


def hold_evaluation(life: PlanLife, next_revision_on: date) -> None:
    took_part = life.chance(0.8)
    life.plan.hold_evaluation(
        life.meta(channel=Channel.MEETING),
        evaluation={
            "participants": [{"name": life.actor.name, "role": "coordinator"}],
            "user_took_part": took_part,
            "user_participation": "Deltok i møtet" if took_part else "",
            "users_view": life.rng.choice(words.WORDS) if took_part else "",
            "outcome": life.rng.choice(words.OUTCOMES),
            "next_revision_on": next_revision_on,
        },
    )
    if life.chance(0.6):
        agree_and_deliver(life)


def agree_and_deliver(life: PlanLife) -> None:
    number = life.plan.agree_version(
        life.meta(channel=Channel.MEETING),
        agreed_with_user=life.chance(0.85),
        summary=f"Versjon {len(life.plan.versions) + 1}",
    )
    for recipient in life.rng.sample(words.RECIPIENTS, life.rng.randint(0, 2)):
        life.plan.deliver_version(
            life.meta(channel=Channel.LETTER),
            number=number,
            recipient=dict(recipient),
            delivery_channel=life.rng.choice(("digital", "letter")),
        )


def give_plan_consent(life: PlanLife) -> str:
    representative = life.user.representative
    if representative is None:
        return life.plan.give_consent(
            life.meta(channel=Channel.MEETING), scope="plan", given_by="user"
        )
    actor = representative_actor(life.user, life.office.municipality) if life.chance(0.2) else None
    return life.plan.give_consent(
        life.meta(actor=actor, on_behalf_of=life.user.person_id),
        scope="plan",
        given_by="representative",
        representative=dict(representative),
    )


def record_mapping(life: PlanLife) -> None:
    life.plan.record_mapping(
        life.meta(channel=Channel.HOME_VISIT),
        users_words=life.rng.choice(words.WORDS),
        summary="Kartleggingssamtale hjemme",
    )


def record_resource(life: PlanLife) -> None:
    life.plan.record_resource(
        life.meta(), description=life.rng.choice(words.RESOURCES), in_users_words=True
    )


def record_need(life: PlanLife) -> None:
    life.plan.record_need(
        life.meta(), description=life.rng.choice(words.NEEDS), in_users_words=life.chance(0.5)
    )


def record_partner(life: PlanLife) -> None:
    life.plan.record_cooperation_partner(life.meta(), partner=dict(life.rng.choice(words.PARTNERS)))
