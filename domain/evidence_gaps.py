"""What an evidence pack does not show: each gap is a flag, the records it concerns and the dates.

A complaint handler must see what is absent as plainly as what is there: a goal never confirmed
by the user, a meeting without them, an evaluation that never happened, no consent on record.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.evidence_periods import days_without_v1, periods_without
from domain.facts import consent_in_force, in_force_within
from domain.grounds import grounds_in
from domain.values import (
    ConsentScope,
    DecisionOutcome,
    GoalStatus,
    MeasureStatus,
    RecipientRole,
    UserAgreement,
)

if TYPE_CHECKING:
    from domain.evidence_facts import Period

Data = dict[str, Any]
USER_RECIPIENTS = frozenset({"user", "bruker", "representative", "representant", "verge"})
USER_SIDE_RECIPIENTS = frozenset({RecipientRole.USER, RecipientRole.REPRESENTATIVE})
# Content items of a pack and the key that names each (format 2: content dated before consent).
CONTENT_SECTIONS = {
    "goals": "goal_id",
    "measures": "measure_id",
    "meetings": "meeting_id",
    "evaluations": "evaluation_id",
}
DELIVERED = frozenset({MeasureStatus.STARTED, MeasureStatus.ENDED})


def by_ground(found: list[Data], edition: int) -> dict[str, list[str]]:
    """For each ground of complaint a pack of format `edition` answers (`domain.grounds`), the
    gaps found that bear on it."""
    flags = [gap["flag"] for gap in found]
    return {g.code: [f for f in flags if f in g.gaps] for g in grounds_in(edition)}


def gaps(pack: Data, period: Period, edition: int) -> list[Data]:
    """The gaps of a pack built in format `edition` (1 is kept to rebuild old packs)."""
    start, end = period.start.isoformat(), period.end.isoformat()
    found: list[Data] = []

    def flag(name: str, refs: list[str] | None = None, **detail: Any) -> None:
        found.append({"flag": name, "refs": refs or [], "detail": detail})

    decision = pack["decision"]
    if decision is None or decision["outcome"] != DecisionOutcome.GRANTED:
        flag("no_plan_granted", outcome=decision["outcome"] if decision else None)
    if unmet := pack["required_content"]["missing"]:
        flag("plan_lacks_required_content", list(unmet))
    consented = _plan_consent_in_period if edition == 1 else _plan_consent_within
    if not any(consented(c, start, end) for c in pack["consent_history"]):
        flag("no_plan_consent")
    if edition > 1 and (early := _before_consent(pack)):
        flag("content_before_consent", early)
    if not pack["mappings"]:
        flag("no_mapping_in_users_words")
    goals = [g for g in pack["goals"] if g["status"] == GoalStatus.ACTIVE]
    if not pack["goals"]:
        flag("no_goals")
    # A goal whose agreement a professional recorded on the user's behalf (a meeting's spoken
    # yes) is agreed, not missing: from format 3 `goals[].agreed_by` (`domain.facts.agreed_by`,
    # the rule of the plan's goals and of the virksom figure «by the user themselves») tells it
    # apart from the user's own, in the pack and in its document.
    if unconfirmed := [g["goal_id"] for g in goals if g["user_agreement"] != UserAgreement.AGREED]:
        flag("goal_not_confirmed", unconfirmed)
    _meetings(pack["meetings"], flag)
    _evaluations(pack["evaluations"], flag)
    if not pack["revision_schedule"]:
        flag("no_revision_date")
    if overdue := _overdue(pack["revision_schedule"], start, end):
        flag("evaluation_overdue", [o["due"] for o in overdue], occasions=overdue)
    _versions(pack["versions"], flag, edition)
    if not pack["complaint_information"]:
        flag("no_complaint_information")
    _no_coordinator(pack, period, flag, edition)
    late = [
        m["measure_id"]
        for m in pack["measures"]
        if m["due_date"] and m["due_date"] < end and m["status"] not in DELIVERED
    ]
    if late:
        flag("measure_overdue", late)
    return found


def _plan_consent_in_period(consent: Data, start: str, end: str) -> bool:
    withdrawn = consent["withdrawn"]
    return (
        consent["scope"] == ConsentScope.PLAN
        and consent["on"] <= end
        and (withdrawn is None or withdrawn["on"] >= start)
        and (consent["valid_until"] is None or consent["valid_until"] >= start)
    )


def _dates(consent: Data) -> Data:
    withdrawn, until = consent["withdrawn"], consent["valid_until"]
    return {
        "given_on": date.fromisoformat(consent["on"]),
        "valid_until": date.fromisoformat(until) if until else None,
        "withdrawn_on": date.fromisoformat(withdrawn["on"]) if withdrawn else None,
    }


def _plan_consent_within(consent: Data, start: str, end: str) -> bool:
    """Format 2: by the one rule, in force on at least one day of the period."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return consent["scope"] == ConsentScope.PLAN and in_force_within(
        **_dates(consent), start=first, end=last
    )


