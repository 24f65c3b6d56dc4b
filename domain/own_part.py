"""What the user, their representative and the participants write themselves (issue 10).

The typed shapes of what these events leave in the plan's state, and the rules they answer to.
The plan's own methods (`Plan.answer_goal` … at the end of `domain/plan.py`) call these.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TypedDict

from domain.errors import RuleViolation
from domain.rules import required_text


class GoalAnswer(StrEnum):
    """The user's own answer to a goal someone else formulated."""

    AGREED = "agreed"
    DISAGREED = "disagreed"


class MeasureReport(StrEnum):
    """What a participant may report on a measure they are responsible for."""

    STARTED = "started"
    ENDED = "ended"
    NOT_DELIVERED = "not_delivered"


class InvitationAnswer(StrEnum):
    COMING = "coming"
    NOT_COMING = "not_coming"


class Answer(TypedDict):
    """One answer to a goal, kept with the goal (`Goal.answers`)."""

    agreement: str
    comment: str
    by_role: str
    at: datetime


class UserView(TypedDict):
    """The user's own view added to an evaluation (`evaluation["user_views"]`)."""

    users_view: str
    took_part: bool
    by_role: str
    at: datetime


class NonDelivery(TypedDict):
    """A measure not delivered when it should have been, and why (`Measure.not_delivered`)."""

    participant_id: str
    reason: str
    at: datetime


class InvitationReply(TypedDict):
    answer: str
    comment: str
    at: datetime


class Invitation(TypedDict):
    """A meeting the coordinator invited participants to, and their answers."""

    invitation_id: str
    meets_on: date
    place: str
    agenda: str
    participant_ids: list[str]
    answers: dict[str, InvitationReply]


class MinutesAddition(TypedDict):
    """A participant's addition to the minutes of a meeting they attended."""

    participant_id: str
    text: str
    at: datetime


def own_text(value: str | None, field: str, limit: int = 10_000) -> str:
    text = required_text(value, field)
    if len(text) > limit:
        raise RuleViolation(f"{field} may hold at most {limit} characters", field=field)
    return text


def check_invitation_answer(invitation: Invitation, participant_id: str) -> None:
    if participant_id not in invitation["participant_ids"]:
        raise RuleViolation(
            "only a participant who was invited can answer the invitation", field="invitation_id"
        )
