"""Virksomme planer (domain.md §5): each relevant plan event becomes one bitemporal fact.

Whether a plan is virksom depends on a reference date D (effective time) and on what was known
at an instant T (recorded time), and corrections are backdated: no single current state answers
every (D, T). So this model only records facts — what happened to which plan, when it happened
(`effective_at`, and its Europe/Oslo date `effective_on`) and when it was recorded
(`recorded_at`) — and the query (adapters/readmodels/virksom_queries.py) decides for any (D, T).

One event gives at most one fact, so the table grows with the log and never rewrites a row. The
kind groups (projections/virksom_kinds.py) say which facts each criterion reads.

From the facts the model also keeps each plan's timeline (projections/virksom_timeline.py): its
state per interval of effective dates, bitemporal, which the figures read instead of the facts
(docs/decisions/0015-virksom-timelines.md). The set-based query over the facts stays as the
oracle they are tested against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from eventsourcing.utils import get_topic

from domain.dispatch import Handlers, event_classes
from domain.facts import whose
from domain.plan import Plan, local_date
from projections import virksom_sums as sums
from projections import virksom_timeline as timeline
from projections.base import Batch, ReadModel, Row
from projections.virksom_kinds import (  # noqa: F401  (re-exported for the queries)
    ACTIVE,
    ACTIVITY,
    CLOSED,
    CONSENT_GIVEN,
    CONSENT_WITHDRAWN,
    COORDINATOR_OFF,
    COORDINATOR_ON,
    EVALUATED,
    GOAL_ADDED,
    GOAL_CONFIRMED,
    GOAL_REVISED,
    GRANTED,
    MEASURE_ADDED,
    MEETING,
    OPENED,
    PAIRS,
    REFUSED,
    REOPENED,
    RESUMED,
    REVISION_DATE_SET,
    REVISION_DATES,
    SUSPENDED,
    VERSION_AGREED,
    WORK,
    goal_value,
)

Fact = dict[str, Any]
Extract = Callable[[Any, Row], Fact | None]


def _fact(kind: str, item_id: str | None = None, **extra: Any) -> Fact:
    return {"kind": kind, "item_id": item_id, "value": None, "on_date": None, "flag": None} | extra


def _plain(kind: str) -> Extract:
    return lambda event, plan: _fact(kind)


def _activity(event: Any, plan: Row) -> Fact:
    return _fact(ACTIVITY, value=type(event).__name__)


def _decided(event: Any, plan: Row) -> Fact:
    return _fact(REFUSED if event.outcome == "refused" else GRANTED)


def _consent_given(event: Any, plan: Row) -> Fact | None:
    """Only consent to the plan counts; its id is remembered so a withdrawal can be told apart."""
    if event.scope != "plan":
        return None
    plan["plan_consents"] = [*plan["plan_consents"], event.consent_id]
    return _fact(CONSENT_GIVEN, event.consent_id, on_date=event.valid_until)


def _consent_withdrawn(event: Any, plan: Row) -> Fact | None:
    if event.consent_id not in plan["plan_consents"]:
        return None
    return _fact(CONSENT_WITHDRAWN, event.consent_id)


def _goal_added(event: Any, plan: Row) -> Fact:
    agreed = event.user_agreement == "agreed"
    value = goal_value(whose(event.meta), event.formulated_by)
    return _fact(GOAL_ADDED, event.goal_id, value=value, flag=agreed)


def _goal_revised(event: Any, plan: Row) -> Fact:
    agreed = event.user_agreement == "agreed"
    return _fact(GOAL_REVISED, event.goal_id, value=goal_value(whose(event.meta)), flag=agreed)


def _goal_confirmed(event: Any, plan: Row) -> Fact:
    return _fact(GOAL_CONFIRMED, event.goal_id, value=goal_value(whose(event.meta)), flag=True)


def _goal_answered(event: Any, plan: Row) -> Fact:
    """The user's own answer (issue 10): agreed counts as confirmed, disagreed undoes it."""
    agreed = event.agreement == "agreed"
    return _fact(GOAL_CONFIRMED, event.goal_id, value=goal_value(whose(event.meta)), flag=agreed)


def _measure_added(event: Any, plan: Row) -> Fact:
    return _fact(MEASURE_ADDED, event.measure["measure_id"])


def _period_set(event: Any, plan: Row) -> Fact:
    return _fact(REVISION_DATE_SET, on_date=event.next_revision_on)


def _meeting(event: Any, plan: Row) -> Fact:
    return _fact(MEETING, event.meeting["meeting_id"], flag=bool(event.meeting["user_attended"]))


def _evaluated(event: Any, plan: Row) -> Fact:
    evaluation = event.evaluation
    return _fact(EVALUATED, evaluation["evaluation_id"], on_date=evaluation["next_revision_on"])


def _version_agreed(event: Any, plan: Row) -> Fact:
    return _fact(VERSION_AGREED, str(event.number), flag=bool(event.agreed_with_user))


