"""The participation evidence pack: what the plan's events show about the user's part in it.

Built from a plan's events up to one log position and for one period (domain.md §6), so the same
position and period always give the same pack, and the same SHA-256 of its canonical JSON. Facts
that stand (consents, goals, versions, coordinator) are taken up to the period's end; things that
happen (meetings, evaluations, overrides) within the period. Each item says when it happened and
when it was recorded, so a late recording is visible. What is missing is listed by `gaps`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from domain import bitemporal, required_content
from domain.evidence_facts import Collector, Period
from domain.evidence_gaps import by_ground, gaps
from domain.plan import Plan

__all__ = ["FORMAT", "Period", "build_pack", "canonical", "digest"]

FORMAT = "planspor.participation-evidence/1"
Data = dict[str, Any]


def build_pack(events: list[Plan.Event], period: Period, position: int) -> Data:
    """The pack's content (without its hash) from a plan's events up to `position`."""
    pack = Collector(period)
    for each in events:
        pack.take(each)
    first = events[0]
    assert isinstance(first, Plan.RequestReceived)
    content = {
        "format": FORMAT,
        "plan_id": str(first.originator_id),
        "municipality": first.municipality,
        "subject": {"name": first.subject["name"]},
        "position": position,
        "plan_version": events[-1].originator_version,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
    } | pack.sections()
    content["required_content"] = _required_content(events, period)
    missing = gaps(content, period)
    return content | {"missing": missing, "by_ground": by_ground(missing)}


def _required_content(events: list[Plan.Event], period: Period) -> Data:
    """The nine points, checked on the plan as effective at the period's end."""
    plan, _ = bitemporal.as_effective(events, period.end)
    if plan is None:
        return {"points": {}, "missing": sorted(required_content.POINTS)}
    has_coordinator = plan.coordinator is not None
    points = required_content.check(required_content.summary(plan), has_coordinator=has_coordinator)
    return {"points": points, "missing": required_content.missing(points)}


def canonical(content: Data) -> bytes:
    """The bytes the hash is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(content: Data) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()
