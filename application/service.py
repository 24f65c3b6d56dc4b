"""`Planspor`: the one `Application` whose public methods are the use cases.

Writes: load → act → save, in one transaction with everything the write must move atomically (the
person index, the idempotency record). Queries: the plan now, at a version, as recorded at an
instant, and its events.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    JSONTranscoder,
    OperationalError,
    PersistenceError,
)

from application import history, outcome
from application.access import Action, Grant, Policy
from application.commands import Command, OpenPlan, PlanCommand
from application.complaints import ComplaintCases
from application.errors import (
    AccessDeniedError,
    ConcurrentWriteError,
    IdempotencyKeyReusedError,
    OutcomeUnknownError,
    PlanNotFoundError,
    PreconditionFailedError,
    ReadNotLoggedError,
)
from application.idempotency import IdempotencyRecord, WriteResult
from application.positions import PositionIndex, ScanningPositions
from application.transcodings import register_all
from domain.person_index import PersonPlanIndex
from domain.plan import Plan, local_date
from domain.read_log import PlanRead
from domain.values import Actor, AssuranceLevel, Meta

DEFAULT_SNAPSHOT_INTERVAL = 50


def _today() -> date:
    return local_date(datetime.now(UTC))


@dataclass(frozen=True)
class WriteOptions:
    """How a write arrived: its expected version (If-Match), idempotency key and request id."""

    expected_version: int | None = None
    idempotency_key: str | None = None
    fingerprint: str = ""
    request_id: str | None = None


class Planspor(ComplaintCases, Application[UUID]):
    name = "Planspor"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {Plan: DEFAULT_SNAPSHOT_INTERVAL}

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        interval = int(self.env.get("SNAPSHOT_INTERVAL") or DEFAULT_SNAPSHOT_INTERVAL)
        self.snapshotting_intervals = {Plan: interval}  # type: ignore[misc]  # per instance
        self._pseudonym_key = (self.env.get("PSEUDONYM_KEY") or "development").encode()
        sensitive = self.env.get("HIGH_ASSURANCE_COMMANDS") or ""
        own = AssuranceLevel(self.env.get("USER_WRITE_ASSURANCE") or AssuranceLevel.HIGH)
        self.policy = Policy(frozenset(name for name in sensitive.split(",") if name), own)
        self.positions: PositionIndex = ScanningPositions(self.recorder)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_all(transcoder)

    # ---- commands ------------------------------------------------------------------------------

    def open_plan(self, actor: Actor, command: OpenPlan, options: WriteOptions) -> WriteResult:
        """A request is received: open a plan, unless the person already has an open one."""
        if replayed := self._replayed(actor, options):
            return replayed
        self.policy.general(actor, Action.OPEN_CASE)
        if command.municipality != actor.municipality:
            raise AccessDeniedError(
                "plans are opened in your own municipality", field="municipality"
            )
        self.policy.command(actor, type(command).__name__)
        plan = command.open(self._meta(actor, command, options))
        indexes = self._person_indexes(plan)
        for index in indexes:
            index.link(plan.id)
        return self._save(actor, options, WriteResult(plan.id, plan.version), plan, *indexes)

    def execute(
        self, plan_id: UUID, actor: Actor, command: PlanCommand, options: WriteOptions
    ) -> WriteResult:
        """Run one command on a plan: the one write path for every change after opening."""
        if replayed := self._replayed(actor, options):
            return replayed
        plan = self._load(plan_id)
        self.policy.on_plan(actor, command.action, plan, _today())
        self.policy.command(actor, type(command).__name__)
        if options.expected_version not in (None, plan.version):
            raise PreconditionFailedError(
                f"the plan is at version {plan.version}, not {options.expected_version}",
                field="If-Match",
            )
        was_closed = plan.closed
        created = command.run(plan, self._meta(actor, command, options))
        indexes = self._person_indexes(plan) if plan.closed != was_closed else []
        for index in indexes:
            index.release(plan.id) if plan.closed else index.link(plan.id)
        result = WriteResult(plan.id, plan.version, created)
        return self._save(actor, options, result, plan, *indexes)

    # ---- queries -------------------------------------------------------------------------------

    def get_plan(
        self,
        plan_id: UUID,
        actor: Actor,
        *,
        version: int | None = None,
        purpose: str | None = None,
    ) -> Plan:
        """The plan now or at a version; the read is logged before it is shown."""
        current = self.grant_read(plan_id, actor, "plan", purpose, {"version": version})
        return current if version is None else self._load(plan_id, version=version)

    def plan_as_of(
        self, plan_id: UUID, actor: Actor, instant: datetime, purpose: str | None = None
    ) -> Plan:
        """The plan as it was recorded at `instant` (transaction time)."""
        self.grant_read(plan_id, actor, "plan as of", purpose, {"as_of": instant.isoformat()})
        version = history.version_at(self.events, plan_id, instant)
        if version is None:
            raise PlanNotFoundError("the plan had not been opened at that instant", field="as_of")
        return self._load(plan_id, version=version)

    def plan_events(
        self,
        plan_id: UUID,
        actor: Actor,
        *,
        after: int = 0,
        limit: int = 100,
        purpose: str | None = None,
    ) -> list[Plan.Event]:
        self.grant_read(plan_id, actor, "events", purpose, {"after": after, "limit": limit})
        return list(self.events.get(plan_id, gt=after, limit=limit))  # type: ignore[arg-type]

    def plan_for_document(
        self, plan_id: UUID, actor: Actor, number: int | None = None, purpose: str | None = None
    ) -> tuple[Plan, int | None, datetime]:
        """The plan now, or as agreed in version `number`, for its document: who may download
        it is the policy's `download` cell; the download is logged as a read first. Returns the
        plan at that version, the log position of that version and when it was recorded."""
        self.policy.on_plan(actor, Action.DOWNLOAD, self._load(plan_id), _today(), purpose)
        current = self.grant_read(plan_id, actor, "document", purpose, {"agreed_version": number})
        plan = current
        if number is not None:
            if not 1 <= number <= len(current.versions):
                raise PlanNotFoundError(f"no agreed plan version {number}", field="version")
            plan = self._load(plan_id, version=current.versions[number - 1].aggregate_version)
        return plan, self.positions.position_of(plan_id, plan.version), plan.modified_on

    # ---- access and the read log ---------------------------------------------------------------

    def grant_read(
        self,
        plan_id: UUID,
        actor: Actor,
        what: str,
        purpose: str | None,
        detail: dict[str, Any] | None = None,
    ) -> Plan:
        """Decide a read of plan content and log it; the content may be shown only after this."""
        plan = self._load(plan_id)
        grant = self.policy.on_plan(actor, Action.READ_CONTENT, plan, _today(), purpose)
        self._log_read(actor, grant, what, detail or {}, plan)
        return plan

    def grant_search(
        self,
        actor: Actor,
        action: Action,
        what: str,
        purpose: str | None,
        detail: dict[str, Any] | None = None,
        municipality: str | None = None,
    ) -> Grant:
        """Decide a read across plans (lists, worklists, figures, audit) and its municipality
        (supervisors may name one; everyone else gets their own); log content searches."""
        grant = self.policy.general(actor, action, purpose, municipality)
        if action == Action.SEARCH_AUDIT:
            logged = (detail or {}) | {"municipality": grant.municipality}
            self._log_read(actor, grant, what, logged, None)
        return grant

    def grant_read_log(self, plan_id: UUID, actor: Actor, purpose: str | None) -> Plan:
        """May `actor` see who has read this plan (innsyn i logg)?"""
        plan = self._load(plan_id)
        self.policy.on_plan(actor, Action.READ_READ_LOG, plan, _today(), purpose)
        return plan

    def _log_read(
        self, actor: Actor, grant: Grant, what: str, detail: dict[str, Any], plan: Plan | None
    ) -> None:
        entry = PlanRead.record(
            plan_id=plan.id if plan else None,
            municipality=plan.municipality
            if plan
            else detail.get("municipality") or actor.municipality,
            actor=actor.to_event(),
            what=what,
            basis=grant.basis,
            purpose=grant.purpose,
            detail={key: value for key, value in detail.items() if value is not None},
        )
        try:
            self.save(entry)
        except PersistenceError:
            raise ReadNotLoggedError("the read could not be logged, so it is refused") from None

    # ---- internals -----------------------------------------------------------------------------

    def _load(self, plan_id: UUID, *, version: int | None = None) -> Plan:
        try:
            plan: Aggregate = self.repository.get(plan_id, version=version)
        except AggregateNotFoundError:
            raise PlanNotFoundError(f"no plan {plan_id}") from None
        if not isinstance(plan, Plan):
            raise PlanNotFoundError(f"no plan {plan_id}")
        if version is not None and plan.version != version:
            raise PlanNotFoundError(f"the plan has no version {version}", field="version")
        return plan

    def _meta(self, actor: Actor, command: Command, options: WriteOptions) -> Meta:
        now = datetime.now(UTC)
        return Meta(
            actor=actor,
            effective_at=command.effective_at or now,
            recorded_at=now,
            channel=command.channel,
            on_behalf_of=command.on_behalf_of,
            correlation_id=command.correlation_id,
            reason=command.reason,
            request_id=options.request_id,
        )

    def _person_indexes(self, plan: Plan) -> list[PersonPlanIndex]:
        keys = [
            f"{kind}:{plan.subject[kind]}"
            for kind in ("national_id", "person_id")
            if plan.subject.get(kind)
        ]
        return [self._index(f"{plan.municipality}|{key}") for key in keys]

    def _index(self, key: str) -> PersonPlanIndex:
        digest = hmac.new(self._pseudonym_key, key.encode(), hashlib.sha256).digest()
        index_id = UUID(bytes=digest[:16], version=4)
        try:
            index: Aggregate = self.repository.get(index_id)
        except AggregateNotFoundError:
            return PersonPlanIndex.start(index_id)
        assert isinstance(index, PersonPlanIndex)
        return index

    def _replayed(self, actor: Actor, options: WriteOptions) -> WriteResult | None:
        if not options.idempotency_key:
            return None
        try:
            record: Aggregate = self.repository.get(
                IdempotencyRecord.id_for(actor.person_id, options.idempotency_key)
            )
        except AggregateNotFoundError:
            return None
        assert isinstance(record, IdempotencyRecord)
        if record.fingerprint != options.fingerprint:
            raise IdempotencyKeyReusedError(
                "this Idempotency-Key was used for a different request", field="Idempotency-Key"
            )
        # the record is saved last in its write's transaction: its position is the write's
        return replace(record.result, position=self.positions.position_of(record.id, 1))

    def _save(
        self, actor: Actor, options: WriteOptions, result: WriteResult, *aggregates: Aggregate
    ) -> WriteResult:
        if options.idempotency_key:
            record_id = IdempotencyRecord.id_for(actor.person_id, options.idempotency_key)
            aggregates = (
                *aggregates,
                IdempotencyRecord.record(record_id, options.fingerprint, result),
            )
        marks = outcome.landmarks(aggregates)
        try:
            recordings = self.save(*aggregates)
        except IntegrityError:  # someone else's events, or our own from a retried insert
            if replayed := self._replayed(actor, options):
                return replayed
            if outcome.stored(self, marks):
                return replace(result, position=outcome.position(self.positions, marks))
            raise ConcurrentWriteError(
                "someone else changed the plan at the same time; nothing was stored — "
                "reload and try again"
            ) from None
        except (OperationalError, InterfaceError):
            return self._after_lost_commit(result, marks)
        positions = [r.notification.id for r in recordings if r.notification.id is not None]
        return replace(result, position=max(positions, default=None))

    def _after_lost_commit(self, result: WriteResult, marks: list[outcome.Landmark]) -> WriteResult:
        """The connection broke during the write: answer only what the log shows."""
        try:
            if outcome.stored(self, marks):
                return replace(result, position=outcome.position(self.positions, marks))
        except (OperationalError, InterfaceError):
            pass
        raise OutcomeUnknownError(
            "the connection to the database was lost while the write was being stored, so it "
            "may or may not be stored; a retry with the same Idempotency-Key is safe"
        )
