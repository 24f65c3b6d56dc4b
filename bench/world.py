"""`World`: everything plans are generated from, in one process: mapper, offices, reference date.

Plan `index` is seeded from (seed, index) alone, so a chunk gives the same plans in any process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from eventsourcing.domain import Snapshot
from eventsourcing.persistence import Mapper

from application.service import Planspor
from bench.clock import RecordedClock, Timeline, recorded_clock, seeded
from bench.life import PlanLife
from bench.people import Office, build_offices, new_user
from bench.profiles import assess, profile_of, window
from bench.report import GeneratedPlan
from bench.scripts import live, pace, policy_for
from bench.store import Batch, row
from domain.plan import Plan

Chunk = tuple[Batch, list[GeneratedPlan]]


@dataclass(frozen=True)
class Spec:
    """What a worker process needs to build its own `World` (picklable)."""

    env: dict[str, str]
    seed: int
    municipalities: list[str]
    today: date
    snapshot_every: int

    def world(self, mapper: Mapper[Any] | None = None) -> World:
        """A world encoding with `mapper`, or with an in-memory app's (same env, same codecs)."""
        if mapper is None:
            mapper = Planspor(env=self.env | {"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
        return World(mapper, self)


@dataclass
class World:
    mapper: Mapper[Any]
    spec: Spec
    clock: RecordedClock = field(default_factory=RecordedClock)
    offices: list[Office] = field(init=False)
    _batch: Batch = field(default_factory=Batch)

    def __post_init__(self) -> None:
        self.offices = build_offices(self.spec.municipalities, self.spec.seed)

    @property
    def horizon(self) -> datetime:
        """Recorded times lie before the start of the reference day."""
        return datetime.combine(self.spec.today, time(), tzinfo=UTC)

    def chunk(self, indexes: range, plans: int) -> Chunk:
        """Plans `indexes` of `plans`: their stored events (and snapshots), and what they are."""
        self._batch = batch = Batch()
        generated = []
        with recorded_clock(self.clock):
            for index in indexes:
                events, plan = self.plan(index, plans)
                batch.events.extend(row(self.mapper.to_stored_event(e)) for e in events)
                generated.append(plan)
        return batch, generated

    def plan(self, index: int, plans: int) -> tuple[Sequence[Plan.Event], GeneratedPlan]:
        today = self.spec.today
        rng = seeded(self.spec.seed, "plan", index)
        profile = profile_of(index, plans, self.spec.seed)
        office = rng.choices(self.offices, [o.weight for o in self.offices])[0]
        gap, min_days = pace(rng)
        span = window(profile, rng, today, min_days=min_days)
        life = PlanLife(
            rng=rng,
            timeline=Timeline(rng, self.horizon, self.clock),
            office=office,
            user=new_user(rng, span.start),
            profile=profile,
            window=span,
            today=today,
            policy=policy_for(profile, rng, today, span, gap),
            snapshot_every=self.spec.snapshot_every,
            on_snapshot=self._snapshot,
        )
        live(life)
        events = life.finish()
        failed = assess(life.plan, events, today)
        return events, GeneratedPlan(
            life.plan.id, office.municipality, profile, len(events), failed
        )

    def _snapshot(self, plan: Plan) -> None:
        # Encoded at once: the snapshot's state shares objects with the still-changing plan.
        self._batch.snapshots.append(row(self.mapper.to_stored_event(Snapshot.take(plan))))
