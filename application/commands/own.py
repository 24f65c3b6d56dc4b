"""Commands the user, their representative and the participants send themselves (issue 10).

Each names the action the access policy decides on: `write_own` (the user's own part),
`consent` (the user's consents) or `contribute` (a participant's own part). What a participant
may touch is narrowed again here, by `Policy.participant_of` / `Policy.responsible_for`.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from application.access import Action, Policy
from application.commands.base import Day, Ident, Name, PlanCommand, Text
from domain.own_part import GoalAnswer, InvitationAnswer, MeasureReport
from domain.plan import Plan
from domain.values import GoalAuthor, Meta, Role, UserAgreement


class OwnCommand(PlanCommand):
    action: ClassVar[Action] = Action.WRITE_OWN


class ContributionCommand(PlanCommand):
    action: ClassVar[Action] = Action.CONTRIBUTE


class WriteWhatMatters(OwnCommand):
    """«Hva er viktig for meg?» in the user's own words (the mapping)."""

    users_words: Text = Field(description="What matters to the user, in their own words.")

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.record_mapping(meta, users_words=self.users_words)


class AddOwnGoal(OwnCommand):
    """A goal in the user's own words: formulated by the user (or representative), agreed."""

    text: Text = Field(description="The goal, in the user's own words.")

    def run(self, plan: Plan, meta: Meta) -> str:
        author = GoalAuthor.USER if meta.actor.role == Role.USER else GoalAuthor.REPRESENTATIVE
        return plan.add_goal(
            meta, text=self.text, formulated_by=author, user_agreement=UserAgreement.AGREED
        )


class AnswerGoal(OwnCommand):
    """The user agrees or disagrees with a goal someone else formulated, with a comment."""

    goal_id: SkipJsonSchema[str] = ""
    agreement: GoalAnswer
    comment: Text = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.answer_goal(meta, goal_id=self.goal_id, agreement=self.agreement, comment=self.comment)


class AddEvaluationView(OwnCommand):
    """The user's own view of an evaluation, and whether they took part in it."""

    evaluation_id: SkipJsonSchema[str] = ""
    users_view: Text
    took_part: bool

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.add_evaluation_view(
            meta,
            evaluation_id=self.evaluation_id,
            users_view=self.users_view,
            took_part=self.took_part,
        )


class LimitConsent(PlanCommand):
    """Limit a consent in time: it runs out after `valid_until` (the user's or the
    coordinator's write, like giving and withdrawing)."""

    action: ClassVar[Action] = Action.CONSENT
    consent_id: SkipJsonSchema[str] = ""
    valid_until: Day

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.limit_consent(meta, consent_id=self.consent_id, valid_until=self.valid_until)


class ReportMeasure(ContributionCommand):
    """The participant responsible for a measure: started, ended, or not delivered (reason)."""

    measure_id: SkipJsonSchema[str] = ""
    report: MeasureReport

    def run(self, plan: Plan, meta: Meta) -> None:
        participant_id = Policy.responsible_for(meta.actor, plan, self.measure_id)
        if self.report == MeasureReport.NOT_DELIVERED:
            plan.report_not_delivered(
                meta, measure_id=self.measure_id, participant_id=participant_id
            )
        else:
            plan.change_measure_status(meta, measure_id=self.measure_id, status=self.report)


class RecordContribution(ContributionCommand):
    """What the participant contributes to the plan (point d), in their own words."""

    contribution: Text

    def run(self, plan: Plan, meta: Meta) -> None:
        participant_id = Policy.participant_of(meta.actor, plan)
        plan.record_contribution(
            meta, participant_id=participant_id, contribution=self.contribution
        )


class AnswerInvitation(ContributionCommand):
    invitation_id: SkipJsonSchema[str] = ""
    answer: InvitationAnswer
    comment: Text = ""

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.answer_invitation(
            meta,
            invitation_id=self.invitation_id,
            participant_id=Policy.participant_of(meta.actor, plan),
            answer=self.answer,
            comment=self.comment,
        )


class AddToMinutes(ContributionCommand):
    meeting_id: SkipJsonSchema[str] = ""
    text: Text

    def run(self, plan: Plan, meta: Meta) -> None:
        plan.add_to_minutes(
            meta,
            meeting_id=self.meeting_id,
            participant_id=Policy.participant_of(meta.actor, plan),
            text=self.text,
        )


class InviteToMeeting(PlanCommand):
    """The coordinator invites participants to a meeting; they answer it themselves."""

    meets_on: Day
    place: Name
    agenda: Text = ""
    participant_ids: list[Ident] = Field(min_length=1, max_length=100)

    def run(self, plan: Plan, meta: Meta) -> str:
        return plan.invite_to_meeting(
            meta,
            meets_on=self.meets_on,
            place=self.place,
            agenda=self.agenda,
            participant_ids=list(self.participant_ids),
        )
