"""Innsyn i logg: every read of a plan's content is itself a recorded, immutable fact.

A `ReadRecord` is one read: who, in what role, what, on what basis, why, when. The user may see
every read of their plan; a supervisor may search them (pasientjournalloven § 22, Normen
"Logging og innsyn i logg"). Records live in an append-only log of their own beside the plan
events (docs/decisions/0022-read-log-table.md).

`PlanRead` is how reads were recorded before: one aggregate per read in the events table. It
stays so that those stored events still decode, and are copied into the log once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event


@dataclass(frozen=True, slots=True)
class ReadRecord:
    """Someone was shown plan content. `plan_id` is None for a search across plans (the audit
    trail), whose filters are in `detail`; `actor` is `Actor.to_event()`."""

    plan_id: UUID | None
    municipality: str
    actor: dict[str, str]
    what: str
    basis: str
    purpose: str | None
    detail: dict[str, Any]
    read_id: UUID = field(default_factory=uuid4)
    read_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def of_event(cls, recorded: PlanRead.Recorded) -> ReadRecord:
        """A read recorded the earlier way, as a `PlanRead` event."""
        return cls(
            plan_id=recorded.plan_id,
            municipality=recorded.municipality,
            actor=dict(recorded.actor),
            what=recorded.what,
            basis=recorded.basis,
            purpose=recorded.purpose,
            detail=dict(recorded.detail),
            read_id=recorded.originator_id,
            read_at=recorded.timestamp,
        )


class PlanRead(Aggregate):
    """Legacy: no new `PlanRead` is recorded (see the module's docstring)."""

    class Recorded(Aggregate.Created):
        """No longer recorded: a read before the read log became a table of its own (decision
        record 0022), copied into it once. Someone was shown plan content: who, in what role,
        what, on what basis, why; `plan_id` is None for a search across plans."""

        plan_id: UUID | None
        municipality: str
        actor: dict[str, str]
        what: str
        basis: str
        purpose: str | None
        detail: dict[str, Any]

    @classmethod
    def record(
        cls,
        *,
        plan_id: UUID | None,
        municipality: str,
        actor: dict[str, str],
        what: str,
        basis: str,
        purpose: str | None,
        detail: dict[str, Any],
    ) -> PlanRead:
        return cls._create(
            cls.Recorded,
            plan_id=plan_id,
            municipality=municipality,
            actor=actor,
            what=what,
            basis=basis,
            purpose=purpose,
            detail=detail,
        )

    @event(Recorded)
    def __init__(
        self,
        plan_id: UUID | None,
        municipality: str,
        actor: dict[str, str],
        what: str,
        basis: str,
        purpose: str | None,
        detail: dict[str, Any],
    ) -> None:
        self.plan_id, self.what, self.basis = plan_id, what, basis
