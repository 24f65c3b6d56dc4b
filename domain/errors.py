"""Named domain errors. Each names the field it concerns (if any) and the rule that was broken."""

from __future__ import annotations


class DomainError(Exception):
    """A command was refused by a rule of the domain. `fields` names what the rule is about (a
    field of the request, dotted, or a part of the plan such as `consents`); `field` is the
    first of them."""

    rule: str = "domain-rule"
    default_fields: tuple[str, ...] = ()

    def __init__(
        self, detail: str, *, field: str | None = None, fields: tuple[str, ...] = ()
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.fields = fields or ((field,) if field else self.default_fields)
        self.field = self.fields[0] if self.fields else None


class RuleViolation(DomainError):
    """The command's own content breaks a rule (HTTP 422)."""

    rule = "invalid-value"


class StateConflict(DomainError):
    """The command does not fit the plan's current state (HTTP 409)."""

    rule = "state-conflict"


class NotFoundInPlan(DomainError):
    """The command names a goal, measure, participant or consent the plan does not have (404)."""

    rule = "not-found-in-plan"


class EffectiveTimeInFuture(RuleViolation):
    rule = "effective-time-in-future"


class InvalidNationalId(RuleViolation):
    rule = "invalid-national-identity-number"


class ReasonRequired(RuleViolation):
    rule = "reason-required"


class DecisionReferenceRequired(RuleViolation):
    rule = "decision-reference-required"


class GoalNotWantedByUser(RuleViolation):
    rule = "goal-not-wanted-by-user"


class NextRevisionDateRequired(RuleViolation):
    rule = "next-revision-date-required"


class ConsentRequired(StateConflict):
    rule = "consent-to-plan-required"
    default_fields: tuple[str, ...] = ("consents",)


class ContentBeforeConsent(ConsentRequired):
    """Content dated on a day no consent to the plan was in force (decision record 0010)."""

    rule = "content-dated-before-consent"
    default_fields = ("effective_at", "consents")


class PlanClosed(StateConflict):
    default_fields = ("status",)
    rule = "plan-closed"


class PlanSuspended(StateConflict):
    default_fields = ("status",)
    rule = "plan-suspended"


class PlanRefused(StateConflict):
    default_fields = ("decision",)
    rule = "plan-refused"


class AlreadyEnded(StateConflict):
    rule = "already-ended"


class InvalidTransition(StateConflict):
    rule = "invalid-status-transition"


class CoordinatorConflict(StateConflict):
    rule = "coordinator-state"


class OpenPlanExists(StateConflict):
    rule = "one-open-plan-per-person"
    default_fields = ("subject",)

    def __init__(self, detail: str, *, existing_plan_id: str) -> None:
        super().__init__(detail, field="subject")
        self.existing_plan_id = existing_plan_id


class GoalNotFound(NotFoundInPlan):
    rule = "goal-not-found"


class MeasureNotFound(NotFoundInPlan):
    rule = "measure-not-found"


class ParticipantNotFound(NotFoundInPlan):
    rule = "participant-not-found"


class ConsentNotFound(NotFoundInPlan):
    rule = "consent-not-found"


class VersionNotFound(NotFoundInPlan):
    rule = "plan-version-not-found"
