"""Idempotent writes: a record per (actor, Idempotency-Key), saved in the same transaction as the
write it answers. A retry finds the record and gets the first answer; a second event is never made.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

NAMESPACE = uuid5(NAMESPACE_URL, "https://planspor.no/idempotency")


@dataclass(frozen=True)
class WriteResult:
    """What a write returns: the plan's new version, and the log position of its last event."""

    plan_id: UUID
    version: int
    created_id: str | None = None
    position: int | None = None
    replayed: bool = False


class IdempotencyRecord(Aggregate):
    class Recorded(Aggregate.Created):
        """A write answered under an Idempotency-Key: what it was (fingerprint) and its result."""

        fingerprint: str
        plan_id: UUID
        version: int
        created_id: str | None

    @staticmethod
    def id_for(actor_id: str, key: str) -> UUID:
        return uuid5(NAMESPACE, f"{actor_id}\n{key}")

    @classmethod
    def record(cls, record_id: UUID, fingerprint: str, result: WriteResult) -> IdempotencyRecord:
        return cls._create(
            cls.Recorded,
            id=record_id,
            fingerprint=fingerprint,
            plan_id=result.plan_id,
            version=result.version,
            created_id=result.created_id,
        )

    @event(Recorded)
    def __init__(
        self, fingerprint: str, plan_id: UUID, version: int, created_id: str | None
    ) -> None:
        self.fingerprint = fingerprint
        self.result = WriteResult(
            plan_id=plan_id, version=version, created_id=created_id, replayed=True
        )
