"""The one base of every use case, plan and complaint alike: load an aggregate, check If-Match,
answer a replayed write (Idempotency-Key), save in one transaction, and log a read before it is
shown. `PlanCases` (`application/plan_use_cases.py`) and `ComplaintCases`
(`application/complaints.py`) build on it; `Planspor` (`application/service.py`) is both.

Moved here from `application/service.py` unchanged in behaviour: `WriteOptions`, `_load`,
`_meta`, `_replayed`, `_save`, `_after_lost_commit`, `grant_read` and `_log_read`.
Longer than 200 lines for a reason: these are the write path's steps, which a reader follows in
order, and the read log that every read passes; splitting them would split one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    OperationalError,
)

from application import outcome
from application.access import Action, Grant, Policy
from application.commands.base import Command
from application.errors import (
    ApplicationError,
    ConcurrentWriteError,
    IdempotencyKeyReusedError,
    OutcomeUnknownError,
    PlanNotFoundError,
    PreconditionFailedError,
    ReadNotLoggedError,
)
from application.idempotency import IdempotencyRecord, WriteResult
from application.positions import PositionIndex
from application.read_cache import CachedPlan, PlanReadCache
from application.read_log import ReadLog, ReadLogUnavailableError
from domain.plan import Plan, local_date
from domain.read_log import ReadRecord
from domain.values import Actor, Meta

A = TypeVar("A", bound=Aggregate)


def today() -> date:
    return local_date(datetime.now(UTC))


@dataclass(frozen=True)
class WriteOptions:
    """How a write arrived: its expected version (If-Match), idempotency key and request id."""

    expected_version: int | None = None
    idempotency_key: str | None = None
    fingerprint: str = ""
    request_id: str | None = None


class UseCases(Application[UUID]):
    """What every use case does the same way. Subclasses set `policy`, `positions` and
    `read_cache`."""

    policy: Policy
    positions: PositionIndex
    read_cache: PlanReadCache
    read_log: ReadLog

    # ---- writing ---------------------------------------------------------------------------

    def _write(
        self,
        actor: Actor,
        options: WriteOptions,
        act: Callable[[], tuple[WriteResult, Sequence[Aggregate]]],
    ) -> WriteResult:
        """A write: a replay answers as the first time did; otherwise act, then save what the
        act changed (with the idempotency record) in one transaction."""
        if replayed := self._replayed(actor, options):
            return replayed
        result, aggregates = act()
        return self._save(actor, options, result, *aggregates)

    @staticmethod
    def _require_version(aggregate: Aggregate, options: WriteOptions, what: str) -> None:
        """If-Match: the write is refused unless the aggregate is at the version the client saw."""
        if options.expected_version not in (None, aggregate.version):
            raise PreconditionFailedError(
                f"the {what} is at version {aggregate.version}, not {options.expected_version}",
                field="If-Match",
            )

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
        """Save with the idempotency record, in one transaction. Over 15 lines for a reason: its
        three outcomes (stored; a conflict that may be our own retried insert; a lost commit)
        are one decision, read together."""
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

    # ---- loading -----------------------------------------------------------------------------

    def _get(
        self, kind: type[A], aggregate_id: UUID, missing: ApplicationError, version: int | None
    ) -> A:
        """The aggregate of `kind`, or `missing` (no other kind's id answers either)."""
        try:
            found: Aggregate = self.repository.get(aggregate_id, version=version)
        except AggregateNotFoundError:
            raise missing from None
        if not isinstance(found, kind):
            raise missing
        return found

    def _load(self, plan_id: UUID, *, version: int | None = None) -> Plan:
        plan = self._get(Plan, plan_id, PlanNotFoundError(f"no plan {plan_id}"), version)
        if version is not None and plan.version != version:
            raise PlanNotFoundError(f"the plan has no version {version}", field="version")
        return plan

    def _cached(self, plan_id: UUID) -> CachedPlan:
        """The plan for reading, with every event stored until now (never stale)."""
        cached = self.read_cache.current(plan_id)
        if cached is None:
            raise PlanNotFoundError(f"no plan {plan_id}")
        return cached

    def _version(self, cached: CachedPlan, version: int, field: str) -> Plan:
        if not 1 <= version <= cached.version:
            raise PlanNotFoundError(f"the plan has no version {version}", field=field)
        return self.read_cache.at_version(cached, version)

    # ---- the read log ------------------------------------------------------------------------

    def grant_read(
        self,
        plan_id: UUID,
        actor: Actor,
        what: str,
        purpose: str | None,
        detail: dict[str, Any] | None = None,
    ) -> Plan:
        """Decide a read of plan content and log it; the content may be shown only after this.
        The plan is shared with other readers (`application/read_cache.py`): look, do not change."""
        plan = self._cached(plan_id).plan
        grant = self.policy.on_plan(actor, Action.READ_CONTENT, plan, today(), purpose)
        self._log_read(actor, grant, what, detail or {}, plan)
        return plan

    def _log_read(
        self, actor: Actor, grant: Grant, what: str, detail: dict[str, Any], plan: Plan | None
    ) -> None:
        entry = ReadRecord(
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
            self.read_log.record(entry)
        except ReadLogUnavailableError:
            raise ReadNotLoggedError("the read could not be logged, so it is refused") from None