def _before_consent(pack: Data) -> list[str]:
    """Content dated on a day no consent to the plan was in force (recorded before the rule that
    refuses it, or left uncovered by a back-dated withdrawal)."""
    plan_consents = [_dates(c) for c in pack["consent_history"] if c["scope"] == ConsentScope.PLAN]
    early: list[str] = []
    for section, key in CONTENT_SECTIONS.items():
        for item in pack[section]:
            day = date.fromisoformat(item["on"])
            if not any(consent_in_force(**c, on=day) for c in plan_consents):
                early.append(item[key])
    return early


def _meetings(meetings: list[Data], flag: Any) -> None:
    if not meetings:
        flag("no_meeting_in_period")
    if absent := [m["meeting_id"] for m in meetings if not m["user_attended"]]:
        flag("meeting_without_user", absent)
    if unprepared := [m["meeting_id"] for m in meetings if not m["agenda_prepared_with_user"]]:
        flag("agenda_not_prepared_with_user", unprepared)


def _evaluations(evaluations: list[Data], flag: Any) -> None:
    if absent := [e["evaluation_id"] for e in evaluations if not e["user_took_part"]]:
        flag("evaluation_without_user", absent)
    unheard = [
        e["evaluation_id"]
        for e in evaluations
        if not e["users_view"].strip() and not e.get("user_views")  # the user's own, too
    ]
    if unheard:
        flag("users_view_not_recorded", unheard)


def _overdue(schedule: list[Data], start: str, end: str) -> list[Data]:
    """Revision dates that passed before the next evaluation, while the period ran."""
    occasions: list[Data] = []
    due: str | None = None
    for entry in sorted(schedule, key=lambda e: e["on"]):
        late = entry["set_by"] == "evaluation" and due is not None and entry["on"] > due
        if late and due is not None and due < end and entry["on"] >= start:
            occasions.append({"due": due, "evaluated_on": entry["on"]})
        due = entry["next_revision_on"]
    if due is not None and due < end:
        occasions.append({"due": due, "evaluated_on": None})
    return occasions


def _to_user(delivery: Data, edition: int) -> bool:
    """Format 1 read the free-text role; format 2 reads the recipient's role as a value."""
    if edition == 1:
        return str(delivery["recipient_role"]).lower() in USER_RECIPIENTS
    return delivery["recipient_role"] in USER_SIDE_RECIPIENTS


def _versions(versions: list[Data], flag: Any, edition: int) -> None:
    if not versions:
        flag("no_version_agreed")
    if unagreed := [str(v["number"]) for v in versions if not v["agreed_with_user"]]:
        flag("version_not_agreed_with_user", unagreed)
    undelivered = [
        str(v["number"]) for v in versions if not any(_to_user(d, edition) for d in v["deliveries"])
    ]
    if undelivered:
        flag("version_not_delivered_to_user", undelivered)


def _no_coordinator(pack: Data, period: Period, flag: Any, edition: int) -> None:
    changes = pack["coordinator_changes"]
    if edition == 1:
        start, end = period.start.isoformat(), period.end.isoformat()
        if days := days_without_v1(changes, start, end):
            flag("no_coordinator", days)
        return
    if pack["received_on"] is None:  # the period ends before the plan was received
        return
    first = max(period.start, date.fromisoformat(pack["received_on"]))
    if periods := periods_without(changes, first, period.end):
        flag("no_coordinator", [f"{p['from']}/{p['to']}" for p in periods], periods=periods)
