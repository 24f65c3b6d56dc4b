"""Commands on the people around the plan: coordinator, deputy and participants."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from application.access import Action
from application.commands.base import Ident, Name, PersonRef, PlanCommand, Text, UnitRef
from domain.plan import Plan
from domain.values import Meta, ParticipantRole, Sector


class AssignCoordinatorResponsibility(PlanCommand):
    """The coordinating unit gives a unit the responsibility to find a coordinator."""

    action = Action.COORDINATE

    unit: UnitRef

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.assign_coordinator_responsibility(meta, unit=self.unit.model_dump())


class AppointCoordinator(PlanCommand):
    action = Action.COORDINATE
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "coordinator": {
                        "person_id": "k-100",
                        "name": "Kari Koordinator",
                        "unit": "Hjemmetjenesten øst",
                        "organisation": "Trondheim kommune",
                    },
                }
            ]
        }
    )
    coordinator: PersonRef

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.appoint_coordinator(meta, coordinator=self.coordinator.model_dump())


class RecordCoordinatorDeclined(PlanCommand):
    """A person asked to be coordinator said no (with the reason)."""

    action = Action.COORDINATE

    person: PersonRef

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.record_coordinator_declined(meta, person=self.person.model_dump())


class RecordCoordinatorWithdrew(PlanCommand):
    action = Action.COORDINATE

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.record_coordinator_withdrew(meta)


class ReplaceCoordinator(PlanCommand):
    action = Action.COORDINATE
    coordinator: PersonRef
    handover_note: Text = Field(description="How the work was handed over to the new coordinator.")

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.replace_coordinator(
            meta, coordinator=self.coordinator.model_dump(), handover_note=self.handover_note
        )


class AppointDeputy(PlanCommand):
    action = Action.COORDINATE
    deputy: PersonRef

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.appoint_deputy(meta, deputy=self.deputy.model_dump())


class RemoveDeputy(PlanCommand):
    action = Action.COORDINATE

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.remove_deputy(meta)


class ParticipantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name
    role: ParticipantRole
    sector: Sector
    organisation: Name | None = None
    contribution: Text = Field(default="", description="What they contribute (point d).")
    person_id: Ident | None = None


class AddParticipant(PlanCommand):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "participant": {
                        "name": "Nina Sykepleier",
                        "role": "service_provider",
                        "sector": "care",
                        "organisation": "Hjemmesykepleien",
                        "contribution": "Medisinering",
                    },
                }
            ]
        }
    )
    participant: ParticipantIn

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.add_participant(meta, participant=self.participant.model_dump())


class RemoveParticipant(PlanCommand):
    participant_id: SkipJsonSchema[str] = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.remove_participant(meta, participant_id=self.participant_id)
