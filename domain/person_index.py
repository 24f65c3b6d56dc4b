"""One open plan per person in a municipality (one plan across sectors, domain.md §1).

An index aggregate per person key (a keyed hash of the identity number, never the number itself)
records which plan is open. Saving it in the same transaction as the plan makes two concurrent
requests for the same person collide on the index's version instead of creating two plans.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import OpenPlanExists


class PersonPlanIndex(Aggregate):
    class Started(Aggregate.Created):
        """The index for one person key was started (its id is the keyed hash)."""

    class PlanLinked(Aggregate.Event):
        """The person's open plan is this one."""

        plan_id: UUID

    class PlanReleased(Aggregate.Event):
        """The plan was closed: the person may get a new plan."""

        plan_id: UUID

    @classmethod
    def start(cls, index_id: UUID) -> PersonPlanIndex:
        return cls._create(cls.Started, id=index_id)

    def __init__(self) -> None:
        self.plan_id: UUID | None = None

    def link(self, plan_id: UUID) -> None:
        if self.plan_id is not None and self.plan_id != plan_id:
            raise OpenPlanExists(
                "the person already has an open plan in this municipality",
                existing_plan_id=str(self.plan_id),
            )
        if self.plan_id is None:
            self._linked(plan_id=plan_id)

    @event(PlanLinked)
    def _linked(self, plan_id: UUID) -> None:
        self.plan_id = plan_id

    def release(self, plan_id: UUID) -> None:
        if self.plan_id == plan_id:
            self._released(plan_id=plan_id)

    @event(PlanReleased)
    def _released(self, plan_id: UUID) -> None:
        self.plan_id = None
