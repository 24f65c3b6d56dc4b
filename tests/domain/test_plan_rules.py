"""The plan's invariants, one test per rule, in given / when / then form."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain import errors
from domain.plan import Plan
from domain.values import ConsentScope, GoalAuthor, MeasureStatus, Meta, PlanStatus, UserAgreement
from tests.domain.builders import (
    COORDINATOR,
    consented_plan,
    meta,
    plan_with_goal,
    requested_plan,
)

MEASURE = {
    "title": "Hjemmesykepleie",
    "responsible_service": "Hjemmetjenesten",
    "scope": "2 t/uke",
    "how": "Besøk i hjemmet",
}
EVALUATION = {
    "user_took_part": True,
    "user_participation": "til stede",
    "users_view": "Bra",
    "outcome": "Videreføres",
}


def test_goal_is_refused_before_consent_to_the_plan() -> None:
    # given a plan with no consent
    plan = requested_plan()
    # when / then
    with pytest.raises(errors.ConsentRequired):
        plan.add_goal(
            meta(), text="Mål", formulated_by=GoalAuthor.USER, user_agreement=UserAgreement.AGREED
        )
    assert plan.goals == {}


@pytest.mark.parametrize(
    "write",
    [
        lambda p: p.record_mapping(meta(), users_words="Det viktigste er å bo hjemme"),
        lambda p: p.add_measure(meta(), measure=MEASURE),
        lambda p: p.hold_meeting(
            meta(), meeting={"user_attended": True, "agenda_prepared_with_user": True}
        ),
        lambda p: p.hold_evaluation(
            meta(), evaluation=EVALUATION | {"next_revision_on": date.today() + timedelta(days=90)}
        ),
        lambda p: p.add_participant(
            meta(), participant={"name": "Nina", "role": "service_provider", "sector": "care"}
        ),
    ],
    ids=["mapping", "measure", "meeting", "evaluation", "participant"],
)
def test_every_kind_of_plan_content_needs_consent(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.ConsentRequired):
        write(requested_plan())


def test_withdrawn_consent_blocks_content_until_given_again() -> None:
    # given consent that is withdrawn
    plan = consented_plan()
    (consent_id,) = plan.consents
    plan.withdraw_consent(meta("Ønsker ikke plan nå"), consent_id=consent_id)
    # then content is refused
    with pytest.raises(errors.ConsentRequired):
        plan.record_mapping(meta(), users_words="Noe")
    # but the coordinator right still holds without a plan (pbrl § 2-5 b)
    plan.appoint_coordinator(meta(), coordinator={"person_id": "k-1", "name": "Kari"})
    # and consent given again opens content again
    plan.give_consent(meta(), scope=ConsentScope.PLAN, given_by="user")
    plan.record_mapping(meta(), users_words="Noe")
    assert len(plan.mappings) == 1 and plan.consents[consent_id].withdrawn_at is not None


def test_expired_plan_consent_blocks_content() -> None:
    plan = requested_plan()
    plan.give_consent(
        meta(ago=timedelta(days=30)),
        scope=ConsentScope.PLAN,
        given_by="user",
        valid_until=date.today() - timedelta(days=1),
    )
    with pytest.raises(errors.ConsentRequired):
        plan.record_need(meta(), description="Praktisk hjelp", in_users_words=True)


def test_withdrawing_consent_requires_a_reason_and_keeps_history() -> None:
    plan = consented_plan()
    (consent_id,) = plan.consents
    with pytest.raises(errors.ReasonRequired):
        plan.withdraw_consent(meta(), consent_id=consent_id)
    plan.withdraw_consent(meta("Vil ikke dele"), consent_id=consent_id)
    with pytest.raises(errors.AlreadyEnded):
        plan.withdraw_consent(meta("igjen"), consent_id=consent_id)
    assert plan.consents[consent_id].withdrawal_reason == "Vil ikke dele"


def test_consent_by_representative_requires_a_recorded_basis() -> None:
    plan = requested_plan()
    with pytest.raises(errors.RuleViolation) as refused:
        plan.give_consent(
            meta(),
            scope=ConsentScope.PLAN,
            given_by="representative",
            representative={"name": "Verge Vera", "basis": ""},
        )
    assert refused.value.field == "representative.basis"
    plan.give_consent(
        meta(),
        scope=ConsentScope.PLAN,
        given_by="representative",
        representative={"name": "Verge Vera", "basis": "guardianship"},
    )
    assert plan.has_plan_consent(date.today())


def test_sharing_consent_names_an_active_participant() -> None:
    plan = consented_plan()
    with pytest.raises(errors.ParticipantNotFound):
        plan.give_consent(
            meta(), scope=ConsentScope.SHARING, given_by="user", participant_id="nobody"
        )
    pid = plan.add_participant(
        meta(), participant={"name": "Nina", "role": "service_provider", "sector": "care"}
    )
    plan.give_consent(
        meta(),
        scope=ConsentScope.SHARING,
        given_by="user",
        participant_id=pid,
        valid_until=date.today() + timedelta(days=365),
    )
    assert plan.sharing_consent_in_force(pid, date.today())
    assert not plan.sharing_consent_in_force(pid, date.today() + timedelta(days=366))


def test_closed_plan_accepts_only_reopening() -> None:
    plan, goal_id = plan_with_goal()
    plan.close(meta("Behovet er borte"))
    for write in (
        lambda: plan.mark_goal_achieved(meta(), goal_id=goal_id),
        lambda: plan.appoint_coordinator(meta(), coordinator={"person_id": "k", "name": "K"}),
        lambda: plan.give_consent(meta(), scope=ConsentScope.PLAN, given_by="user"),
        lambda: plan.close(meta("igjen")),
        lambda: plan.suspend(meta("soning")),
    ):
        with pytest.raises(errors.PlanClosed):
            write()
    plan.reopen(meta("Nytt behov"))
    plan.mark_goal_achieved(meta(), goal_id=goal_id)
    assert plan.status == PlanStatus.REQUESTED and plan.goals[goal_id].status == "achieved"


def test_closing_and_reopening_require_a_reason() -> None:
    plan = consented_plan()
    with pytest.raises(errors.ReasonRequired):
        plan.close(meta())
    plan.close(meta("Flyttet"))
    with pytest.raises(errors.ReasonRequired):
        plan.reopen(meta())


def test_suspended_plan_refuses_content_until_resumed() -> None:
    plan = consented_plan()
    plan.suspend(meta("Soning"))
    assert plan.status == PlanStatus.SUSPENDED
    with pytest.raises(errors.PlanSuspended):
        plan.record_mapping(meta(), users_words="x")
    plan.resume(meta())
    plan.record_mapping(meta(), users_words="x")


def test_status_change_on_unknown_or_ended_goal_is_refused() -> None:
    plan, goal_id = plan_with_goal()
    with pytest.raises(errors.GoalNotFound):
        plan.mark_goal_achieved(meta(), goal_id="missing")
    plan.drop_goal(meta("Ikke lenger aktuelt"), goal_id=goal_id)
    with pytest.raises(errors.AlreadyEnded):
        plan.mark_goal_achieved(meta(), goal_id=goal_id)
    with pytest.raises(errors.AlreadyEnded):
        plan.revise_goal(
            meta("ny tekst"), goal_id=goal_id, text="x", user_agreement=UserAgreement.AGREED
        )


def test_status_change_on_unknown_or_ended_measure_is_refused() -> None:
    plan = consented_plan()
    with pytest.raises(errors.MeasureNotFound):
        plan.change_measure_status(meta(), measure_id="missing", status=MeasureStatus.STARTED)
    measure_id = plan.add_measure(meta(), measure=MEASURE)
    plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.STARTED)
    plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.ENDED)
    with pytest.raises(errors.AlreadyEnded):
        plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.STARTED)


def test_measure_follows_its_status_machine() -> None:
    plan = consented_plan()
    measure_id = plan.add_measure(meta(), measure=MEASURE)
    with pytest.raises(errors.InvalidTransition):
        plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.GRANTED)
    for status in (MeasureStatus.APPLIED_FOR, MeasureStatus.GRANTED, MeasureStatus.STARTED):
        plan.change_measure_status(meta(), measure_id=measure_id, status=status)
    assert plan.measures[measure_id].status == MeasureStatus.STARTED


def test_refused_measure_carries_its_decision_reference() -> None:
    plan = consented_plan()
    measure_id = plan.add_measure(meta(), measure=MEASURE)
    plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.APPLIED_FOR)
    with pytest.raises(errors.DecisionReferenceRequired) as refused:
        plan.change_measure_status(meta(), measure_id=measure_id, status=MeasureStatus.REFUSED)
    assert refused.value.field == "decision_reference"
    plan.change_measure_status(
        meta(), measure_id=measure_id, status=MeasureStatus.REFUSED, decision_reference="2026/1234"
    )
    assert plan.measures[measure_id].decision_reference == "2026/1234"


def test_measure_must_serve_goals_the_plan_has() -> None:
    plan = consented_plan()
    with pytest.raises(errors.GoalNotFound):
        plan.add_measure(meta(), measure=MEASURE | {"goal_ids": ["nope"]})


def test_evaluation_sets_the_next_revision_date() -> None:
    plan = consented_plan()
    with pytest.raises(errors.NextRevisionDateRequired):
        plan.hold_evaluation(meta(), evaluation=EVALUATION)
    with pytest.raises(errors.RuleViolation):
        plan.hold_evaluation(meta(), evaluation=EVALUATION | {"next_revision_on": date.today()})
    next_on = date.today() + timedelta(days=180)
    plan.hold_evaluation(meta(), evaluation=EVALUATION | {"next_revision_on": next_on})
    assert plan.next_revision_on == next_on


def test_effective_time_in_the_future_is_refused() -> None:
    now = datetime.now(UTC)
    with pytest.raises(errors.EffectiveTimeInFuture) as refused:
        Meta(actor=COORDINATOR, effective_at=now + timedelta(minutes=1), recorded_at=now)
    assert refused.value.field == "effective_at"


def test_effective_time_without_offset_is_refused() -> None:
    now = datetime.now(UTC)
    with pytest.raises(errors.RuleViolation):
        Meta(actor=COORDINATOR, effective_at=now.replace(tzinfo=None), recorded_at=now)


def test_invalid_national_identity_number_is_refused_without_echoing_it() -> None:
    with pytest.raises(errors.InvalidNationalId) as refused:
        requested_plan(national_id="15076500566")
    assert refused.value.field == "subject.national_id"
    assert "15076500566" not in str(refused.value)


def test_d_number_is_accepted() -> None:
    assert requested_plan(national_id="41017512321").subject["national_id"] == "41017512321"


def test_plan_belongs_to_a_four_digit_municipality() -> None:
    with pytest.raises(errors.RuleViolation) as refused:
        Plan.receive_request(
            meta(),
            municipality="trondheim",
            responsible_unit={"unit_id": "u", "name": "KE"},
            subject={"name": "Ola", "person_id": "p"},
            source="user",
        )
    assert refused.value.field == "municipality"


def test_goal_the_user_does_not_want_is_not_added() -> None:
    plan = consented_plan()
    with pytest.raises(errors.GoalNotWantedByUser):
        plan.add_goal(
            meta(),
            text="Flytte på institusjon",
            formulated_by=GoalAuthor.PROFESSIONAL,
            user_agreement=UserAgreement.DISAGREED,
        )
    assert plan.goals == {}


def test_goal_formulated_for_the_user_can_be_confirmed_later() -> None:
    plan = consented_plan()
    goal_id = plan.add_goal(
        meta(),
        text="Delta i arbeidslivet",
        formulated_by=GoalAuthor.PROFESSIONAL,
        user_agreement=UserAgreement.PENDING,
    )
    plan.confirm_goal(meta(), goal_id=goal_id)
    assert plan.goals[goal_id].user_agreement == UserAgreement.AGREED
    with pytest.raises(errors.StateConflict):
        plan.confirm_goal(meta(), goal_id=goal_id)


def test_revised_goal_keeps_its_earlier_wording() -> None:
    plan, goal_id = plan_with_goal()
    plan.revise_goal(
        meta("Justert i møte"),
        goal_id=goal_id,
        text="Handle to ganger i uka",
        user_agreement=UserAgreement.AGREED,
    )
    assert plan.goals[goal_id].history[0]["text"] == "Jeg vil klare å handle selv"


def test_refusal_requires_reason_and_complaint_information() -> None:
    plan = requested_plan()
    with pytest.raises(errors.ReasonRequired):
        plan.decide(meta(), outcome="refused", complaint_information_given=True)
    with pytest.raises(errors.RuleViolation) as refused:
        plan.decide(meta("Ikke behov"), outcome="refused", complaint_information_given=False)
    assert refused.value.field == "complaint_information_given"
    plan.decide(
        meta("Ikke behov for koordinerte tjenester"),
        outcome="refused",
        complaint_information_given=True,
    )
    assert plan.status == PlanStatus.REFUSED
    plan.give_consent(meta(), scope=ConsentScope.PLAN, given_by="user")
    with pytest.raises(errors.PlanRefused):
        plan.record_mapping(meta(), users_words="x")


def test_coordinator_is_replaced_with_a_handover_not_appointed_twice() -> None:
    plan = requested_plan()
    plan.appoint_coordinator(meta(), coordinator={"person_id": "k-1", "name": "Kari"})
    with pytest.raises(errors.CoordinatorConflict):
        plan.appoint_coordinator(meta(), coordinator={"person_id": "k-2", "name": "Per"})
    with pytest.raises(errors.RuleViolation) as refused:
        plan.replace_coordinator(
            meta("Permisjon"), coordinator={"person_id": "k-2", "name": "Per"}, handover_note=" "
        )
    assert refused.value.field == "handover_note"
    plan.replace_coordinator(
        meta("Permisjon"),
        coordinator={"person_id": "k-2", "name": "Per"},
        handover_note="Overlevert i møte 3.3",
    )
    assert plan.coordinator is not None and plan.coordinator.person_id == "k-2"


def test_coordinator_withdrawal_leaves_the_plan_without_coordinator() -> None:
    plan = requested_plan()
    with pytest.raises(errors.CoordinatorConflict):
        plan.record_coordinator_withdrew(meta("Sluttet"))
    plan.appoint_coordinator(meta(), coordinator={"person_id": "k-1", "name": "Kari"})
    plan.record_coordinator_withdrew(meta("Sluttet"))
    assert plan.coordinator is None


def test_meeting_decisions_must_reference_existing_goals_and_measures() -> None:
    plan, goal_id = plan_with_goal()
    base = {"user_attended": False, "agenda_prepared_with_user": False}
    with pytest.raises(errors.MeasureNotFound):
        plan.hold_meeting(
            meta(),
            meeting=base | {"decisions": [{"text": "Starte tiltak", "measure_ids": ["missing"]}]},
        )
    plan.hold_meeting(
        meta(),
        meeting=base | {"decisions": [{"text": "Jobbe videre med målet", "goal_ids": [goal_id]}]},
    )
    assert plan.meetings[0]["decisions"][0]["goal_ids"] == [goal_id]


def test_delivered_version_must_have_been_agreed() -> None:
    plan = consented_plan()
    with pytest.raises(errors.VersionNotFound):
        plan.deliver_version(
            meta(),
            number=1,
            recipient={"name": "Fastlege", "role": "service_provider"},
            delivery_channel="letter",
        )
    number = plan.agree_version(meta(), agreed_with_user=True, summary="Første versjon")
    with pytest.raises(errors.RuleViolation) as free_text:
        plan.deliver_version(
            meta(),
            number=number,
            recipient={"name": "Ola Nordmann", "role": "bruker"},
            delivery_channel="digital",
        )
    assert free_text.value.field == "recipient.role"
    user = {"name": "Ola Nordmann", "role": "user"}
    plan.deliver_version(meta(), number=number, recipient=user, delivery_channel="digital")
    assert plan.versions[0].deliveries[0]["role"] == "user"


def test_every_event_records_who_how_when_and_why() -> None:
    plan = consented_plan()
    plan.close(meta("Behovet er borte", on_behalf_of="p-1", correlation_id="mote-7"))
    closed = plan.collect_events()[-1]
    assert isinstance(closed, Plan.Closed)
    assert closed.meta["actor"]["person_id"] == COORDINATOR.person_id
    assert closed.meta["actor"]["assurance"] == "idporten-loa-substantial"
    assert closed.meta["on_behalf_of"] == "p-1"
    assert closed.meta["correlation_id"] == "mote-7"
    assert closed.meta["channel"] == "meeting"
    assert closed.meta["reason"] == "Behovet er borte"
    assert closed.meta["effective_at"] <= closed.timestamp


@pytest.mark.parametrize(
    ("first", "change"),
    [
        (
            lambda p, m: p.set_period(
                m, starts_on=date.today(), ends_on=None, next_revision_on=date.today()
            ),
            lambda p, m: p.set_period(
                m,
                starts_on=date.today(),
                ends_on=None,
                next_revision_on=date.today() + timedelta(days=30),
            ),
        ),
        (
            lambda p, m: p.assign_coordinator_responsibility(m, unit={"unit_id": "a", "name": "A"}),
            lambda p, m: p.assign_coordinator_responsibility(m, unit={"unit_id": "b", "name": "B"}),
        ),
        (
            lambda p, m: p.appoint_deputy(m, deputy={"person_id": "d-1", "name": "Dag"}),
            lambda p, m: p.appoint_deputy(m, deputy={"person_id": "d-2", "name": "Dina"}),
        ),
    ],
    ids=["period", "coordinator-unit", "deputy"],
)
def test_changing_what_was_set_requires_a_reason(first, change) -> None:  # type: ignore[no-untyped-def]
    # given something already set
    plan = consented_plan()
    first(plan, meta())
    # when it is changed without a reason, then it is refused
    with pytest.raises(errors.ReasonRequired):
        change(plan, meta())
    # and with a reason it is recorded
    change(plan, meta("Endret etter møte"))
    changed = plan.collect_events()[-1]
    assert isinstance(changed, Plan.Event)
    assert changed.meta["reason"] == "Endret etter møte"
