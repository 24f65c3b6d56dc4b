"""What the plan's events say about the user's part, collected section by section for the
evidence pack (`domain/evidence.py`). One pass over the events, in the order they were recorded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from domain.plan import Plan, local_date

Data = dict[str, Any]
USER_SIDE = frozenset({"user", "representative"})
COORDINATOR_EVENTS = {
    "CoordinatorResponsibilityAssigned": "unit_made_responsible",
    "CoordinatorAppointed": "appointed",
    "CoordinatorDeclined": "declined",
    "CoordinatorWithdrew": "withdrew",
    "CoordinatorReplaced": "replaced",
    "DeputyAppointed": "deputy_appointed",
    "DeputyRemoved": "deputy_removed",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


@cache
def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _on(moment: datetime) -> str:
    return local_date(moment).isoformat()


def _by(meta: Data) -> Data:
    actor = meta["actor"]
    return {"person_id": actor["person_id"], "name": actor["name"], "role": actor["role"]}


def _agreed_by(meta: Data) -> str:
    """`user` when the user or their representative agreed themselves; `professional` when a
    professional recorded the agreement on the user's behalf."""
    return "user" if meta["actor"]["role"] in ("user", "representative") else "professional"


class Collector:
    def __init__(self, period: Period, edition: int) -> None:
        self.period, self.edition = period, edition
        self.received_on: str | None = None
        self.consents: dict[str, Data] = {}
        self.goals: dict[str, Data] = {}
        self.measures: dict[str, Data] = {}
        self.versions: dict[int, Data] = {}
        self.participants: dict[str, str] = {}
        self.lists: dict[str, list[Data]] = {
            name: []
            for name in (
                "mappings",
                "meetings",
                "evaluations",
                "complaint_information",
                "coordinator_changes",
                "professional_overrides",
                "revision_schedule",
                "out_of_order",
            )
        }
        self.decision: Data | None = None

    def sections(self) -> Data:
        received = {"received_on": self.received_on} if self.edition > 1 else {}
        return (
            received
            | {
                "decision": self.decision,
                "consent_history": list(self.consents.values()),
                "goals": list(self.goals.values()),
                "measures": list(self.measures.values()),
                "versions": list(self.versions.values()),
            }
            | self.lists
        )

    def take(self, event: Plan.Event) -> None:
        meta = event.meta
        happened = local_date(meta["effective_at"])
        if happened > self.period.end:
            return
        stamp = {
            "on": happened.isoformat(),
            "recorded_on": _on(event.timestamp),
            "by": _by(meta),
            "reason": meta.get("reason"),
        }
        kind = type(event).__name__
        handler = getattr(self, "_" + _snake(kind), None)
        try:
            if handler is not None:
                handler(event, stamp, self.period.holds(happened))
        except KeyError:  # dated before the fact it refers to: shown, not silently dropped
            self.lists["out_of_order"].append({"event": kind} | stamp)
        if kind in COORDINATOR_EVENTS:
            self._coordinator(event, kind, stamp)

    def _request_received(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.participants["user"] = event.subject["name"]
        self.received_on = stamp["on"]

    def _decision_made(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.decision = {"outcome": event.outcome, "reference": event.decision_reference} | stamp
        if event.complaint_information_given:
            self._informed(stamp, "decision")

    def _user_informed(self, event: Any, stamp: Data, in_period: bool) -> None:
        if event.about == "right_to_complain":
            self._informed(stamp, "information")

    def _informed(self, stamp: Data, source: str) -> None:
        self.lists["complaint_information"].append({"source": source} | stamp)

    def _consent_given(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.consents[event.consent_id] = {
            "consent_id": event.consent_id,
            "scope": event.scope,
            "participant": self.participants.get(event.participant_id or ""),
            "given_by": event.given_by,
            "representative": event.representative,
            "valid_until": event.valid_until.isoformat() if event.valid_until else None,
            "withdrawn": None,
        } | stamp

    def _consent_withdrawn(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.consents[event.consent_id]["withdrawn"] = stamp

    def _participant_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        participant = event.participant
        self.participants[participant["participant_id"]] = participant["name"]

    def _mapping_recorded(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.lists["mappings"].append({"users_words": event.users_words} | stamp)

    def _goal_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] = {
            "goal_id": event.goal_id,
            "formulated_by": event.formulated_by,
            "wording": [{"text": event.text, "user_agreement": event.user_agreement} | stamp],
            "user_agreement": event.user_agreement,
            "confirmed": None,
            "status": "active",
            "ended": None,
        } | stamp
        if event.formulated_by == "professional":
            self._override("goal_formulated_by_professional", event.goal_id, stamp, in_period)
        if self.edition > 1:  # whose agreement: the user's own, or recorded on their behalf
            agreed = event.user_agreement == "agreed"
            self.goals[event.goal_id]["agreed_by"] = _agreed_by(event.meta) if agreed else None

    def _goal_revised(self, event: Any, stamp: Data, in_period: bool) -> None:
        goal = self.goals[event.goal_id]
        wording = {"text": event.text, "user_agreement": event.user_agreement}
        goal["wording"].append(wording | stamp)
        goal["user_agreement"] = event.user_agreement
        if event.user_agreement != "agreed":  # reworded without the user's agreement
            self._professional(event.goal_id, "goal_revised_by_professional", stamp, in_period)

    def _goal_confirmed(self, event: Any, stamp: Data, in_period: bool) -> None:
        goal = self.goals[event.goal_id]
        goal["user_agreement"], goal["confirmed"] = "agreed", stamp
        if self.edition > 1:
            goal["agreed_by"] = _agreed_by(event.meta)

    def _goal_answered(self, event: Any, stamp: Data, in_period: bool) -> None:
        """The user's (or representative's) own answer to a goal (issue 10)."""
        goal = self.goals[event.goal_id]
        goal["user_agreement"] = event.agreement
        agreed = event.agreement == "agreed"
        goal["confirmed"] = stamp if agreed else None
        if self.edition > 1:
            goal["agreed_by"] = _agreed_by(event.meta) if agreed else None

    def _consent_limited(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.consents[event.consent_id]["valid_until"] = event.valid_until.isoformat()

    def _goal_achieved(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] |= {"status": "achieved", "ended": stamp}

    def _goal_dropped(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] |= {"status": "dropped", "ended": stamp}
        self._professional(event.goal_id, "goal_dropped_by_professional", stamp, in_period)

    def _measure_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        measure = event.measure
        due = measure.get("due_date")
        self.measures[measure["measure_id"]] = {
            "measure_id": measure["measure_id"],
            "title": measure["title"],
            "responsible_service": measure["responsible_service"],
            "due_date": due.isoformat() if isinstance(due, date) else due,
            "status": "wished",
            "statuses": [],
        } | stamp

    def _measure_status_changed(self, event: Any, stamp: Data, in_period: bool) -> None:
        measure = self.measures[event.measure_id]
        measure["status"] = event.status
        measure["statuses"].append({"status": event.status} | stamp)
        if event.status == "refused":
            self._override("measure_refused", event.measure_id, stamp, in_period)

    def _plan_period_set(self, event: Any, stamp: Data, in_period: bool) -> None:
        due = event.next_revision_on.isoformat()
        self.lists["revision_schedule"].append(
            {"next_revision_on": due, "set_by": "plan_period"} | stamp
        )

    def _meeting_held(self, event: Any, stamp: Data, in_period: bool) -> None:
        if not in_period:
            return
        meeting = event.meeting
        self.lists["meetings"].append(
            {
                "meeting_id": meeting["meeting_id"],
                "kind": meeting["kind"],
                "user_attended": meeting["user_attended"],
                "agenda_prepared_with_user": meeting["agenda_prepared_with_user"],
                "attendees": [{"name": a["name"], "role": a["role"]} for a in meeting["attendees"]],
                "decisions": [d["text"] for d in meeting["decisions"]],
            }
            | stamp
        )

    def _evaluation_held(self, event: Any, stamp: Data, in_period: bool) -> None:
        evaluation = event.evaluation
        due = evaluation["next_revision_on"].isoformat()
        self.lists["revision_schedule"].append(
            {"next_revision_on": due, "set_by": "evaluation"} | stamp
        )
        if in_period:
            self.lists["evaluations"].append(
                {
                    "evaluation_id": evaluation["evaluation_id"],
                    "user_took_part": evaluation["user_took_part"],
                    "user_participation": evaluation["user_participation"],
                    "users_view": evaluation["users_view"],
                    "outcome": evaluation["outcome"],
                    "next_revision_on": due,
                }
                | stamp
            )

    def _evaluation_view_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        """The user's own view, added by the user (issue 10): the user's view is recorded."""
        if self.edition == 1:
            return
        for evaluation in self.lists["evaluations"]:
            if evaluation["evaluation_id"] == event.evaluation_id:
                view = {"users_view": event.users_view, "took_part": event.took_part} | stamp
                evaluation.setdefault("user_views", []).append(view)

    def _version_agreed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.versions[event.number] = {
            "number": event.number,
            "agreed_with_user": event.agreed_with_user,
            "summary": event.summary,
            "deliveries": [],
        } | stamp
        if not event.agreed_with_user:
            self._override("version_agreed_without_user", str(event.number), stamp, in_period)

    def _version_delivered(self, event: Any, stamp: Data, in_period: bool) -> None:
        recipient = event.recipient
        role = recipient["role"]  # format 1 showed the free text as it was recorded
        if self.edition == 1:
            role = recipient.get("role_as_recorded", role) or ""
        delivery = {
            "recipient": recipient["name"],
            "recipient_role": role,
            "channel": event.delivery_channel,
        }
        self.versions[event.number]["deliveries"].append(delivery | stamp)

    def _participant_removed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._override("participant_removed", event.participant_id, stamp, in_period)

    def _closed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._professional("plan", "plan_closed", stamp, in_period)

    def _suspended(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._professional("plan", "plan_suspended", stamp, in_period)

    def _coordinator(self, event: Any, kind: str, stamp: Data) -> None:
        fields = ("coordinator", "deputy", "person", "unit")
        person: Data = next(getattr(event, f) for f in fields if hasattr(event, f))
        change = {"change": COORDINATOR_EVENTS[kind], "person": person["name"]}
        if kind == "CoordinatorReplaced":
            change |= {"previous": event.previous["name"], "handover_note": event.handover_note}
        self.lists["coordinator_changes"].append(change | stamp)

    def _professional(self, ref: str, what: str, stamp: Data, in_period: bool) -> None:
        if stamp["by"]["role"] not in USER_SIDE:
            self._override(what, ref, stamp, in_period)

    def _override(self, what: str, ref: str, stamp: Data, in_period: bool) -> None:
        if in_period:
            self.lists["professional_overrides"].append({"what": what, "ref": ref} | stamp)
