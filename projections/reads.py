"""The read log: one row per read of plan content, for the user's "who has looked at my plan"
and for supervisors' searches."""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.read_log import PlanRead
from projections.base import Batch, ReadModel


class ReadsModel(ReadModel):
    name = "reads"
    tables: ClassVar[dict[str, tuple[str, ...]]] = {"entries": ()}
    appends = ("entries",)
    topics = (get_topic(PlanRead.Recorded),)

    def plans(self, event: Any) -> tuple[UUID, ...]:
        return ()  # append-only: nothing to load

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        actor = event.actor
        batch.append(
            "entries",
            {
                "position": position,
                "read_id": event.originator_id,
                "plan_id": event.plan_id,
                "municipality": event.municipality,
                "read_at": event.timestamp,
                "actor_id": actor["person_id"],
                "actor_name": actor["name"],
                "actor_role": actor["role"],
                "actor_organisation": actor.get("organisation", ""),
                "actor_unit": actor.get("unit", ""),
                "actor_assurance": actor.get("assurance", ""),
                "what": event.what,
                "basis": event.basis,
                "purpose": event.purpose,
                "detail": event.detail,
            },
        )
