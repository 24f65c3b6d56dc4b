"""Commands on the case itself: request, information, decision, consent, suspension, closing."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from application.access import Action
from application.commands.base import (
    Command,
    Day,
    Ident,
    Kommunenummer,
    Name,
    PlanCommand,
    Text,
    UnitRef,
)
from domain import municipalities
from domain.plan import Plan, local_date
from domain.values import ConsentScope, DecisionOutcome, Meta, RepresentativeBasis, RequestSource


class Subject(BaseModel):
    """The user: the person the plan is for."""

    model_config = ConfigDict(extra="forbid")
    name: Name
    national_id: str | None = Field(
        default=None,
        min_length=11,
        max_length=13,
        description="Fødselsnummer or D-nummer (11 digits, check digits verified).",
    )
    person_id: Ident | None = Field(default=None, description="Local person id, if no number.")
    birth_date: Day | None = None


class OpenPlan(Command):
    """A request or report of need is received: this opens the plan's case."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "municipality": "5001",
                    "responsible_unit": {"unit_id": "ke-5001", "name": "Koordinerende enhet"},
                    "subject": {"name": "Ola Nordmann", "national_id": "15076500565"},
                    "source": "gp",
                    "description": "Fastlegen melder behov for koordinerte tjenester.",
                }
            ]
        }
    )
    municipality: Kommunenummer
    responsible_unit: UnitRef
    subject: Subject
    source: RequestSource
    description: Text = ""

    def open(self, meta: Meta) -> Plan:
        """The number must be a kommunenummer in force in the register on the day the plan is
        recorded (the number it is kept under from now on), whatever day the request came."""
        municipalities.check(self.municipality, local_date(meta.recorded_at))
        return Plan.receive_request(
            meta,
            municipality=self.municipality,
            responsible_unit=self.responsible_unit.model_dump(),
            subject=self.subject.model_dump(),
            source=self.source,
            description=self.description,
        )


class InformUser(PlanCommand):
    about: Literal["right_to_individual_plan", "right_to_coordinator", "right_to_complain"] = (
        "right_to_individual_plan"
    )

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.inform_user(meta, about=self.about)


class RecordUserDeclined(PlanCommand):
    def run(self, plan: Plan, meta: Meta) -> None:
        plan.record_user_declined(meta)


class Decide(PlanCommand):
    action = Action.COORDINATE
    outcome: DecisionOutcome
    decision_reference: Ident | None = None
    complaint_information_given: bool

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.decide(
            meta,
            outcome=self.outcome,
            decision_reference=self.decision_reference,
            complaint_information_given=self.complaint_information_given,
        )


class Representative(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    basis: RepresentativeBasis
    person_id: Ident | None = None


class GiveConsent(PlanCommand):
    action = Action.CONSENT
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"scope": "plan", "given_by": "user", "channel": "meeting"},
                {
                    "scope": "sharing",
                    "given_by": "user",
                    "participant_id": "…",
                    "valid_until": "2027-06-30",
                },
            ]
        }
    )
    scope: ConsentScope
    given_by: Literal["user", "representative"]
    participant_id: Ident | None = None
    valid_until: Day | None = None
    representative: Representative | None = None

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.give_consent(
            meta,
            scope=self.scope,
            given_by=self.given_by,
            participant_id=self.participant_id,
            valid_until=self.valid_until,
            representative=self.representative.model_dump() if self.representative else None,
        )


class WithdrawConsent(PlanCommand):
    action = Action.CONSENT
    consent_id: SkipJsonSchema[str] = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.withdraw_consent(meta, consent_id=self.consent_id)


class Suspend(PlanCommand):
    def run(self, plan: Plan, meta: Meta) -> None:
        plan.suspend(meta)


class Resume(PlanCommand):
    def run(self, plan: Plan, meta: Meta) -> None:
        plan.resume(meta)


class Close(PlanCommand):
    def run(self, plan: Plan, meta: Meta) -> None:
        plan.close(meta)


class Reopen(PlanCommand):
    def run(self, plan: Plan, meta: Meta) -> None:
        plan.reopen(meta)
