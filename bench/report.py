"""What a generation run produced: sizes, speed, and the profile mix checked against criteria."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from bench.profiles import Profile

SAMPLE_LIMIT = 1_000


@dataclass(frozen=True)
class GeneratedPlan:
    plan_id: UUID
    municipality: str
    profile: Profile
    events: int
    failed: tuple[str, ...]  # the virksom criteria the plan fails on the reference date

    @property
    def mismatch(self) -> bool:
        """The plan's assessed outcome disagrees with the profile it was dealt."""
        return (self.profile == Profile.VIRKSOM) == bool(self.failed)


@dataclass
class GenerationReport:
    plans: int = 0
    events: int = 0
    snapshots: int = 0
    seconds: float = 0.0
    largest_plan: int = 0
    virksom: int = 0
    mismatches: int = 0
    profiles: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    municipalities: Counter[str] = field(default_factory=Counter)
    sample: list[GeneratedPlan] = field(default_factory=list)  # the first SAMPLE_LIMIT plans

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    def add(self, plan: GeneratedPlan) -> None:
        self.plans += 1
        self.events += plan.events
        self.largest_plan = max(self.largest_plan, plan.events)
        self.virksom += not plan.failed
        self.mismatches += plan.mismatch
        self.profiles[plan.profile] += 1
        self.failures.update(plan.failed)
        self.municipalities[plan.municipality] += 1
        if len(self.sample) < SAMPLE_LIMIT:
            self.sample.append(plan)

    def summary(self) -> dict[str, Any]:
        return {
            "plans": self.plans,
            "events": self.events,
            "snapshots": self.snapshots,
            "seconds": round(self.seconds, 1),
            "events_per_second": round(self.events_per_second),
            "events_per_plan": round(self.events / self.plans, 1) if self.plans else 0,
            "largest_plan": self.largest_plan,
            "virksom": self.virksom,
            "virksom_share": round(self.virksom / self.plans, 4) if self.plans else 0,
            "mismatches": self.mismatches,
            "profiles": dict(self.profiles.most_common()),
            "failures": dict(self.failures.most_common()),
            "municipalities": dict(self.municipalities.most_common()),
        }