EXTRACTS: Handlers[Extract] = Handlers()
EXTRACTS.add(
    {
        Plan.RequestReceived: _plain(OPENED),
        Plan.DecisionMade: _decided,
        Plan.ConsentGiven: _consent_given,
        Plan.ConsentWithdrawn: _consent_withdrawn,
        Plan.CoordinatorAppointed: _plain(COORDINATOR_ON),
        Plan.CoordinatorReplaced: _plain(COORDINATOR_ON),
        Plan.CoordinatorWithdrew: _plain(COORDINATOR_OFF),
        Plan.GoalAdded: _goal_added,
        Plan.GoalRevised: _goal_revised,
        Plan.GoalConfirmed: _goal_confirmed,
        Plan.GoalAnswered: _goal_answered,
        Plan.MeasureAdded: _measure_added,
        Plan.PlanPeriodSet: _period_set,
        Plan.MeetingHeld: _meeting,
        Plan.EvaluationHeld: _evaluated,
        Plan.VersionAgreed: _version_agreed,
        Plan.Suspended: _plain(SUSPENDED),
        Plan.Resumed: _plain(RESUMED),
        Plan.Closed: _plain(CLOSED),
        Plan.Reopened: _plain(REOPENED),
        **dict.fromkeys(
            (
                Plan.GoalAchieved,
                Plan.GoalDropped,
                Plan.MeasureStatusChanged,
                Plan.MappingRecorded,
                Plan.ResourceRecorded,
                Plan.NeedRecorded,
                Plan.CooperationPartnerRecorded,
                Plan.EvaluationViewAdded,
                Plan.ContributionRecorded,
                Plan.MeasureNotDelivered,
                Plan.MinutesAdded,
            ),
            _activity,
        ),
    }
)
# what a plan's verdict does not read: a sharing consent's limit (only the plan consent counts),
# the coordinating unit, the deputy, participants, invitations, deliveries
EXTRACTS.ignore(
    Plan.ConsentLimited,
    Plan.CoordinatorDeclined,
    Plan.CoordinatorResponsibilityAssigned,
    Plan.DeputyAppointed,
    Plan.DeputyRemoved,
    Plan.InvitationAnswered,
    Plan.MeetingInvited,
    Plan.ParticipantAdded,
    Plan.ParticipantRemoved,
    Plan.UserDeclined,
    Plan.UserInformed,
    Plan.VersionDelivered,
)


def new_plan(event: Any) -> Row:
    """What later events of the plan do not carry: where it belongs, and its plan consents."""
    return {
        "plan_id": event.originator_id,
        "municipality": event.municipality,
        "unit_id": event.responsible_unit["unit_id"],
        "unit_name": event.responsible_unit["name"],
        "opened_on": local_date(event.meta["effective_at"]),
        "recorded_at": event.timestamp,
        "plan_consents": [],
        "facts": [],
        "slots": 0,
        "pieces": [],
    }


class VirksomModel(ReadModel):
    name = "virksom"
    # 2: the per-plan timelines; 3: whose goal facts; 4: the running sums (virksom_sums.py)
    version = 4
    tables: ClassVar[dict[str, tuple[str, ...]]] = {
        "plans": ("plan_id",),
        "facts": (),
        "timeline": ("plan_id", "slot"),
        "timeline_past": (),
        "day_sums": ("municipality", "unit_id", "on_date"),
        "month_sums": ("municipality", "unit_id", "on_date"),
    }
    appends = ("facts", "timeline_past", "day_sums", "month_sums")
    topics = tuple(get_topic(kind) for kind in event_classes(Plan) if kind in EXTRACTS.handled())
    handlers: ClassVar[Handlers[Any] | None] = EXTRACTS

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        opened = isinstance(event, Plan.RequestReceived)
        plan = new_plan(event) if opened else batch.get("plans", event.originator_id)
        if plan is None:  # a plan whose opening this build never saw
            return
        extract = EXTRACTS.get(event)  # the runner hands every model every event it read
        fact = extract(event, plan) if extract else None
        if opened:
            batch.put("plans", plan)
        if fact is not None:
            stamped = _stamped(fact, event, position, plan)
            batch.append("facts", stamped)
            timeline.revise(batch, plan, stamped)  # the plan's facts (in its row) changed
            batch.put("plans", plan)

    def finish(self, batch: Batch) -> None:
        sums.settle(batch)  # the running sums of the plans whose timelines changed


def _stamped(fact: Fact, event: Any, position: int, plan: Row) -> Row:
    effective_at = event.meta["effective_at"]
    return fact | {
        "position": position,
        "plan_id": plan["plan_id"],
        "municipality": plan["municipality"],
        "unit_id": plan["unit_id"],
        "version": event.originator_version,
        "effective_at": effective_at,
        "effective_on": local_date(effective_at),
        "recorded_at": event.timestamp,
    }
