"""Facts derived from a plan, each decided by one pure function (the start of one fold of a
plan's facts: the aggregate, the access policy, the nine points, the evidence pack and the read
models call these instead of deriving the fact again).

Dates are Norwegian calendar days (Europe/Oslo): a fact effective at 00:30 Oslo time on 2 March
happened on 2 March, whatever its UTC offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.roles import Role
from domain.values import ConsentScope

OSLO = ZoneInfo("Europe/Oslo")


def local_date(instant: datetime) -> date:
    return instant.astimezone(OSLO).date()


def consent_in_force(
    *, given_on: date, valid_until: date | None, withdrawn_on: date | None, on: date
) -> bool:
    """Is a consent in force on day `on`? From the day it was given (effective date) up to and
    including `valid_until`, and no longer from the day a withdrawal took effect (withdrawal cuts
    at once: a consent withdrawn on a day is not in force that day). A consent given, expired or
    withdrawn with a back-dated effective time is judged by those effective dates."""
    if on < given_on:
        return False
    if valid_until is not None and on > valid_until:
        return False
    return withdrawn_on is None or on < withdrawn_on


def in_force_within(
    *, given_on: date, valid_until: date | None, withdrawn_on: date | None, start: date, end: date
) -> bool:
    """Was the consent in force on at least one day from `start` to `end` (inclusive)? The days
    a consent is in force form one unbroken run, so its first day in the period decides."""
    first = max(start, given_on)
    return first <= end and consent_in_force(
        given_on=given_on, valid_until=valid_until, withdrawn_on=withdrawn_on, on=first
    )


USER_SIDE = frozenset({Role.USER, Role.REPRESENTATIVE})
OWN, ON_BEHALF = "user", "professional"


def whose(meta: Mapping[str, Any]) -> str:
    """Whose act an event is, from its actor's role: `user` when the user or their
    representative did it with their own login, `professional` when a professional recorded it
    on the user's behalf (whatever the command said the user had said)."""
    return OWN if meta["actor"]["role"] in USER_SIDE else ON_BEHALF


def agreed_by(agreed: bool, meta: Mapping[str, Any]) -> str | None:
    """Whose agreement a goal has after an event that sets its agreement (added, revised,
    confirmed, answered): `whose(meta)` when the event leaves it agreed, else nobody's. The
    evidence pack (`goals[].agreed_by`), the plan's goal (`Goal.agreed_by`) and the virksom
    figure «goals by the user themselves» all decide by this."""
    return whose(meta) if agreed else None


def declined_after_consent(declined: bool, scope: str) -> bool:
    """A consent to the plan withdraws an earlier "no" (a sharing consent does not)."""
    return False if scope == ConsentScope.PLAN else declined


def deputy_after_coordinator(deputy_id: str | None, coordinator_id: str) -> str | None:
    """The deputy who becomes coordinator is no longer the deputy."""
    return None if deputy_id == coordinator_id else deputy_id


def revision_after_evaluation(
    next_revision_on: date | None,
    last_evaluation_at: datetime | None,
    held_at: datetime,
    evaluation_next: date,
) -> tuple[date | None, datetime]:
    """(next revision, latest evaluation) after an evaluation held at `held_at`: the evaluation
    latest in effective time sets the date, so an older one recorded late moves nothing."""
    if last_evaluation_at is None or held_at >= last_evaluation_at:
        return evaluation_next, held_at
    return next_revision_on, last_evaluation_at
