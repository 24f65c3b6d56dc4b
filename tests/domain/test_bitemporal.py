"""The plan on a date, both ways: as recorded by then, and as effective then with corrections
recorded later; and the differences between the two, as the API lists them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from api.comparison import differences
from api.schemas import PlanOut
from domain import bitemporal
from domain.plan import Plan, local_date
from tests.domain.builders import events_of, meta

DAY = timedelta(days=1)


def recorded(events: list[Plan.Event], days_ago: int) -> list[Plan.Event]:
    """The same facts, as if written to the log `days_ago` days back."""
    return [dataclasses.replace(e, timestamp=e.timestamp - days_ago * DAY) for e in events]


def opened(days_ago: int) -> Plan:
    return Plan.receive_request(
        meta(ago=days_ago * DAY),
        municipality="5001",
        responsible_unit={"unit_id": "u", "name": "KE"},
        subject={"name": "Ola Nordmann", "person_id": "p-1"},
        source="user",
    )


def test_a_meeting_recorded_late_is_in_the_effective_plan_and_listed_as_a_difference() -> None:
    plan = opened(30)
    plan.give_consent(meta(ago=30 * DAY), scope="plan", given_by="user")
    early = recorded(events_of(plan), 29)
    plan.hold_meeting(
        meta(ago=15 * DAY),
        meeting={"user_attended": False, "agenda_prepared_with_user": False, "attendees": []},
    )
    late = events_of(plan)  # recorded today, effective 15 days ago
    events = early + late
    day = local_date(meta().effective_at) - 10 * DAY

    as_recorded = bitemporal.as_recorded(events, day)
    as_effective, skipped = bitemporal.as_effective(events, day)

    assert as_recorded is not None and as_effective is not None and skipped == []
    assert as_recorded.meetings == []
    assert [m["user_attended"] for m in as_effective.meetings] == [False]
    changed = differences(PlanOut.of(as_recorded), PlanOut.of(as_effective))
    assert {d["path"].split(".")[0] for d in changed} == {"meetings", "last_activity_at"}
    assert all(d["as_recorded"] is None for d in changed if d["path"].startswith("meetings"))


def test_before_the_request_there_was_no_plan_either_way() -> None:
    plan = opened(3)
    events = events_of(plan)
    day = local_date(meta().effective_at) - 5 * DAY
    assert bitemporal.as_recorded(events, day) is None
    assert bitemporal.as_effective(events, day) == (None, [])


def test_a_correction_dated_back_changes_the_past_only_in_the_effective_view() -> None:
    plan = opened(40)
    consent = plan.give_consent(meta(ago=40 * DAY), scope="plan", given_by="user")
    early = recorded(events_of(plan), 39)
    plan.withdraw_consent(meta("Trakk samtykket muntlig", ago=20 * DAY), consent_id=consent)
    events = early + events_of(plan)
    day = local_date(meta().effective_at) - 10 * DAY
    as_recorded = bitemporal.as_recorded(events, day)
    as_effective, _ = bitemporal.as_effective(events, day)
    assert as_recorded is not None and as_recorded.has_plan_consent(day)
    assert as_effective is not None and not as_effective.has_plan_consent(day)
