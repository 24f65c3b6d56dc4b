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
from domain.errors import RuleViolation
from domain.evidence_facts import Collector, Period
from domain.evidence_gaps import by_ground, gaps
from domain.grounds import newest_format
from domain.plan import Plan

__all__ = ["FORMAT", "FORMATS", "Period", "build_pack", "canonical", "digest", "formats"]

# The newest edition of the builder's own rules (`edition > 1` in the collector and the gaps):
# 2 brought periods without a coordinator, the recipient's role as a value, consent by the one
# rule, content dated before consent; 3 says whose each agreement to a goal was (the user's own,
# or a professional's on their behalf); 4 gives a goal reworded as agreed the agreement of
# whoever recorded the rewording (format 3 kept the earlier one). Bump it with a change to what
# the builder puts in a pack, and keep the old behaviour under `edition < N`.
BUILDER_EDITION = 4
PREFIX = "planspor.participation-evidence/"
Data = dict[str, Any]


def formats() -> tuple[str, ...]:
    """Every format ever attached to a complaint, oldest first: each keeps its builder, so a pack
    recorded on a case rebuilds to its recorded hash. A format is a step of the builder's rules
    or of the grounds it answers (`domain.grounds`: a new ground brings the next format)."""
    newest = max(BUILDER_EDITION, newest_format())
    return tuple(f"{PREFIX}{n}" for n in range(1, newest + 1))


FORMATS = formats()
FORMAT = FORMATS[-1]


def edition_of(format_name: str) -> int:
    known = formats()
    if format_name not in known:
        names = ", ".join(known)
        raise RuleViolation(f"unknown evidence pack format (known: {names})", field="format")
    return known.index(format_name) + 1


def build_pack(
    events: list[Plan.Event], period: Period, position: int, format_name: str = FORMAT
) -> Data:
    """The pack's content (without its hash) from a plan's events up to `position`, in the
    format named (default: the newest)."""
    edition = edition_of(format_name)
    pack = Collector(period, edition)
    for each in events:
        pack.take(each)
    first = events[0]
    assert isinstance(first, Plan.RequestReceived)
    content = {
        "format": format_name,
        "plan_id": str(first.originator_id),
        "municipality": first.municipality,
        "subject": {"name": first.subject["name"]},
        "position": position,
        "plan_version": events[-1].originator_version,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
    } | pack.sections()
    content["required_content"] = _required_content(events, period, edition)
    missing = gaps(content, period, edition)
    return content | {"missing": missing, "by_ground": by_ground(missing, edition)}


def _required_content(events: list[Plan.Event], period: Period, edition: int) -> Data:
    """The nine points, checked on the plan as effective at the period's end (on that day)."""
    plan, _ = bitemporal.as_effective(events, period.end)
    if plan is None:
        return {"points": {}, "missing": sorted(required_content.POINTS)}
    state = required_content.summary(plan)
    if edition == 1:  # format 1 did not let a consent expire
        state["consents"] = {k: c | {"valid_until": None} for k, c in state["consents"].items()}
    has_coordinator = plan.coordinator is not None
    points = required_content.check(state, has_coordinator=has_coordinator, on=period.end)
    return {"points": points, "missing": required_content.missing(points)}


def canonical(content: Data) -> bytes:
    """The bytes the hash is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(content: Data) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()
