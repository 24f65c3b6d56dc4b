"""The complaint: its deadline (pbrl § 7-5 counted by domstolloven §§ 148 and 149) and its steps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.complaint import Complaint, ComplaintStatus, Ground
from domain.errors import ReasonRequired, RuleViolation, StateConflict
from domain.legal import complaint_deadline, rule_on
from domain.values import Actor, Meta

HANDLER = Actor(person_id="kb-1", name="Kim Klage", role="complaint_handler", municipality="5001")
OLA = {"person_id": "p-1", "name": "Ola Nordmann"}


def meta(reason: str | None = None, on: datetime | None = None) -> Meta:
    now = datetime.now(UTC)
    return Meta(actor=HANDLER, effective_at=on or now, recorded_at=now, reason=reason)


def received(knew_on: date, on: datetime | None = None, **kwargs: object) -> Complaint:
    return Complaint.receive(
        meta(on=on),
        plan_id="plan-1",
        municipality="5001",
        complainant=OLA,
        grounds=kwargs.pop("grounds", ["lack_of_user_participation"]),  # type: ignore[arg-type]
        complainants_words="Ingen spurte meg",
        knew_on=knew_on,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("knew_on", "last_day", "because"),
    [
        (date(2026, 10, 7), date(2026, 11, 4), None),  # Wednesday → Wednesday four weeks on
        (date(2026, 3, 7), date(2026, 4, 7), "lørdag"),  # Sat 4 Apr → Easter → Tue 7 Apr
        (date(2026, 3, 5), date(2026, 4, 7), "Skjærtorsdag"),  # Maundy Thursday → Tuesday
        (date(2026, 4, 19), date(2026, 5, 18), "søndag"),  # Sun 17 May → Monday
        (date(2026, 4, 20), date(2026, 5, 18), None),  # Monday 18 May is a working day
        (date(2027, 4, 19), date(2027, 5, 18), "Andre pinsedag; Grunnlovsdag"),  # both → Tue
        (date(2026, 4, 3), date(2026, 5, 4), "Arbeidernes dag"),  # Fri 1 May → Mon 4 May
        (date(2026, 11, 27), date(2026, 12, 28), "Første juledag"),  # 25, 26, 27 Dec → 28
        (date(2026, 12, 4), date(2027, 1, 4), "Første nyttårsdag"),  # 1 Jan (Fri) → Mon 4 Jan
        (date(2026, 12, 3), date(2026, 12, 31), None),  # New Year's Eve is a working day
    ],
)
def test_the_deadline_is_four_weeks_moved_off_weekends_and_public_holidays(
    knew_on: date, last_day: date, because: str | None
) -> None:
    deadline = complaint_deadline(knew_on)
    assert deadline.nominal_day == knew_on + timedelta(weeks=4)
    assert (deadline.last_day, deadline.extended_because) == (last_day, because)


def test_the_rule_applied_is_recorded_with_its_sources() -> None:
    complaint = received(date(2026, 3, 7))
    assert complaint.deadline["rule"] == rule_on(date(2026, 3, 7)).ref_id
    assert complaint.deadline["basis"] == "pasient- og brukerrettighetsloven § 7-5"
    assert "domstolloven §§ 148 og 149" in complaint.deadline["counting"]


def test_a_late_complaint_is_flagged_not_refused() -> None:
    complaint = received(date.today() - timedelta(days=60))
    assert complaint.late is True
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_complaint_posted_on_the_last_day_is_in_time_even_if_it_arrives_later() -> None:
    knew_on = date.today() - timedelta(days=40)
    last_day = complaint_deadline(knew_on).last_day
    assert received(knew_on, submitted_on=last_day).late is False
    assert received(knew_on, submitted_on=last_day + timedelta(days=1)).late is True


@pytest.mark.parametrize("ground", list(Ground))
def test_each_ground_of_domain_md_is_accepted(ground: Ground) -> None:
    assert received(date.today(), grounds=[ground]).grounds == [ground]


def test_unknown_grounds_and_impossible_dates_are_refused() -> None:
    with pytest.raises(RuleViolation) as error:
        received(date.today(), grounds=["bad_weather"])
    assert error.value.field == "grounds"
    with pytest.raises(RuleViolation) as error:
        received(date.today() + timedelta(days=1))
    assert error.value.field == "knew_on"
    with pytest.raises(RuleViolation) as error:
        received(date.today(), period={"from": date(2026, 5, 1), "to": date(2026, 4, 1)})
    assert error.value.field == "period.to"


def test_a_complaint_goes_from_review_with_evidence_to_statsforvalteren_and_a_decision() -> None:
    complaint = received(date.today())
    with pytest.raises(StateConflict):
        complaint.forward(meta(), authority="Statsforvalteren i Trøndelag")  # not reviewed
    with pytest.raises(ReasonRequired):
        complaint.record_review(meta(), outcome="maintained")
    complaint.record_review(meta("Planen er laget med brukeren"), outcome="maintained")
    with pytest.raises(StateConflict) as error:
        complaint.forward(meta(), authority="Statsforvalteren i Trøndelag")
    assert error.value.field == "evidence"
    complaint.attach_evidence(meta(), pack={"sha256": "ab", "position": 9})
    with pytest.raises(StateConflict):
        complaint.decide(meta("Medhold"), outcome="upheld", decision_reference="SF 1")
    complaint.forward(meta(), authority="Statsforvalteren i Trøndelag")
    complaint.decide(meta("Brukeren ble ikke hørt"), outcome="upheld", decision_reference="SF 1")
    assert complaint.status == ComplaintStatus.DECIDED
    with pytest.raises(StateConflict):
        complaint.withdraw(meta())


def test_upheld_by_the_municipality_ends_the_case_there() -> None:
    complaint = received(date.today())
    complaint.record_review(meta("Vi endrer planen sammen med Ola"), outcome="upheld")
    assert complaint.status == ComplaintStatus.RESOLVED_BY_MUNICIPALITY
    with pytest.raises(StateConflict):
        complaint.forward(meta(), authority="Statsforvalteren")


def test_a_changed_plan_is_referred_to_by_its_version() -> None:
    complaint = received(date.today())
    with pytest.raises(RuleViolation) as error:
        complaint.record_review(meta("Endret"), outcome="plan_changed")
    assert error.value.field == "plan_version"
    complaint.record_review(meta("Endret"), outcome="plan_changed", plan_version=12)
    assert complaint.review is not None and complaint.review["plan_version"] == 12
