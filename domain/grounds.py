"""The grounds of complaint (domain.md §6), each ONE entry: its code, its Norwegian labels, the
gaps of an evidence pack that bear on it, and the pack format that first lists it.

Everything else is derived from this table: the `Ground` enum the API accepts, the pack's
`by_ground` answer (`domain.evidence_gaps.by_ground`), the printable pack's labels
(`api/evidence_document.py`) and the list of pack formats (`domain.evidence.formats`). A new
ground is a new entry with `since_format` one past the newest format: packs attached to
complaints in older formats keep their content and their hash (their builder leaves the new
ground out), and the new format lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class GroundOfComplaint:
    code: str
    nb: str  # bokmål
    nn: str  # nynorsk
    gaps: tuple[str, ...]  # the flags of `domain.evidence_gaps` that bear on this ground
    since_format: int  # the first evidence-pack format (1, 2, …) whose `by_ground` lists it


PARTICIPATION_GAPS = (
    "no_plan_consent",
    "no_mapping_in_users_words",
    "goal_not_confirmed",
    "no_meeting_in_period",
    "meeting_without_user",
    "agenda_not_prepared_with_user",
    "evaluation_without_user",
    "users_view_not_recorded",
    "evaluation_overdue",
    "version_not_agreed_with_user",
    "version_not_delivered_to_user",
    "no_complaint_information",
    "content_before_consent",
)

GROUNDS: tuple[GroundOfComplaint, ...] = (
    GroundOfComplaint(
        "no_plan",
        nb="Ingen plan",
        nn="Ingen plan",
        gaps=("no_plan_granted", "no_plan_consent", "content_before_consent"),
        since_format=1,
    ),
    GroundOfComplaint(
        "plan_lacks_content",
        nb="Planen mangler påkrevd innhold",
        nn="Planen manglar påkravd innhald",
        gaps=("plan_lacks_required_content", "no_goals", "no_revision_date"),
        since_format=1,
    ),
    GroundOfComplaint(
        "lack_of_user_participation",
        nb="Manglende brukermedvirkning",
        nn="Manglande brukarmedverknad",
        gaps=PARTICIPATION_GAPS,
        since_format=1,
    ),
    GroundOfComplaint(
        "measures_not_delivered",
        nb="Planlagte tiltak ikke levert",
        nn="Planlagde tiltak ikkje leverte",
        gaps=("measure_overdue",),
        since_format=1,
    ),
    GroundOfComplaint(
        "no_coordinator",
        nb="Ingen koordinator",
        nn="Ingen koordinator",
        gaps=("no_coordinator",),
        since_format=1,
    ),
)

# Built from the table, so that no second list of codes exists; mypy cannot see members made
# from a table, and no code names a member (they are values that come in from the API).
Ground = StrEnum("Ground", {g.code.upper(): g.code for g in GROUNDS})  # type: ignore[misc]
Ground.__doc__ = "What is complained about (domain.md §6)."  # as the API has described it


def grounds_in(edition: int) -> tuple[GroundOfComplaint, ...]:
    """The grounds an evidence pack of format `edition` answers, in table order."""
    return tuple(g for g in GROUNDS if g.since_format <= edition)


def newest_format() -> int:
    """The newest format a ground asks for (a new ground asks for one past the newest)."""
    return max(g.since_format for g in GROUNDS)


def labels(language: str = "nb") -> dict[str, str]:
    return {g.code: str(getattr(g, language)) for g in GROUNDS}
