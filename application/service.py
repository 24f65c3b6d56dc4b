"""`Planspor`: the one `Application` whose public methods are the use cases.

Writes (`application/plan_use_cases.py`, `application/complaints.py`, both on the one base in
`application/use_cases.py`): load → act → save, in one transaction with everything the write
must move atomically (the person index, the idempotency record). Queries, here: the plan now, at
a version, as recorded at an instant, and its events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder, StoredEvent
from eventsourcing.utils import get_topic

from application.access import Action, Grant, Policy
from application.complaints import ComplaintCases
from application.errors import PlanNotFoundError
from application.plan_use_cases import PlanCases
from application.positions import PositionIndex, ScanningPositions
from application.read_cache import DEFAULT_PLANS, PlanReadCache
from application.read_log import MemoryReadLog
from application.transcodings import register_all
from application.use_cases import WriteOptions, today
from domain.plan import Plan
from domain.read_log import PlanRead, ReadRecord
from domain.values import Actor, AssuranceLevel

__all__ = ["Planspor", "WriteOptions"]  # WriteOptions lives in application/use_cases.py

DEFAULT_SNAPSHOT_INTERVAL = 50


class Planspor(PlanCases, ComplaintCases):
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
        cached_plans = int(self.env.get("READ_CACHE_PLANS") or DEFAULT_PLANS)
        self.read_cache = PlanReadCache(self.events, cached_plans)
        # PostgreSQL: a table beside the events (`adapters/eventstore.py`); else in memory
        make_log = getattr(self.factory, "read_log", None)
        self.read_log = make_log() if make_log else MemoryReadLog()
        self.read_log.open(get_topic(PlanRead.Recorded), self._legacy_read)

    def _legacy_read(self, stored: StoredEvent) -> ReadRecord:
        recorded = self.mapper.to_domain_event(stored)
        assert isinstance(recorded, PlanRead.Recorded)
        return ReadRecord.of_event(recorded)

    def close(self) -> None:
        self.read_log.close()
        super().close()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_all(transcoder)

    # ---- queries -------------------------------------------------------------------------------

    def get_plan(
        self,
        plan_id: UUID,
        actor: Actor,
        *,
        version: int | None = None,
        purpose: str | None = None,
    ) -> Plan:
        """The plan now or at a version; the read is logged before it is shown. The plan is
        shared with other readers (`application/read_cache.py`): look, do not change."""
        current = self.grant_read(plan_id, actor, "plan", purpose, {"version": version})
        if version is None:
            return current
        return self._version(self._cached(plan_id), version, field="version")

    def plan_as_of(
        self, plan_id: UUID, actor: Actor, instant: datetime, purpose: str | None = None
    ) -> Plan:
        """The plan as it was recorded at `instant` (transaction time)."""
        self.grant_read(plan_id, actor, "plan as of", purpose, {"as_of": instant.isoformat()})
        cached = self._cached(plan_id)
        version = self.read_cache.version_at(cached, instant)
        if version is None:
            raise PlanNotFoundError("the plan had not been opened at that instant", field="as_of")
        return self._version(cached, version, field="as_of")

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
        return list(self._cached(plan_id).events[after : after + limit])

    def plan_for_document(
        self, plan_id: UUID, actor: Actor, number: int | None = None, purpose: str | None = None
    ) -> tuple[Plan, int | None, datetime]:
        """The plan now, or as agreed in version `number`, for its document: who may download
        it is the policy's `download` cell; the download is logged as a read first. Returns the
        plan at that version, the log position of that version and when it was recorded."""
        self.policy.on_plan(actor, Action.DOWNLOAD, self._cached(plan_id).plan, today(), purpose)
        current = self.grant_read(plan_id, actor, "document", purpose, {"agreed_version": number})
        plan = current
        if number is not None:
            if not 1 <= number <= len(current.versions):
                raise PlanNotFoundError(f"no agreed plan version {number}", field="version")
            at = current.versions[number - 1].aggregate_version
            plan = self._version(self._cached(plan_id), at, field="version")
        return plan, self.positions.position_of(plan_id, plan.version), plan.modified_on

    # ---- access and the read log ---------------------------------------------------------------

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
        plan = self._cached(plan_id).plan
        self.policy.on_plan(actor, Action.READ_READ_LOG, plan, today(), purpose)
        return plan
