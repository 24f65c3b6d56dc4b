"""Commands on the plan's content: mapping, goals, resources, needs, measures, period, partners."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from application.commands.base import Day, Ident, Name, PlanCommand, Text
from domain.plan import Plan
from domain.values import GoalAuthor, MeasureStatus, Meta, Sector, UserAgreement


class RecordMapping(PlanCommand):
    users_words: Text = Field(description="«Hva er viktig for deg?» — in the user's own words.")
    summary: Text = ""

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.record_mapping(meta, users_words=self.users_words, summary=self.summary)


class AddGoal(PlanCommand):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": "Jeg vil klare å handle selv på butikken",
                    "formulated_by": "user",
                    "user_agreement": "agreed",
                }
            ]
        }
    )
    text: Text = Field(description="The goal in the user's own wording.")
    formulated_by: GoalAuthor
    user_agreement: UserAgreement

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.add_goal(
            meta,
            text=self.text,
            formulated_by=self.formulated_by,
            user_agreement=self.user_agreement,
        )


class ReviseGoal(PlanCommand):
    goal_id: SkipJsonSchema[str] = ""
    text: Text
    user_agreement: UserAgreement

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.revise_goal(
            meta, goal_id=self.goal_id, text=self.text, user_agreement=self.user_agreement
        )


class ConfirmGoal(PlanCommand):
    goal_id: SkipJsonSchema[str] = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.confirm_goal(meta, goal_id=self.goal_id)


class MarkGoalAchieved(PlanCommand):
    goal_id: SkipJsonSchema[str] = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.mark_goal_achieved(meta, goal_id=self.goal_id)


class DropGoal(PlanCommand):
    goal_id: SkipJsonSchema[str] = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.drop_goal(meta, goal_id=self.goal_id)


class RecordResource(PlanCommand):
    description: Text
    in_users_words: bool = True

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.record_resource(
            meta, description=self.description, in_users_words=self.in_users_words
        )


class RecordNeed(PlanCommand):
    description: Text
    in_users_words: bool = True

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.record_need(
            meta, description=self.description, in_users_words=self.in_users_words
        )


class MeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Name
    responsible_service: Name
    responsible_person: Name | None = None
    responsible_participant_id: Ident | None = Field(
        default=None, description="The participant who reports on this measure, if one does."
    )
    scope: Text = Field(default="", description="Omfang, e.g. «2 timer per uke».")
    how: Text = Field(default="", description="How the measure is carried out.")
    due_date: Day | None = None
    goal_ids: list[Ident] = Field(default_factory=list, max_length=50)


class AddMeasure(PlanCommand):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "measure": {
                        "title": "Praktisk bistand",
                        "responsible_service": "Hjemmetjenesten",
                        "scope": "2 timer per uke",
                        "how": "Følge til butikken",
                        "due_date": "2027-03-01",
                    },
                }
            ]
        }
    )
    measure: MeasureIn

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.add_measure(meta, measure=self.measure.model_dump())


class ChangeMeasureStatus(PlanCommand):
    measure_id: SkipJsonSchema[str] = ""
    status: MeasureStatus
    decision_reference: Ident | None = Field(
        default=None, description="Vedtak reference; required when the status is refused."
    )

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.change_measure_status(
            meta,
            measure_id=self.measure_id,
            status=self.status,
            decision_reference=self.decision_reference,
        )


class SetPeriod(PlanCommand):
    starts_on: Day
    ends_on: Day | None = None
    next_revision_on: Day

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.set_period(
            meta,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            next_revision_on=self.next_revision_on,
        )


class PartnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation: Name
    sector: Sector
    purpose: Text = ""
    contact: Name | None = None


class RecordCooperationPartner(PlanCommand):
    partner: PartnerIn

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.record_cooperation_partner(meta, partner=self.partner.model_dump())
