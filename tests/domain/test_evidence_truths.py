"""What format 2 of the evidence pack says is true: periods without a coordinator with their
first and last day and length, never before the plan was received; a version delivered to the
user (by role, as a value) is delivered."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from domain.evidence import Period, build_pack
from domain.evidence_periods import periods_without
from domain.plan import OSLO, Plan, local_date
from domain.values import Meta
from tests.domain.builders import events_of, meta

DAY = timedelta(days=1)
TODAY = local_date(meta().effective_at)
KARI = {"person_id": "k", "name": "Kari"}


def on(days_ago: int, reason: str | None = None) -> Meta:
    """An event effective at noon, Oslo time, `days_ago` local days before today: a day count
    taken back from "now" would land on another local day near midnight across a DST change."""
    noon = datetime.combine(TODAY - days_ago * DAY, time(12), tzinfo=OSLO)
    return replace(meta(reason), effective_at=noon)


def received(days_ago: int) -> Plan:
    plan = Plan.receive_request(
        on(days_ago),
        municipality="5001",
        responsible_unit={"unit_id": "u-1", "name": "Koordinerende enhet"},
        subject={"name": "Ola Nordmann", "person_id": "p-1"},
        source="user",
    )
    plan.give_consent(on(days_ago), scope="plan", given_by="user")
    return plan


def gap(plan: Plan, flag: str, period: Period | None = None) -> dict[str, Any] | None:
    span = period or Period(TODAY - 300 * DAY, TODAY - DAY)
    found = build_pack(events_of(plan), span, 1)["missing"]
    return next((g for g in found if g["flag"] == flag), None)


def day(days_ago: int) -> str:
    return (TODAY - days_ago * DAY).isoformat()


def test_periods_without_a_coordinator_start_when_the_plan_was_received() -> None:
    plan = received(100)
    plan.appoint_coordinator(on(80), coordinator=KARI)
    plan.record_coordinator_withdrew(on(50, "Sluttet"))
    plan.appoint_coordinator(on(40), coordinator={"person_id": "p", "name": "Per"})
    found = gap(plan, "no_coordinator")
    assert found is not None
    assert found["detail"]["periods"] == [
        {"from": day(100), "to": day(81), "days": 20},
        {"from": day(50), "to": day(41), "days": 10},
    ]
    assert found["refs"] == [f"{day(100)}/{day(81)}", f"{day(50)}/{day(41)}"]


def test_a_plan_without_a_coordinator_to_the_end_of_the_period_says_so() -> None:
    plan = received(30)
    found = gap(plan, "no_coordinator", Period(TODAY - 300 * DAY, TODAY - 10 * DAY))
    assert found is not None
    assert found["detail"]["periods"] == [{"from": day(30), "to": day(10), "days": 21}]


def test_a_coordinator_in_place_all_period_leaves_no_gap() -> None:
    plan = received(100)
    plan.appoint_coordinator(on(100), coordinator=KARI)
    assert gap(plan, "no_coordinator", Period(TODAY - 100 * DAY, TODAY)) is None


def test_a_period_that_ends_before_the_plan_was_received_has_no_days_without_a_coordinator() -> (
    None
):
    pack = build_pack(events_of(received(30)), Period(TODAY - 300 * DAY, TODAY - 40 * DAY), 1)
    assert pack["received_on"] is None
    assert "no_coordinator" not in {g["flag"] for g in pack["missing"]}


def test_a_withdrawal_and_an_appointment_on_the_same_day_leave_no_day_without() -> None:
    changes = [
        {"on": day(10), "change": "appointed"},
        {"on": day(5), "change": "withdrew"},
        {"on": day(5), "change": "appointed"},
    ]
    assert periods_without(changes, TODAY - 10 * DAY, TODAY) == []


def delivered(role: str) -> Plan:
    plan = received(10)
    number = plan.agree_version(on(5), agreed_with_user=True)
    recipient = {"name": "Ola Nordmann", "role": role}
    plan.deliver_version(on(5), number=number, recipient=recipient, delivery_channel="letter")
    return plan


def test_a_version_delivered_to_the_user_by_role_is_delivered() -> None:
    assert gap(delivered("user"), "version_not_delivered_to_user") is None
    assert gap(delivered("representative"), "version_not_delivered_to_user") is None
    undelivered = gap(delivered("service_provider"), "version_not_delivered_to_user")
    assert undelivered is not None and undelivered["refs"] == ["1"]
