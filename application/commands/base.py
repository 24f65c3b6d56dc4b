"""What every command carries besides its own content: when, how, for whom, and why."""

from __future__ import annotations

from abc import abstractmethod
from typing import Annotated, ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from application.access import Action
from domain.plan import Plan
from domain.values import Channel, Meta

Text = Annotated[str, StringConstraints(max_length=10_000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_at: AwareDatetime | None = Field(
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
