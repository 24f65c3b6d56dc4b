"""Complaint use cases on the one use-case base (`application/use_cases.py`): file, move and
read a complaint; build the participation evidence pack at a log position; the plan as it stood
on a date, both ways. Longer than 200 lines for a reason: the complaint's case file is one
object to a reader (filing, steps, evidence, and the plan on a date the complaint is about)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.access import RELATIONSHIP, Action, Grant, Policy, representative_basis
from application.commands.complaints import (
    AttachEvidence,
    ComplaintCommand,
    FileComplaint,
)
from application.complaint_access import ComplaintScope, Step, list_scope, on_complaint
from application.errors import (
    AccessDeniedError,
    ComplaintNotFoundError,
    PlanNotFoundError,
)
from application.idempotency import WriteResult
from application.use_cases import UseCases, WriteOptions
from domain import bitemporal
from domain.complaint import Complaint
from domain.errors import RuleViolation
from domain.evidence import FORMAT, Period, build_pack, digest
from domain.plan import Plan, local_date
from domain.values import Actor, Role


@dataclass(frozen=True)
class EvidencePack:
    content: dict[str, Any]
    sha256: str


@dataclass(frozen=True)
class PlanOnDate:
    day: date
    position: int
    as_recorded: Plan | None
    as_effective: Plan | None
    not_applied: list[Plan.Event]


class ComplaintCases(UseCases):
    def complaint_list_scope(
        self, actor: Actor, purpose: str | None, municipality: str | None
    ) -> ComplaintScope:
        """Which complaints `actor` may list: their own, their municipality's, or (for
        Statsforvalteren) the forwarded ones. Who complained is sensitive: a handler's or
        supervisor's list is logged like a search."""
        scope = list_scope(actor, purpose, municipality)
        if scope.complainant_id is None:
            grant = Grant(str(actor.role), purpose=purpose)
            detail = {"municipality": scope.municipality, "statuses": scope.statuses}
            self._log_read(actor, grant, "complaint list", detail, None)
        return scope

    def file_complaint(
        self, actor: Actor, command: FileComplaint, options: WriteOptions
    ) -> WriteResult:
        """A complaint is filed by the user or a representative, or registered from a letter by
        the municipality's complaint handler; never by or through the coordinator."""

        def act() -> tuple[WriteResult, list[Aggregate]]:
            plan = self._load(command.plan_id)
            complainant = _complainant(self.policy, actor, plan, command)
            meta = self._meta(actor, command, options)
            complaint = command.receive(meta, plan.municipality, complainant)
            return WriteResult(complaint.id, complaint.version), [complaint]

        return self._write(actor, options, act)

    def complaint_step(
        self,
        complaint_id: UUID,
        actor: Actor,
        command: ComplaintCommand,
        options: WriteOptions,
    ) -> WriteResult:

        def act() -> tuple[WriteResult, list[Aggregate]]:
            complaint = self._writable(complaint_id, actor, command.step, options)
            command.run(complaint, self._meta(actor, command, options))
            return WriteResult(complaint.id, complaint.version), [complaint]

        return self._write(actor, options, act)

    def attach_evidence(
        self,
        complaint_id: UUID,
        actor: Actor,
        command: AttachEvidence,
        options: WriteOptions,
    ) -> WriteResult:
        """Build the pack at the head of the log and record its hash and position on the case."""

        def act() -> tuple[WriteResult, list[Aggregate]]:
            complaint = self._writable(complaint_id, actor, Step.ATTACH_EVIDENCE, options)
            pack = self._pack(UUID(complaint.plan_id), _span(command, complaint), None)
            complaint.attach_evidence(
                self._meta(actor, command, options),
                pack={
                    "format": FORMAT,
                    "plan_id": complaint.plan_id,
                    "position": pack.content["position"],
                    "period": pack.content["period"],
                    "sha256": pack.sha256,
                },
            )
            return WriteResult(complaint.id, complaint.version), [complaint]

        return self._write(actor, options, act)

    def get_complaint(
        self, complaint_id: UUID, actor: Actor, purpose: str | None = None
    ) -> tuple[Complaint, list[Complaint.Event]]:
        """The complaint and every step of it; the read is logged against the plan."""
        complaint = self._complaint(complaint_id)
        grant = on_complaint(actor, Step.READ, complaint, purpose)
        plan = self._load(UUID(complaint.plan_id))
        self._log_read(actor, grant, "complaint", {"complaint_id": str(complaint.id)}, plan)
        return complaint, list(self.events.get(complaint_id))  # type: ignore[arg-type]

    def evidence_pack(
        self,
        plan_id: UUID,
        actor: Actor,
        period: Period,
        position: int | None = None,
        purpose: str | None = None,
        format_name: str = FORMAT,
    ) -> EvidencePack:
        """The participation evidence pack at `position` (default: the head of the log), in
        `format_name` (default: the newest; older formats rebuild packs attached earlier)."""
        detail = {"from": period.start.isoformat(), "to": period.end.isoformat()}
        self.grant_read(plan_id, actor, "evidence pack", purpose, detail | {"position": position})
        return self._pack(plan_id, period, position, format_name)

    def plan_on_date(
        self,
        plan_id: UUID,
        actor: Actor,
        day: date,
        position: int | None = None,
        purpose: str | None = None,
    ) -> PlanOnDate:
        """The plan on `day` as recorded by then and as effective then (with later corrections
        up to `position`)."""
        detail = {"date": day.isoformat(), "position": position}
        self.grant_read(plan_id, actor, "plan on date", purpose, detail)
        at, events = self._events_at(plan_id, position)
        effective, skipped = bitemporal.as_effective(events, day)
        recorded = bitemporal.as_recorded(events, day)
        return PlanOnDate(day, at, recorded, effective, skipped)

    # ---- internals -------------------------------------------------------------------------

    def _complaint(self, complaint_id: UUID) -> Complaint:
        missing = ComplaintNotFoundError(f"no complaint {complaint_id}")
        return self._get(Complaint, complaint_id, missing, None)

    def _writable(
        self, complaint_id: UUID, actor: Actor, step: Step, options: WriteOptions
    ) -> Complaint:
        complaint = self._complaint(complaint_id)
        on_complaint(actor, step, complaint, None)
        self._require_version(complaint, options, "complaint")
        return complaint

    def _pack(
        self, plan_id: UUID, period: Period, position: int | None, format_name: str = FORMAT
    ) -> EvidencePack:
        at, events = self._events_at(plan_id, position)
        content = build_pack(events, period, at, format_name)
        return EvidencePack(content, digest(content))

    def _events_at(self, plan_id: UUID, position: int | None) -> tuple[int, list[Plan.Event]]:
        head = self.recorder.max_notification_id() or 0
        if position is not None and position > head:
            raise RuleViolation(
                f"the log has not reached position {position} (it is at {head})", field="position"
            )
        at = head if position is None else position
        version = self.positions.version_at(plan_id, at)
        cached = self.read_cache.current(plan_id)  # read after: it holds `version` at least
        if version is None or cached is None:
            raise PlanNotFoundError("the plan did not exist at that position", field="position")
        return at, list(cached.events[:version])


