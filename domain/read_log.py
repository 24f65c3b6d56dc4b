"""Innsyn i logg: every read of a plan's content is itself a recorded, immutable fact.

One aggregate per read (never contended, never changed). The user may see every read of their
plan; a supervisor may search them (pasientjournalloven § 22, Normen "Logging og innsyn i logg").
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event


class PlanRead(Aggregate):
    class Recorded(Aggregate.Created):
        """Someone was shown plan content: who, in what role, what, on what basis, why.
        `plan_id` is None for a search across plans (the audit trail), whose filters are in
        `detail`."""

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
