"""The participation evidence pack: one participatory plan shows no gaps; each way of leaving the
user out raises exactly its flag. The pack is a pure function of the events and the period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.evidence import Period, build_pack, digest
from domain.plan import Plan, local_date
from tests.domain.builders import events_of, meta, requested_plan

DAY = timedelta(days=1)
TODAY = local_date(meta().effective_at)
PERIOD = Period(TODAY - 300 * DAY, TODAY - DAY)
USER = {"name": "Ola Nordmann", "role": "user"}
NINE_POINTS = {"consent": "h", "coordinator": "c"}  # what is left out, and the point it breaks


def ago(days: int) -> timedelta:
    return days * DAY


def life(*left_out: str) -> Plan:
    """A plan where the user took part in everything, except what `left_out` names."""
    plan = Plan.receive_request(
        meta(ago=ago(300)),
        municipality="5001",
        responsible_unit={"unit_id": "u-1", "name": "Koordinerende enhet"},
        subject={"name": "Ola Nordmann", "person_id": "p-1"},
        source="user",
    )
    if "decision" not in left_out:
        plan.decide(meta(ago=ago(300)), outcome="granted", complaint_information_given=False)
    if "complaint_information" not in left_out:
        plan.inform_user(meta(ago=ago(300)), about="right_to_complain")
    consent = plan.give_consent(meta(ago=ago(300)), scope="plan", given_by="user")
    if "content" not in left_out:
        required_content(plan)
    if "coordinator" not in left_out:
        kari = {"person_id": "k", "name": "Kari"}
        plan.appoint_coordinator(meta(ago=ago(300)), coordinator=kari)
    if "mapping" not in left_out:
        plan.record_mapping(meta(ago=ago(290)), users_words="Å klare meg selv hjemme")
    agreement = "pending" if "goal_confirmed" in left_out else "agreed"
    formulated_by = "professional" if "goal_confirmed" in left_out else "user"
    plan.add_goal(
        meta(ago=ago(290)),
        text="Handle selv",
        formulated_by=formulated_by,
        user_agreement=agreement,
    )
    due = TODAY - ago(5) if "measure" in left_out else TODAY + ago(30)
    plan.add_measure(
        meta(ago=ago(280)),
        measure={
            "title": "Fysioterapi",
            "responsible_service": "Fysio",
            "how": "To timer i uka",
            "due_date": due,
        },
    )
    first_revision = TODAY - ago(200) if "evaluation_on_time" in left_out else TODAY - ago(150)
    plan.set_period(
        meta(ago=ago(280)),
        starts_on=TODAY - ago(280),
        ends_on=None,
        next_revision_on=first_revision,
    )
    plan.hold_meeting(
        meta(ago=ago(250)),
        meeting={
            "user_attended": "meeting_user" not in left_out,
            "agenda_prepared_with_user": "agenda" not in left_out,
            "attendees": [USER],
        },
    )
    plan.hold_evaluation(
        meta(ago=ago(160)),
        evaluation={
            "user_took_part": "evaluation_user" not in left_out,
            "users_view": "" if "users_view" in left_out else "Det går bedre",
            "outcome": "Videreføres",
            "next_revision_on": TODAY + ago(100),
        },
    )
    number = plan.agree_version(
        meta(ago=ago(150)), agreed_with_user="version_agreed" not in left_out
    )
    recipient = (
        {"name": "Fastlegen", "role": "service_provider"} if "delivery" in left_out else USER
    )
    plan.deliver_version(
        meta(ago=ago(149)), number=number, recipient=recipient, delivery_channel="letter"
    )
    if "consent" in left_out:  # withdrawn later, dated back to the day it was given
        plan.withdraw_consent(meta("Trakk samtykket", ago=ago(300)), consent_id=consent)
    return plan


def required_content(plan: Plan) -> None:
    """Resources, needs, a participant who shares and contributes, cooperation (points a to i)."""
    plan.record_resource(meta(ago=ago(290)), description="Sterk vilje", in_users_words=True)
    plan.record_need(meta(ago=ago(290)), description="Hjelp til å handle", in_users_words=True)
    nurse = plan.add_participant(
        meta(ago=ago(290)),
        participant={
            "name": "Nina",
            "role": "service_provider",
            "sector": "care",
            "contribution": "Følger til butikken",
        },
    )
    plan.give_consent(meta(ago=ago(290)), scope="sharing", given_by="user", participant_id=nurse)
    plan.record_cooperation_partner(
        meta(ago=ago(290)), partner={"organisation": "NAV Østbyen", "sector": "nav"}
    )


def pack_of(plan: Plan, period: Period = PERIOD, position: int = 100) -> dict[str, object]:
    return build_pack(events_of(plan), period, position)


def flags(plan: Plan) -> set[str]:
    missing = pack_of(plan)["missing"]
    assert isinstance(missing, list)
    return {gap["flag"] for gap in missing}


def test_a_plan_the_user_took_part_in_shows_no_gaps() -> None:
    pack = pack_of(life())
    assert pack["missing"] == []
    assert pack["goals"][0]["formulated_by"] == "user"  # type: ignore[index]
    assert pack["meetings"][0]["user_attended"] is True  # type: ignore[index]
    assert pack["evaluations"][0]["users_view"] == "Det går bedre"  # type: ignore[index]


@pytest.mark.parametrize(
    ("left_out", "flag"),
    [
        ("consent", "no_plan_consent"),
        ("mapping", "no_mapping_in_users_words"),
        ("goal_confirmed", "goal_not_confirmed"),
        ("meeting_user", "meeting_without_user"),
        ("agenda", "agenda_not_prepared_with_user"),
        ("evaluation_user", "evaluation_without_user"),
        ("users_view", "users_view_not_recorded"),
        ("evaluation_on_time", "evaluation_overdue"),
        ("version_agreed", "version_not_agreed_with_user"),
        ("delivery", "version_not_delivered_to_user"),
        ("complaint_information", "no_complaint_information"),
        ("coordinator", "no_coordinator"),
        ("measure", "measure_overdue"),
        ("decision", "no_plan_granted"),
    ],
)
def test_each_way_of_leaving_the_user_out_raises_its_flag(left_out: str, flag: str) -> None:
    also = {"plan_lacks_required_content"} if left_out in NINE_POINTS else set()
    if left_out == "consent":  # what was recorded under the consent is now dated outside it
        also.add("content_before_consent")
    assert flags(life(left_out)) == {flag} | also


def test_a_plan_without_its_required_content_names_the_points_missing() -> None:
    pack = pack_of(life("content"))
    assert pack_of(life("coordinator"))["required_content"]["missing"] == ["c"]  # type: ignore[index]
    assert pack["required_content"]["missing"] == ["a", "b", "d", "i"]  # type: ignore[index]
    assert flags(life("content")) == {"plan_lacks_required_content"}


@pytest.mark.parametrize(
    ("ground", "left_out"),
    [
        ("no_plan", "decision"),
        ("plan_lacks_content", "content"),
        ("lack_of_user_participation", "meeting_user"),
        ("measures_not_delivered", "measure"),
        ("no_coordinator", "coordinator"),
    ],
)
def test_each_ground_of_complaint_is_answered_by_the_gaps_that_bear_on_it(
    ground: str, left_out: str
) -> None:
    assert all(found == [] for found in pack_of(life())["by_ground"].values())  # type: ignore[attr-defined]
    answered = pack_of(life(left_out))["by_ground"]
    assert answered[ground] != []  # type: ignore[index]
    also = {"plan_lacks_content"} if left_out in NINE_POINTS else set()
    assert {g for g, found in answered.items() if found} == {ground} | also  # type: ignore[attr-defined]


def test_a_plan_with_nothing_in_it_lists_everything_missing() -> None:
    plan = requested_plan()
    assert flags(plan) >= {
        "no_plan_consent",
        "no_goals",
        "no_meeting_in_period",
        "no_revision_date",
        "no_version_agreed",
        "no_coordinator",
    }


def test_overrides_by_professionals_are_listed_with_their_reasons() -> None:
    plan = life("goal_confirmed", "version_agreed")
    goal_id = next(iter(plan.goals))
    agreed, pending = "Brukeren formulerte det selv", "Ny formulering etter møtet"
    plan.revise_goal(meta(agreed, ago=ago(120)), goal_id=goal_id, text="A", user_agreement="agreed")
    plan.revise_goal(
        meta(pending, ago=ago(110)), goal_id=goal_id, text="B", user_agreement="pending"
    )
    plan.drop_goal(meta("Brukeren ønsket et annet mål", ago=ago(100)), goal_id=goal_id)
    pack = pack_of(plan)
    overrides = pack["professional_overrides"]
    assert [(o["what"], o["reason"]) for o in overrides] == [  # type: ignore[attr-defined]
        ("goal_formulated_by_professional", None),
        ("version_agreed_without_user", None),
        ("goal_revised_by_professional", pending),
        ("goal_dropped_by_professional", "Brukeren ønsket et annet mål"),
    ]
    wording = pack["goals"][0]["wording"]  # type: ignore[index]
    assert [(w["text"], w["reason"]) for w in wording] == [
        ("Handle selv", None),
        ("A", agreed),
        ("B", pending),
    ]


def test_meetings_outside_the_period_are_left_out_and_the_hash_follows_the_content() -> None:
    plan = life()
    events = events_of(plan)
    late = Period(TODAY - ago(200), TODAY - DAY)
    assert build_pack(events, late, 7)["meetings"] == []
    same = digest(build_pack(events, PERIOD, 7))
    assert same == digest(build_pack(events, PERIOD, 7))
    assert same != digest(build_pack(events, late, 7))


def test_a_fact_dated_before_what_it_refers_to_is_shown_not_dropped() -> None:
    plan = requested_plan()
    plan.give_consent(meta(ago=ago(3)), scope="plan", given_by="user")
    goal = plan.add_goal(meta(), text="Handle selv", formulated_by="user", user_agreement="pending")
    plan.confirm_goal(meta(ago=ago(2)), goal_id=goal)
    window = Period(TODAY - ago(5), TODAY - DAY)
    pack = build_pack(events_of(plan), window, 1)
    assert [o["event"] for o in pack["out_of_order"]] == ["GoalConfirmed"]


def test_the_period_bounds_are_inclusive() -> None:
    assert Period(date(2026, 1, 1), date(2026, 1, 31)).holds(date(2026, 1, 31))
    assert not Period(date(2026, 1, 1), date(2026, 1, 31)).holds(date(2026, 2, 1))
