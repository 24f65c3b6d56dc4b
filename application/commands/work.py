"""Commands on the plan work: meetings, evaluations and agreed versions."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from application.commands.base import Day, Ident, Name, PlanCommand, Text
from domain.plan import Plan
from domain.values import Channel, Meta, RecipientRole

# A delivery names who received it; `unknown` is only for deliveries recorded before that.
DeliveredTo = Literal["user", "representative", "next_of_kin", "service_provider", "other"]
assert set(get_args(DeliveredTo)) == {str(r) for r in RecipientRole} - {RecipientRole.UNKNOWN}


class Attendee(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    role: Name
    organisation: Name | None = None
    person_id: Ident | None = Field(
        default=None, description="Their person id, if they may add to the minutes later."
    )


class MeetingDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text
    goal_ids: list[Ident] = Field(default_factory=list, max_length=50)
    measure_ids: list[Ident] = Field(default_factory=list, max_length=50)


class MeetingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Name = "ansvarsgruppemote"
    attendees: list[Attendee] = Field(default_factory=list, max_length=100)
    user_attended: bool
    agenda_prepared_with_user: bool
    minutes: Text = ""
    decisions: list[MeetingDecision] = Field(default_factory=list, max_length=100)


class HoldMeeting(PlanCommand):
    meeting: MeetingIn

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.hold_meeting(meta, meeting=self.meeting.model_dump())


class EvaluationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    participants: list[Attendee] = Field(default_factory=list, max_length=100)
    user_took_part: bool
    user_participation: Text = Field(default="", description="How the user took part.")
    users_view: Text = Field(default="", description="The user's own view, in their words.")
    outcome: Text
    next_revision_on: Day | None = Field(description="Required: the next revision date.")


class HoldEvaluation(PlanCommand):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "evaluation": {
                        "user_took_part": True,
                        "user_participation": "Til stede i møtet",
                        "users_view": "Jeg får mer hjelp nå",
                        "outcome": "Planen videreføres",
                        "next_revision_on": "2027-06-01",
                    },
                }
            ]
        }
    )
    evaluation: EvaluationIn

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.hold_evaluation(meta, evaluation=self.evaluation.model_dump())


class AgreeVersion(PlanCommand):
    agreed_with_user: bool
    summary: Text = ""

    def run(self, plan: Plan, meta: Meta) -> str:
        return str(
            plan.agree_version(meta, agreed_with_user=self.agreed_with_user, summary=self.summary)
        )


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    organisation: Name | None = None
    role: DeliveredTo = Field(description="Who received it: the user, their representative, …")


class DeliverVersion(PlanCommand):
    number: SkipJsonSchema[int] = 0
    recipient: Recipient
    delivery_channel: Channel

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.deliver_version(
            meta,
            number=self.number,
            recipient=self.recipient.model_dump(),
            delivery_channel=self.delivery_channel,
        )
