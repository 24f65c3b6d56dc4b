"""What the plan's events say about the user's part, collected section by section for the
evidence pack (`domain/evidence.py`). One pass over the events, in the order they were recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.dispatch import Handlers
from domain.facts import USER_SIDE, agreed_by
from domain.plan import Plan, local_date
from domain.values import GoalAuthor, GoalStatus, InformedAbout, MeasureStatus, UserAgreement

Data = dict[str, Any]
COORDINATOR_EVENTS: dict[type[Any], str] = {
    Plan.CoordinatorResponsibilityAssigned: "unit_made_responsible",
    Plan.CoordinatorAppointed: "appointed",
    Plan.CoordinatorDeclined: "declined",
    Plan.CoordinatorWithdrew: "withdrew",
    Plan.CoordinatorReplaced: "replaced",
    Plan.DeputyAppointed: "deputy_appointed",
    Plan.DeputyRemoved: "deputy_removed",
}
COLLECT: Handlers[Callable[[Any, Any, Data, bool], None]] = Handlers()
"""The collector's section handlers, by event class; coordinator changes are collected apart."""
COLLECT.declare(*COORDINATOR_EVENTS)
COLLECT.ignore(  # no section of the pack shows them
    Plan.UserDeclined,
    Plan.Resumed,
    Plan.Reopened,
    Plan.ResourceRecorded,
    Plan.NeedRecorded,
    Plan.CooperationPartnerRecorded,
    # the participants' own part (issue 10): what services wrote, not the user's participation
    Plan.ContributionRecorded,
    Plan.MinutesAdded,
    Plan.MeetingInvited,
    Plan.InvitationAnswered,
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def _on(moment: datetime) -> str:
    return local_date(moment).isoformat()


def _by(meta: Data) -> Data:
    actor = meta["actor"]
    return {"person_id": actor["person_id"], "name": actor["name"], "role": actor["role"]}


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
        handler = COLLECT.get(event)
        try:
            if handler is not None:
                handler(self, event, stamp, self.period.holds(happened))
        except KeyError:  # dated before the fact it refers to: shown, not silently dropped
            self.lists["out_of_order"].append({"event": kind} | stamp)
        if type(event) in COORDINATOR_EVENTS:
            self._coordinator(event, kind, stamp)

    @COLLECT.on(Plan.RequestReceived)
    def _request_received(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.participants["user"] = event.subject["name"]
        self.received_on = stamp["on"]

    @COLLECT.on(Plan.DecisionMade)
    def _decision_made(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.decision = {"outcome": event.outcome, "reference": event.decision_reference} | stamp
        if event.complaint_information_given:
            self._informed(stamp, "decision")

    @COLLECT.on(Plan.UserInformed)
    def _user_informed(self, event: Any, stamp: Data, in_period: bool) -> None:
        if event.about == InformedAbout.RIGHT_TO_COMPLAIN:
            self._informed(stamp, "information")

    def _informed(self, stamp: Data, source: str) -> None:
        self.lists["complaint_information"].append({"source": source} | stamp)

    @COLLECT.on(Plan.ConsentGiven)
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

    @COLLECT.on(Plan.ConsentWithdrawn)
    def _consent_withdrawn(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.consents[event.consent_id]["withdrawn"] = stamp

    @COLLECT.on(Plan.ParticipantAdded)
    def _participant_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        participant = event.participant
        self.participants[participant["participant_id"]] = participant["name"]

    @COLLECT.on(Plan.MappingRecorded)
    def _mapping_recorded(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.lists["mappings"].append({"users_words": event.users_words} | stamp)

    @COLLECT.on(Plan.GoalAdded)
    def _goal_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] = {
            "goal_id": event.goal_id,
            "formulated_by": event.formulated_by,
            "wording": [{"text": event.text, "user_agreement": event.user_agreement} | stamp],
            "user_agreement": event.user_agreement,
            "confirmed": None,
            "status": GoalStatus.ACTIVE,
            "ended": None,
        } | stamp
        if event.formulated_by == GoalAuthor.PROFESSIONAL:
            self._override("goal_formulated_by_professional", event.goal_id, stamp, in_period)
        if self.edition > 2:  # whose agreement: the user's own, or recorded on their behalf
            agreed = event.user_agreement == UserAgreement.AGREED
            self.goals[event.goal_id]["agreed_by"] = agreed_by(agreed, event.meta)

    @COLLECT.on(Plan.GoalRevised)
    def _goal_revised(self, event: Any, stamp: Data, in_period: bool) -> None:
        goal = self.goals[event.goal_id]
        wording = {"text": event.text, "user_agreement": event.user_agreement}
        goal["wording"].append(wording | stamp)
        goal["user_agreement"] = event.user_agreement
        if self.edition > 3:  # a rewording recorded as agreed is agreed by whoever recorded it
            goal["agreed_by"] = agreed_by(event.user_agreement == UserAgreement.AGREED, event.meta)
        if event.user_agreement != UserAgreement.AGREED:  # reworded without the user's agreement
            self._professional(event.goal_id, "goal_revised_by_professional", stamp, in_period)

    @COLLECT.on(Plan.GoalConfirmed)
    def _goal_confirmed(self, event: Any, stamp: Data, in_period: bool) -> None:
        goal = self.goals[event.goal_id]
        goal["user_agreement"], goal["confirmed"] = UserAgreement.AGREED, stamp
        if self.edition > 2:
            goal["agreed_by"] = agreed_by(True, event.meta)

    @COLLECT.on(Plan.GoalAnswered)
    def _goal_answered(self, event: Any, stamp: Data, in_period: bool) -> None:
        """The user's (or representative's) own answer to a goal (issue 10)."""
        goal = self.goals[event.goal_id]
        goal["user_agreement"] = event.agreement
        agreed = event.agreement == UserAgreement.AGREED
        goal["confirmed"] = stamp if agreed else None
        if self.edition > 2:
            goal["agreed_by"] = agreed_by(agreed, event.meta)

    @COLLECT.on(Plan.ConsentLimited)
    def _consent_limited(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.consents[event.consent_id]["valid_until"] = event.valid_until.isoformat()

    @COLLECT.on(Plan.GoalAchieved)
    def _goal_achieved(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] |= {"status": GoalStatus.ACHIEVED, "ended": stamp}

    @COLLECT.on(Plan.GoalDropped)
    def _goal_dropped(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.goals[event.goal_id] |= {"status": GoalStatus.DROPPED, "ended": stamp}
        self._professional(event.goal_id, "goal_dropped_by_professional", stamp, in_period)

    @COLLECT.on(Plan.MeasureAdded)
    def _measure_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        measure = event.measure
        due = measure.get("due_date")
        self.measures[measure["measure_id"]] = {
            "measure_id": measure["measure_id"],
            "title": measure["title"],
            "responsible_service": measure["responsible_service"],
            "due_date": due.isoformat() if isinstance(due, date) else due,
            "status": MeasureStatus.WISHED,
            "statuses": [],
        } | stamp

    @COLLECT.on(Plan.MeasureStatusChanged)
    def _measure_status_changed(self, event: Any, stamp: Data, in_period: bool) -> None:
        measure = self.measures[event.measure_id]
        measure["status"] = event.status
        measure["statuses"].append({"status": event.status} | stamp)
        if event.status == MeasureStatus.REFUSED:
            self._override("measure_refused", event.measure_id, stamp, in_period)

    @COLLECT.on(Plan.MeasureNotDelivered)
    def _measure_not_delivered(self, event: Any, stamp: Data, in_period: bool) -> None:
        """The participant responsible said a visit or service did not happen (issue 10): shown
        among the measure's statuses from format 3, with the reason in the stamp."""
        if self.edition > 2:  # who said so is the stamp's `by`
            entry = {"status": "not_delivered"}
            self.measures[event.measure_id]["statuses"].append(entry | stamp)

    @COLLECT.on(Plan.PlanPeriodSet)
    def _plan_period_set(self, event: Any, stamp: Data, in_period: bool) -> None:
        due = event.next_revision_on.isoformat()
        self.lists["revision_schedule"].append(
            {"next_revision_on": due, "set_by": "plan_period"} | stamp
        )

    @COLLECT.on(Plan.MeetingHeld)
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

    @COLLECT.on(Plan.EvaluationHeld)
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

    @COLLECT.on(Plan.EvaluationViewAdded)
    def _evaluation_view_added(self, event: Any, stamp: Data, in_period: bool) -> None:
        """The user's own view, added by the user (issue 10): the user's view is recorded."""
        if self.edition == 1:
            return
        for evaluation in self.lists["evaluations"]:
            if evaluation["evaluation_id"] == event.evaluation_id:
                view = {"users_view": event.users_view, "took_part": event.took_part} | stamp
                evaluation.setdefault("user_views", []).append(view)

    @COLLECT.on(Plan.VersionAgreed)
    def _version_agreed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self.versions[event.number] = {
            "number": event.number,
            "agreed_with_user": event.agreed_with_user,
            "summary": event.summary,
            "deliveries": [],
        } | stamp
        if not event.agreed_with_user:
            self._override("version_agreed_without_user", str(event.number), stamp, in_period)

    @COLLECT.on(Plan.VersionDelivered)
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

    @COLLECT.on(Plan.ParticipantRemoved)
    def _participant_removed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._override("participant_removed", event.participant_id, stamp, in_period)

    @COLLECT.on(Plan.Closed)
    def _closed(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._professional("plan", "plan_closed", stamp, in_period)

    @COLLECT.on(Plan.Suspended)
    def _suspended(self, event: Any, stamp: Data, in_period: bool) -> None:
        self._professional("plan", "plan_suspended", stamp, in_period)

    def _coordinator(self, event: Any, kind: str, stamp: Data) -> None:
        fields = ("coordinator", "deputy", "person", "unit")
        person: Data = next(getattr(event, f) for f in fields if hasattr(event, f))
        change = {"change": COORDINATOR_EVENTS[type(event)], "person": person["name"]}
        if isinstance(event, Plan.CoordinatorReplaced):
            change |= {"previous": event.previous["name"], "handover_note": event.handover_note}
        self.lists["coordinator_changes"].append(change | stamp)

    def _professional(self, ref: str, what: str, stamp: Data, in_period: bool) -> None:
        if stamp["by"]["role"] not in USER_SIDE:
            self._override(what, ref, stamp, in_period)

    def _override(self, what: str, ref: str, stamp: Data, in_period: bool) -> None:
        if in_period:
            self.lists["professional_overrides"].append({"what": what, "ref": ref} | stamp)
