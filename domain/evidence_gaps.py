"""What an evidence pack does not show: each gap is a flag, the records it concerns and the dates.

A complaint handler must see what is absent as plainly as what is there: a goal never confirmed
by the user, a meeting without them, an evaluation that never happened, no consent on record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from domain.evidence_facts import Period

Data = dict[str, Any]
USER_RECIPIENTS = frozenset({"user", "bruker", "representative", "representant", "verge"})
DELIVERED = frozenset({"started", "ended"})
# Which gaps bear on which ground of complaint (domain.md §6).
GROUND_FLAGS: dict[str, tuple[str, ...]] = {
    "no_plan": ("no_plan_granted", "no_plan_consent"),
    "plan_lacks_content": ("plan_lacks_required_content", "no_goals", "no_revision_date"),
    "lack_of_user_participation": (
        "no_plan_consent",
        "no_mapping_in_users_words",
        "goal_not_confirmed",
        "no_meeting_in_period",
        "meeting_without_user",
        "agenda_not_prepared_with_user",
        "evaluation_without_user",
        "users_view_not_recorded",
        "evaluation_overdue",
        "version_not_agreed_with_user",
        "version_not_delivered_to_user",
        "no_complaint_information",
    ),
    "measures_not_delivered": ("measure_overdue",),
    "no_coordinator": ("no_coordinator",),
}


def by_ground(found: list[Data]) -> dict[str, list[str]]:
    """For each ground of complaint, the gaps found that bear on it."""
    flags = [gap["flag"] for gap in found]
    return {ground: [f for f in flags if f in bearing] for ground, bearing in GROUND_FLAGS.items()}


def gaps(pack: Data, period: Period) -> list[Data]:
    start, end = period.start.isoformat(), period.end.isoformat()
    found: list[Data] = []

    def flag(name: str, refs: list[str] | None = None, **detail: Any) -> None:
        found.append({"flag": name, "refs": refs or [], "detail": detail})

    decision = pack["decision"]
    if decision is None or decision["outcome"] != "granted":
        flag("no_plan_granted", outcome=decision["outcome"] if decision else None)
    if unmet := pack["required_content"]["missing"]:
        flag("plan_lacks_required_content", list(unmet))
    if not any(_plan_consent_in_period(c, start, end) for c in pack["consent_history"]):
        flag("no_plan_consent")
    if not pack["mappings"]:
        flag("no_mapping_in_users_words")
    goals = [g for g in pack["goals"] if g["status"] == "active"]
    if not pack["goals"]:
        flag("no_goals")
    if unconfirmed := [g["goal_id"] for g in goals if g["user_agreement"] != "agreed"]:
        flag("goal_not_confirmed", unconfirmed)
    _meetings(pack["meetings"], flag)
    _evaluations(pack["evaluations"], flag)
    if not pack["revision_schedule"]:
        flag("no_revision_date")
    if overdue := _overdue(pack["revision_schedule"], start, end):
        flag("evaluation_overdue", [o["due"] for o in overdue], occasions=overdue)
    _versions(pack["versions"], flag)
    if not pack["complaint_information"]:
        flag("no_complaint_information")
    if without := _without_coordinator(pack["coordinator_changes"], start, end):
        flag("no_coordinator", without)
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
        consent["scope"] == "plan"
        and consent["on"] <= end
        and (withdrawn is None or withdrawn["on"] >= start)
        and (consent["valid_until"] is None or consent["valid_until"] >= start)
    )


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
    if unheard := [e["evaluation_id"] for e in evaluations if not e["users_view"].strip()]:
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


def _versions(versions: list[Data], flag: Any) -> None:
    if not versions:
        flag("no_version_agreed")
    if unagreed := [str(v["number"]) for v in versions if not v["agreed_with_user"]]:
        flag("version_not_agreed_with_user", unagreed)
    undelivered = [
        str(v["number"])
        for v in versions
        if not any(d["recipient_role"].lower() in USER_RECIPIENTS for d in v["deliveries"])
    ]
    if undelivered:
        flag("version_not_delivered_to_user", undelivered)


def _without_coordinator(changes: list[Data], start: str, end: str) -> list[str]:
    """Days in the period the plan was without a coordinator: its first day (if none was in
    place or appointed that day) and each day a coordinator withdrew."""
    ordered = sorted(changes, key=lambda c: c["on"])
    has = False
    for change in (c for c in ordered if c["on"] <= start):
        has = _has_coordinator_after(has, change["change"])
    days = [] if has else [start]
    for change in (c for c in ordered if start < c["on"] <= end):
        if change["change"] == "withdrew":
            days.append(change["on"])
    return days


def _has_coordinator_after(has: bool, change: str) -> bool:
    if change in ("appointed", "replaced"):
        return True
    return False if change == "withdrew" else has