def _span(command: AttachEvidence, complaint: Complaint) -> Period:
    """The period the evidence covers: the one asked for, else the one complained about."""
    if command.period is not None:
        return Period(command.period.start, command.period.end)
    if complaint.period is not None:
        return Period(complaint.period["from"], complaint.period["to"])
    raise RuleViolation("name the period the evidence covers", field="period")


def _complainant(
    policy: Policy, actor: Actor, plan: Plan, command: FileComplaint
) -> dict[str, Any]:
    role = Role(actor.role)
    today = local_date(datetime.now(UTC))
    if role in (Role.USER, Role.REPRESENTATIVE):
        if RELATIONSHIP[role](actor, plan, today) is None:
            raise PlanNotFoundError(f"no plan {plan.id}")
        if command.complainant is not None and command.complainant.person_id != actor.person_id:
            raise AccessDeniedError(
                "you file a complaint in your own name", field="complainant.person_id"
            )
        return {
            "person_id": actor.person_id,
            "name": actor.name,
            "capacity": str(role),
            "basis": representative_basis(actor, plan),
        }
    if role == Role.COMPLAINT_HANDLER and actor.municipality == plan.municipality:
        if command.complainant is None:
            raise RuleViolation(
                "a complaint registered by the complaint handler names the complainant",
                field="complainant",
            )
        return command.complainant.model_dump(mode="json")
    policy.on_plan(actor, Action.READ_CONTENT, plan, today, "complaint")  # 404 if no relationship
    raise AccessDeniedError(
        "a complaint is filed by the user or a representative, or registered by the complaint "
        "handler: not by or through the services",
        rule="complaint-filed-by-complainant",
    )
