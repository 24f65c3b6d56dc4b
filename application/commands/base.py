"""What every command carries besides its own content: when, how, for whom, and why.

The value types here are the write side's promise to the read side: nothing is accepted that a
read model cannot store (docs/operations.md, "What the API accepts"). Times and dates lie within
`EARLIEST` and `LATEST` with a UTC offset of whole minutes within ±14:00; text holds no control
characters (tab, line feed and carriage return excepted in free text) and no lone surrogates.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from application.access import Action
from domain.municipalities import KOMMUNENUMMER_PATTERN
from domain.plan import Plan
from domain.values import Channel, Meta

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
EARLIEST = datetime.combine(FIRST_DAY, datetime.min.time(), UTC)
LATEST = datetime.combine(LAST_DAY, datetime.max.time(), UTC)
MAX_OFFSET = timedelta(hours=14)
MAX_INT = 2**31 - 1  # PostgreSQL `integer`
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PydanticCustomError(
            "date_range", "dates must lie between {first} and {last}", _bounds()
        )
    return value


def _instant(value: datetime) -> datetime:
    offset = value.utcoffset() or timedelta(0)
    if abs(offset) > MAX_OFFSET or offset % timedelta(minutes=1):
        raise PydanticCustomError(
            "utc_offset", "the UTC offset must be whole minutes within -14:00 and +14:00"
        )
    if not FIRST_DAY <= value.date() <= LAST_DAY or not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "datetime_range", "times must lie between {first} and {last} (UTC)", _bounds()
        )
    return value


def _bounds() -> dict[str, str]:
    return {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}


def _text(value: str) -> str:
    if CONTROL.search(value):
        raise PydanticCustomError(
            "control_character",
            "text may not contain control characters (tab and line breaks excepted)",
        )
    return value


def _line(value: str) -> str:
    if CONTROL_IN_LINE.search(value):
        raise PydanticCustomError(
            "control_character", "a name or id may not contain control characters or line breaks"
        )
    return value


_LINE = AfterValidator(_line)
Day = Annotated[date, AfterValidator(_day)]
Instant = Annotated[AwareDatetime, AfterValidator(_instant)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
Text = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(_text)]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, strip_whitespace=True),
    AfterValidator(_line),
]
Ident = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100, strip_whitespace=True),
    AfterValidator(_line),
]
# A kommunenummer, by the one pattern (`domain.municipalities.KOMMUNENUMMER_PATTERN`).
Kommunenummer = Annotated[str, Field(pattern=KOMMUNENUMMER_PATTERN, description="Kommunenummer.")]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_at: Instant | None = Field(
        default=None,
        description="When (RFC 3339 with offset). Defaults to now; never in the future.",
    )
    channel: Channel = Field(default=Channel.DIGITAL, description="How it happened.")
    on_behalf_of: Ident | None = Field(default=None, description="Person id acted for, if any.")
    correlation_id: Ident | None = Field(
        default=None, description="Ties facts together, e.g. the meeting where it was decided."
    )
    reason: Text | None = Field(
        default=None, description="Why. Required when something is changed, refused or withdrawn."
    )


class PlanCommand(Command):
    """A command on an existing plan. `action` is what the access policy decides on."""

    action: ClassVar[Action] = Action.WRITE_CONTENT

    @abstractmethod
    def run(self, plan: Plan, meta: Meta) -> str | None:
        """Apply to the plan; return the id of what was created, if anything."""


class UnitRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_id: Ident
    name: Name


class PersonRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: Ident
    name: Name
    unit: Name | None = None
    organisation: Name | None = None
