"""Commands on a complaint: file it, review it, document it, forward it, decide it, withdraw it."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from application.commands.base import MAX_INT, Command, Day, Ident, Name, Text
from application.complaint_access import Step
from domain import legal
from domain.complaint import Complaint, DecisionOutcome, Ground, ReviewOutcome
from domain.values import Meta, RepresentativeBasis


class PeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: Day = Field(alias="from")
    end: Day = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> PeriodIn:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self


class Complainant(BaseModel):
    """Who complains, when a complaint handler registers a complaint received by letter."""

    model_config = ConfigDict(extra="forbid")
    person_id: Ident
    name: Name
    capacity: str = Field(default="user", pattern="^(user|representative)$")
    basis: RepresentativeBasis | None = None


class FileComplaint(Command):
    """A complaint about a plan (pbrl ch. 7): grounds, the complainant's own words, and when
    they knew or should have known of what they complain about (the deadline runs from then)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan_id": "3f0c0a52-8d36-4a8e-9b0e-6a3f1d7b8a10",
                    "grounds": ["lack_of_user_participation"],
                    "complainants_words": "Ingen spurte meg hva som er viktig for meg.",
                    "knew_on": "2026-10-30",
                    "period": {"from": "2026-01-01", "to": "2026-10-30"},
                }
            ]
        }
    )
    plan_id: UUID
    complainant: Complainant | None = Field(
        default=None,
        description="Only when a complaint handler registers a complaint received on paper; "
        "a user or representative filing it themselves is the complainant.",
    )
    grounds: list[Ground] = Field(min_length=1)
    complainants_words: Text = Field(min_length=1)
    knew_on: Day = Field(description="When the complainant knew or should have known.")
    submitted_on: Day | None = Field(
        default=None, description="When it was sent (postmark); defaults to the day received."
    )
    period: PeriodIn | None = Field(default=None, description="The period complained about.")
    signed: bool = False

    @field_validator("knew_on")
    @classmethod
    def _deadline_rule_known(cls, knew_on: Day) -> Day:
        try:
            legal.rule_on(knew_on)
        except LookupError:
            raise PydanticCustomError(
                "no_deadline_rule",
                "no complaint deadline rule is valid on {day}",
                {"day": knew_on.isoformat()},
            ) from None
        return knew_on

    def receive(self, meta: Meta, municipality: str, complainant: dict[str, object]) -> Complaint:
        period = self.period
        return Complaint.receive(
            meta,
            plan_id=str(self.plan_id),
            municipality=municipality,
            complainant=complainant,
            grounds=[str(g) for g in self.grounds],
            complainants_words=self.complainants_words,
            knew_on=self.knew_on,
            submitted_on=self.submitted_on,
            period={"from": period.start, "to": period.end} if period else None,
            signed=self.signed,
        )


class ComplaintCommand(Command):
    step: ClassVar[Step]

    def run(self, complaint: Complaint, meta: Meta) -> None:
        raise NotImplementedError


class ReviewComplaint(ComplaintCommand):
    """The municipality's review: upheld (ends here), plan changed, or maintained."""

    step = Step.REVIEW
    outcome: ReviewOutcome
    plan_version: int | None = Field(
        default=None, ge=1, le=MAX_INT, description="The plan version changed."
    )

    def run(self, complaint: Complaint, meta: Meta) -> None:
        complaint.record_review(meta, outcome=self.outcome, plan_version=self.plan_version)


class ForwardComplaint(ComplaintCommand):
    step = Step.FORWARD
    authority: Name = "Statsforvalteren"

    def run(self, complaint: Complaint, meta: Meta) -> None:
        complaint.forward(meta, authority=self.authority)


class DecideComplaint(ComplaintCommand):
    step = Step.DECIDE
    outcome: DecisionOutcome
    decision_reference: Ident

    def run(self, complaint: Complaint, meta: Meta) -> None:
        complaint.decide(meta, outcome=self.outcome, decision_reference=self.decision_reference)


class WithdrawComplaint(ComplaintCommand):
    step = Step.WITHDRAW

    def run(self, complaint: Complaint, meta: Meta) -> None:
        complaint.withdraw(meta)


class AttachEvidence(Command):
    """Build the participation evidence pack now and put its hash and position on the case."""

    period: PeriodIn | None = Field(
        default=None, description="Defaults to the period complained about."
    )
