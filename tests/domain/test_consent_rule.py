"""One rule decides whether a consent is in force on a day (`domain.facts.consent_in_force`);
the aggregate, the nine points and the evidence pack agree on it, backdated and expired alike."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import errors, required_content
from domain.evidence import Period, build_pack
from domain.facts import consent_in_force, in_force_within
from domain.plan import Plan, local_date
from tests.domain.builders import events_of, meta, requested_plan

DAY = timedelta(days=1)
TODAY = local_date(meta().effective_at)
D = date(2026, 3, 10)


def in_force(on: date, valid_until: date | None = None, withdrawn_on: date | None = None) -> bool:
    return consent_in_force(given_on=D, valid_until=valid_until, withdrawn_on=withdrawn_on, on=on)


def test_a_consent_runs_from_the_day_given_to_its_last_valid_day() -> None:
    assert not in_force(D - DAY)
    assert in_force(D)
    assert in_force(D + 5 * DAY, valid_until=D + 5 * DAY)
    assert not in_force(D + 6 * DAY, valid_until=D + 5 * DAY)


def test_a_withdrawal_cuts_from_its_own_day() -> None:
    assert in_force(D + DAY, withdrawn_on=D + 2 * DAY)
    assert not in_force(D + 2 * DAY, withdrawn_on=D + 2 * DAY)
    assert not in_force(D, withdrawn_on=D)


def test_in_force_within_a_period_means_on_at_least_one_of_its_days() -> None:
    def within(start: date, end: date) -> bool:
        until = D + 3 * DAY
        return in_force_within(
            given_on=D, valid_until=until, withdrawn_on=None, start=start, end=end
        )

    assert within(D + 3 * DAY, D + 9 * DAY)
    assert not within(D + 4 * DAY, D + 9 * DAY)
    assert within(D - 9 * DAY, D)
    assert not within(D - 9 * DAY, D - DAY)


def expired_yesterday() -> Plan:
    """A plan consent recorded today, dated back 60 days, that expired yesterday."""
    plan = requested_plan()
    plan.give_consent(meta(ago=60 * DAY), scope="plan", given_by="user", valid_until=TODAY - DAY)
    return plan


def test_a_backdated_consent_that_expired_yesterday_gives_no_content_access() -> None:
    plan = expired_yesterday()
    assert not plan.has_plan_consent(TODAY)
    assert plan.has_plan_consent(TODAY - DAY)
    with pytest.raises(errors.ConsentRequired) as refused:
        plan.add_goal(meta(), text="Handle selv", formulated_by="user", user_agreement="agreed")
    assert refused.value.fields == ("consents",)


def test_a_backdated_consent_that_expired_yesterday_does_not_cover_point_h() -> None:
    plan = expired_yesterday()
    state = required_content.summary(plan)
    assert not required_content.check(state, has_coordinator=False, on=TODAY)["h"]
    assert required_content.check(state, has_coordinator=False, on=TODAY - DAY)["h"]
    pack = build_pack(events_of(plan), Period(TODAY - 30 * DAY, TODAY), 1)
    assert pack["required_content"]["points"]["h"] is False
    assert "no_plan_consent" not in {gap["flag"] for gap in pack["missing"]}  # it ran in the period


def test_content_dated_before_the_consent_is_refused_naming_the_date_and_the_consent() -> None:
    plan = requested_plan()
    plan.give_consent(meta(ago=2 * DAY), scope="plan", given_by="user")
    with pytest.raises(errors.ContentBeforeConsent) as refused:
        plan.record_mapping(meta(ago=3 * DAY), users_words="Å bo hjemme")
    assert refused.value.fields == ("effective_at", "consents")
    assert refused.value.rule == "content-dated-before-consent"
    plan.record_mapping(meta(ago=2 * DAY), users_words="Å bo hjemme")  # the day it was given
    assert len(plan.mappings) == 1


def test_a_row_built_before_consents_kept_their_dates_is_still_judged() -> None:
    """While the plans model is rebuilt, the list reads the old build's rows (no dates)."""
    state = required_content.summary(requested_plan())
    state["consents"] = {"c": {"scope": "plan", "participant_id": None, "withdrawn": False}}
    assert required_content.check(state, has_coordinator=False, on=TODAY)["h"]
    state["consents"]["c"]["withdrawn"] = True
    assert not required_content.check(state, has_coordinator=False, on=TODAY)["h"]
