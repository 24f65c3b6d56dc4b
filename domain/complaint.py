"""The `Complaint` aggregate: a complaint about a plan (pbrl ch. 7), its own stream of events.

It goes received → reviewed by the municipality → forwarded to Statsforvalteren → decided, or ends
early (upheld by the municipality, withdrawn). A late complaint is flagged, never refused: whether
to consider it anyway is the complaint body's decision. Every step carries `meta` (actor, time,
reason), like the plan's events.

Longer than 200 lines for a reason: the aggregate, its vocabularies and its one status machine
(`status_after`, which the complaints read model also calls) belong together; the grounds of
complaint are their own table (`domain/grounds.py`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain import rules
from domain.errors import RuleViolation, StateConflict
from domain.grounds import Ground
from domain.legal import complaint_deadline
from domain.payloads import (
    ComplainantPayload,
    ComplaintPeriodPayload,
    DeadlinePayload,
    EvidenceRefPayload,
)
from domain.plan import local_date
from domain.values import ComplainantCapacity, Meta

Data = dict[str, Any]
__all__ = ["ENDED", "Complaint", "ComplaintStatus", "DecisionOutcome", "Ground", "ReviewOutcome"]


class ReviewOutcome(StrEnum):
    UPHELD = "upheld"  # the municipality gives the complainant full medhold: the case ends there
    PLAN_CHANGED = "plan_changed"  # the plan was changed in part; forwarded unless withdrawn
    MAINTAINED = "maintained"  # nothing changed: the case must go to Statsforvalteren


class DecisionOutcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"
    DISMISSED = "dismissed"
    QUASHED_AND_RETURNED = "quashed_and_returned"


class ComplaintStatus(StrEnum):
    RECEIVED = "received"
    REVIEWED = "reviewed"
    RESOLVED_BY_MUNICIPALITY = "resolved_by_municipality"
    FORWARDED = "forwarded"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


ENDED = frozenset(
    {ComplaintStatus.RESOLVED_BY_MUNICIPALITY, ComplaintStatus.DECIDED, ComplaintStatus.WITHDRAWN}
)


class Complaint(Aggregate):
    """A complaint by a user or representative about one plan."""

    class Event(Aggregate.Event):
        meta: Data

    class Received(Event, Aggregate.Created):
        """A complaint was received: from whom, its grounds and words, and its deadline."""

        plan_id: str
        municipality: str
        complainant: ComplainantPayload
        grounds: list[Ground]
        complainants_words: str
        knew_on: date
        submitted_on: date
        period: ComplaintPeriodPayload | None
        signed: bool
        deadline: DeadlinePayload
        late: bool

    class Reviewed(Event):
        """The municipality reviewed the complaint: upheld, changed the plan, or maintained."""

        outcome: ReviewOutcome
        plan_version: int | None

    class EvidenceAttached(Event):
        """A participation evidence pack was added to the case file by its hash and position."""

        pack: EvidenceRefPayload

    class Forwarded(Event):
        """The municipality sent the case to Statsforvalteren."""

        authority: str

    class Decided(Event):
        """Statsforvalteren decided the complaint."""

        outcome: DecisionOutcome
        decision_reference: str

    class Withdrawn(Event):
        """The complainant withdrew the complaint."""

    @classmethod
    def receive(
        cls,
        meta: Meta,
        *,
        plan_id: str,
        municipality: str,
        complainant: Data,
        grounds: list[str],
        complainants_words: str,
        knew_on: date,
        submitted_on: date | None = None,
        period: Data | None = None,
        signed: bool = False,
    ) -> Complaint:
        received_on = local_date(meta.effective_at)
        submitted = submitted_on or received_on
        _check_dates(knew_on, submitted, received_on, period)
        rules.require(bool(grounds), "grounds", "a complaint names at least one ground")
        rules.require(
            all(g in set(Ground) for g in grounds),
            "grounds",
            f"grounds are among {', '.join(Ground)}",
        )
        deadline = complaint_deadline(knew_on)
        return cls._create(
            cls.Received,
            meta=meta.to_event(),
            plan_id=plan_id,
            municipality=municipality,
            complainant=_complainant(complainant),
            grounds=sorted({str(Ground(g)) for g in grounds}),
            complainants_words=rules.required_text(complainants_words, "complainants_words"),
            knew_on=knew_on,
            submitted_on=submitted,
            period=period,
            signed=signed,
            deadline={
                "last_day": deadline.last_day,
                "nominal_day": deadline.nominal_day,
                "extended_because": deadline.extended_because,
                "rule": deadline.rule.ref_id,
                "basis": deadline.rule.basis.citation,
                "counting": deadline.rule.counting.citation,
            },
            late=deadline.is_late(submitted),
        )

    @event(Received)
    def __init__(
        self,
        meta: Data,
        plan_id: str,
        municipality: str,
        complainant: Data,
        grounds: list[str],
        complainants_words: str,
        knew_on: date,
        submitted_on: date,
        period: Data | None,
        signed: bool,
        deadline: Data,
        late: bool,
    ) -> None:
        self.plan_id = plan_id
        self.municipality = municipality
        self.received_at = meta["effective_at"]
        self.complainant = complainant
        self.grounds = grounds
        self.complainants_words = complainants_words
        self.knew_on, self.submitted_on, self.period = knew_on, submitted_on, period
        self.signed, self.deadline, self.late = signed, deadline, late
        self.status = status_after(self.Received)
        self.review: Data | None = None
        self.forwarded_to: str | None = None
        self.decision: Data | None = None
        self.evidence: list[Data] = []

    def record_review(self, meta: Meta, *, outcome: str, plan_version: int | None = None) -> None:
        self._require(ComplaintStatus.RECEIVED, "the complaint has already been reviewed")
        meta.require_reason("the municipality reviews a complaint")
        if outcome == ReviewOutcome.PLAN_CHANGED:
            rules.require(
                plan_version is not None,
                "plan_version",
                "a changed plan is referred to by the plan version that holds the change",
            )
        self._reviewed(
            meta=meta.to_event(), outcome=str(ReviewOutcome(outcome)), plan_version=plan_version
        )

    @event(Reviewed)
    def _reviewed(self, meta: Data, outcome: str, plan_version: int | None) -> None:
        self.review = {"outcome": outcome, "plan_version": plan_version, "on": meta["effective_at"]}
        self.status = status_after(self.Reviewed, outcome)

    def attach_evidence(self, meta: Meta, *, pack: Data) -> None:
        self._require_open()
        self._evidence_attached(meta=meta.to_event(), pack=pack)

    @event(EvidenceAttached)
    def _evidence_attached(self, meta: Data, pack: Data) -> None:
        self.evidence.append(pack | {"attached_at": meta["effective_at"]})

    def forward(self, meta: Meta, *, authority: str) -> None:
        self._require(
            ComplaintStatus.REVIEWED, "only a reviewed, unresolved complaint is forwarded"
        )
        if not self.evidence:
            raise StateConflict(
                "attach a participation evidence pack before forwarding: the complaint body must "
                "have the plan and the evidence, not only the municipality's summary",
                field="evidence",
            )
        self._forwarded(meta=meta.to_event(), authority=rules.required_text(authority, "authority"))

    @event(Forwarded)
    def _forwarded(self, meta: Data, authority: str) -> None:
        self.forwarded_to, self.status = authority, status_after(self.Forwarded)

    def decide(self, meta: Meta, *, outcome: str, decision_reference: str) -> None:
        self._require(ComplaintStatus.FORWARDED, "only a forwarded complaint is decided")
        meta.require_reason("a complaint is decided")
        self._decided(
            meta=meta.to_event(),
            outcome=str(DecisionOutcome(outcome)),
            decision_reference=rules.required_text(decision_reference, "decision_reference"),
        )

    @event(Decided)
    def _decided(self, meta: Data, outcome: str, decision_reference: str) -> None:
        self.decision = {"outcome": outcome, "reference": decision_reference}
        self.status = status_after(self.Decided)

    def withdraw(self, meta: Meta) -> None:
        self._require_open()
        self._withdrawn(meta=meta.to_event())

    @event(Withdrawn)
    def _withdrawn(self, meta: Data) -> None:
        self.status = status_after(self.Withdrawn)

    def _require(self, status: ComplaintStatus, detail: str) -> None:
        if self.status != status:
            raise StateConflict(f"{detail} (the complaint is {self.status})", field="status")

    def _require_open(self) -> None:
        if self.status in ENDED:
            raise StateConflict(f"the complaint is {self.status}", field="status")


def status_after(step: type[Complaint.Event], outcome: str | None = None) -> ComplaintStatus:
    """The complaint's status after a step (its event class): the one status machine, read by
    the aggregate and by the complaints read model. A municipality's review that upholds the
    complaint resolves it; any other review leaves it to be forwarded."""
    if issubclass(step, Complaint.Reviewed):
        upheld = outcome == ReviewOutcome.UPHELD
        return ComplaintStatus.RESOLVED_BY_MUNICIPALITY if upheld else ComplaintStatus.REVIEWED
    return STATUS_AFTER[step]


STATUS_AFTER: dict[type[Complaint.Event], ComplaintStatus] = {
    Complaint.Received: ComplaintStatus.RECEIVED,
    Complaint.Forwarded: ComplaintStatus.FORWARDED,
    Complaint.Decided: ComplaintStatus.DECIDED,
    Complaint.Withdrawn: ComplaintStatus.WITHDRAWN,
}


def _complainant(data: Data) -> Data:
    picked = rules.person(data, "complainant")
    capacity = str(data.get("capacity") or ComplainantCapacity.USER)
    rules.require(
        capacity in set(ComplainantCapacity),
        "complainant.capacity",
        "a complainant is the user or a representative",
    )
    basis = data.get("basis")
    if capacity == ComplainantCapacity.REPRESENTATIVE:
        rules.require(bool(basis), "complainant.basis", "a representative's basis is recorded")
    return picked | {"capacity": capacity, "basis": basis}


def _check_dates(knew_on: date, submitted: date, received_on: date, period: Data | None) -> None:
    if knew_on > submitted:
        raise RuleViolation(
            "the complainant cannot have complained before they knew", field="knew_on"
        )
    if submitted > received_on:
        raise RuleViolation("a complaint is submitted before it is received", field="submitted_on")
    if period is not None and period["from"] > period["to"]:
        raise RuleViolation("the period complained about ends before it starts", field="period.to")
