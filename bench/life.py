"""`PlanLife`: one synthetic plan being lived through the real domain commands.

Every command gets its `Meta` from `life.meta()`, which takes the next (effective, recorded) pair
from the plan's `Timeline` and so also sets the recorded time the triggered event is stamped with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from bench import vocabulary as words
from bench.clock import Timeline
from bench.people import Office, User, full_name, person_data
from bench.profiles import Profile, Window
from domain.plan import Plan, local_date
from domain.values import Actor, Channel, MeasureStatus, Meta

Data = dict[str, Any]
SnapshotHook = Callable[[Plan], None]


@dataclass(frozen=True)
class Policy:
    """What a plan's ongoing life may do, by profile."""

    content: bool = True
    coordinator: bool = True
    evaluations_until: date | None = None
    forced_evaluation: tuple[date, date] | None = None  # (held on, next revision on)
    mean_gap_days: float = 30.0


@dataclass
class PlanLife:
    rng: Random
    timeline: Timeline
    office: Office
    user: User
    profile: Profile
    window: Window
    today: date
    policy: Policy = field(default_factory=Policy)
    snapshot_every: int = 0
    on_snapshot: SnapshotHook | None = None
    correlation_id: str | None = None
    coordinator_actor: Actor | None = None
    _plan: Plan | None = None
    _snapshotted: int = 0

    @property
    def plan(self) -> Plan:
        assert self._plan is not None, "the plan has not been opened yet"
        return self._plan

    def open(self, plan: Plan) -> None:
        self._plan = plan

    @property
    def actor(self) -> Actor:
        return self.coordinator_actor or self.clerk()

    def clerk(self) -> Actor:
        return self.rng.choice(self.office.clerks)

    def meta(
        self,
        *,
        reason: str | None = None,
        channel: Channel = Channel.DIGITAL,
        actor: Actor | None = None,
        on_behalf_of: str | None = None,
    ) -> Meta:
        self._maybe_snapshot()
        effective, recorded = self.timeline.stamp()
        return Meta(
            actor=actor or self.actor,
            effective_at=effective,
            recorded_at=recorded,
            channel=channel,
            on_behalf_of=on_behalf_of,
            correlation_id=self.correlation_id,
            reason=reason,
        )

    def reason(self, kind: str) -> str:
        return self.rng.choice(words.REASONS[kind])

    def sitting(self, day: date, *, correlated: bool = False) -> None:
        self.timeline.sitting(min(day, self.window.end))
        self.correlation_id = f"c-{self.rng.getrandbits(48):012x}" if correlated else None

    def day_after(self, day: date, low: int, high: int) -> date:
        return min(day + timedelta(days=self.rng.randint(low, high)), self.window.end)

    @property
    def day(self) -> date:
        return self.timeline.today

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def new_staff(self, exclude: set[str] | None = None) -> Actor:
        excluded = exclude or set()
        choices = [a for a in self.office.coordinators if a.person_id not in excluded]
        return self.rng.choice(choices or list(self.office.coordinators))

    def staff_person(self) -> Data:
        return person_data(self.new_staff())

    def random_person(self, role: str) -> Data:
        return {"name": full_name(self.rng), "role": role}

    def open_goals(self) -> list[str]:
        return [goal_id for goal_id, goal in self.plan.goals.items() if not goal.is_ended]

    def open_measures(self, *statuses: str) -> list[str]:
        wanted = statuses or tuple(s for s in MeasureStatus if s != MeasureStatus.ENDED)
        return [m_id for m_id, m in self.plan.measures.items() if m.status in wanted]

    def active_participants(self) -> list[str]:
        return [p_id for p_id, p in self.plan.participants.items() if not p.removed]

    def plan_consents(self) -> list[str]:
        return [
            c.consent_id
            for c in self.plan.consents.values()
            if c.is_plan_consent and c.withdrawn_at is None
        ]

    def forced_evaluation_done(self) -> bool:
        forced, evaluations = self.policy.forced_evaluation, self.plan.evaluations
        return bool(forced and evaluations and local_date(evaluations[-1]["held_at"]) >= forced[0])

    def may_skip_to(self, day: date) -> bool:
        """A gap (suspension, closing, vacancy) must not jump over the scheduled evaluation."""
        forced = self.policy.forced_evaluation
        return forced is None or day < forced[0] or self.forced_evaluation_done()

    def finish(self) -> list[Plan.Event]:
        self._maybe_snapshot()
        return list(self.plan.collect_events())  # type: ignore[arg-type]

    def _maybe_snapshot(self) -> None:
        if self._plan is None or not self.snapshot_every or self.on_snapshot is None:
            return
        version = self._plan.version
        if version % self.snapshot_every == 0 and version > self._snapshotted:
            self._snapshotted = version
            self.on_snapshot(self._plan)
