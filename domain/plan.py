"""The `Plan` aggregate: one individuell plan, its whole life as events (domain.md §4).

Public methods are commands: they check the rules and raise a named `DomainError`, then call one
private `@event` method, which only mutates (its body re-runs on every replay). Every event carries
`meta`: who (actor from the verified token), on whose behalf, channel, effective time, correlation
id, reason and request id. The event's own `timestamp` is the recorded (transaction) time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from domain import own_part, rules
from domain.errors import (
    AlreadyEnded,
    ConsentNotFound,
    CoordinatorConflict,
    GoalNotFound,
    MeasureNotFound,
    NotFoundInPlan,
    ParticipantNotFound,
    PlanClosed,
    PlanRefused,
    PlanSuspended,
    StateConflict,
    VersionNotFound,
)
from domain.facts import (
    OSLO,
    agreed_by,
    declined_after_consent,
    deputy_after_coordinator,
    local_date,
    revision_after_evaluation,
)
from domain.parts import Consent, Goal, Measure, Participant, Person, PlanVersion
from domain.payloads import (
    EvaluationPayload,
    MeasurePayload,
    MeetingPayload,
    ParticipantPayload,
    PartnerPayload,
    PersonPayload,
    RecipientPayload,
    RepresentativePayload,
    SubjectPayload,
    UnitPayload,
)
from domain.values import (
    RECIPIENT_ROLE_WORDS,
    Channel,
    ConsentGiver,
    ConsentScope,
    DecisionOutcome,
    GoalAuthor,
    GoalStatus,
    InformedAbout,
    MeasureStatus,
    Meta,
    PlanStatus,
    RecipientRole,
    RequestSource,
    UserAgreement,
    plan_status,
)

Data = dict[str, Any]
__all__ = ["OSLO", "Plan", "local_date"]


class Plan(Aggregate):
    """An individuell plan for one person in one municipality."""

    class Event(Aggregate.Event):
        """Base of every plan event: `meta` holds who, how, when and why."""

        meta: Data

    class RequestReceived(Event, Aggregate.Created):
        """A request or report of need was received; this opens the plan's case."""

        municipality: str
        responsible_unit: UnitPayload
        subject: SubjectPayload
        source: RequestSource
        description: str

    class UserInformed(Event):
        """The user was informed of a right (plan, coordinator, complaint)."""

        about: InformedAbout

    class UserDeclined(Event):
        """The user declined a plan (reason in the user's words)."""

    class DecisionMade(Event):
        """The coordinating unit granted or refused the plan."""

        outcome: DecisionOutcome
        decision_reference: str | None
        complaint_information_given: bool

    class ConsentGiven(Event):
        """Consent to the plan, or to sharing with one participant, was given."""

        consent_id: str
        scope: ConsentScope
        participant_id: str | None
        valid_until: date | None
        given_by: ConsentGiver
        representative: RepresentativePayload | None

    class ConsentWithdrawn(Event):
        """A consent was withdrawn; it stops counting at once."""

        consent_id: str

    class CoordinatorResponsibilityAssigned(Event):
        """A unit was made responsible for finding a coordinator."""

        unit: UnitPayload

    class CoordinatorAppointed(Event):
        """A coordinator was appointed."""

        coordinator: PersonPayload

    class CoordinatorDeclined(Event):
        """A person asked to be coordinator declined (reason)."""

        person: PersonPayload

    class CoordinatorWithdrew(Event):
        """The coordinator withdrew; the plan has no coordinator."""

        coordinator: PersonPayload

    class CoordinatorReplaced(Event):
        """The coordinator was replaced, with a handover note."""

        previous: PersonPayload
        coordinator: PersonPayload
        handover_note: str

    class DeputyAppointed(Event):
        """A deputy (stedfortreder) for the coordinator was appointed."""

        deputy: PersonPayload

    class DeputyRemoved(Event):
        """The deputy was removed (reason)."""

        deputy: PersonPayload

    class ParticipantAdded(Event):
        """A participant joined the plan work."""

        participant: ParticipantPayload

    class ParticipantRemoved(Event):
        """A participant left the plan work (reason)."""

        participant_id: str

    class MappingRecorded(Event):
        """What matters to the user was recorded in the user's own words."""

        mapping_id: str
        users_words: str
        summary: str

    class GoalAdded(Event):
        """A goal was added: who formulated it, its wording, the user's agreement."""

        goal_id: str
        text: str
        formulated_by: GoalAuthor
        user_agreement: UserAgreement

    class GoalRevised(Event):
        """A goal's wording was revised (reason); the old wording is kept."""

        goal_id: str
        text: str
        user_agreement: UserAgreement

    class GoalConfirmed(Event):
        """The user agreed to a goal formulated on their behalf."""

        goal_id: str

    class GoalAchieved(Event):
        """A goal was achieved."""

        goal_id: str

    class GoalDropped(Event):
        """A goal was dropped (reason); it is kept, never deleted."""

        goal_id: str

    class ResourceRecorded(Event):
        """A resource of the user was recorded."""

        resource_id: str
        description: str
        in_users_words: bool

    class NeedRecorded(Event):
        """A need for services was recorded."""

        need_id: str
        description: str
        in_users_words: bool

    class MeasureAdded(Event):
        """A measure was added with its scope, how, responsible service and goals."""

        measure: MeasurePayload

    class MeasureStatusChanged(Event):
        """A measure moved along wished → applied for → granted/refused → started → ended."""

        measure_id: str
        status: MeasureStatus
        decision_reference: str | None

    class PlanPeriodSet(Event):
        """The plan period and the next revision date were set."""

        starts_on: date
        ends_on: date | None
        next_revision_on: date

    class CooperationPartnerRecorded(Event):
        """A service or agency to cooperate with was recorded."""

        partner: PartnerPayload

    class MeetingHeld(Event):
        """A meeting was held: attendees, the user's presence, agenda, decisions."""

        meeting: MeetingPayload

    class EvaluationHeld(Event):
        """The plan was evaluated; the next revision date is set."""

        evaluation: EvaluationPayload

    class VersionAgreed(Event):
        """A version of the plan was agreed (with the user or not)."""

        number: int
        agreed_with_user: bool
        summary: str

    class VersionDelivered(Event):
        """An agreed version was delivered to someone (`recipient.role` a value), by a channel."""

        # v2: `recipient.role` is a `RecipientRole` value; v1 held free text, which the upcast
        # keeps as `recipient.role_as_recorded` (evidence-pack format 1 shows it).
        class_version = 2
        number: int
        recipient: RecipientPayload
        delivery_channel: Channel

        @staticmethod
        def upcast_v1_v2(state: Data) -> None:
            recipient = dict(state["recipient"])
            text = str(recipient.get("role") or "")
            role = RECIPIENT_ROLE_WORDS.get(text.strip().lower(), RecipientRole.UNKNOWN)
            recipient |= {"role": str(role), "role_as_recorded": text}
            state["recipient"] = recipient

    class Suspended(Event):
        """The plan was suspended (reason), e.g. during a prison or institution stay."""

    class Resumed(Event):
        """A suspended plan was resumed."""

    class Closed(Event):
        """The plan was closed (reason)."""

    class Reopened(Event):
        """A closed plan was reopened (reason)."""

    # ---- opening the case -------------------------------------------------------------------

    @classmethod
    def receive_request(
        cls,
        meta: Meta,
        *,
        municipality: str,
        responsible_unit: Data,
        subject: Data,
        source: str,
        description: str = "",
    ) -> Plan:
        rules.check_municipality(municipality)
        return cls._create(
            event_class=cls.RequestReceived,
            meta=meta.to_event(),
            municipality=municipality,
            responsible_unit=rules.unit(responsible_unit),
            subject=rules.subject(subject),
            source=str(source),
            description=description,
        )

    @event(RequestReceived)
    def __init__(
        self,
        meta: Data,
        municipality: str,
        responsible_unit: Data,
        subject: Data,
        source: str,
        description: str,
    ) -> None:
        self.municipality = municipality
        self.responsible_unit = responsible_unit
        self.subject = subject
        self.source = source
        self.description = description
        self.received_at: datetime = meta["effective_at"]
        self.informed_at: list[datetime] = []
        self.declined = False
        self.decision: Data | None = None
        self.consents: dict[str, Consent] = {}
        self.coordinator_unit: Data | None = None
        self.coordinator: Person | None = None
        self.deputy: Person | None = None
        self.participants: dict[str, Participant] = {}
        self.mappings: list[Data] = []
        self.goals: dict[str, Goal] = {}
        self.resources: list[Data] = []
        self.needs: list[Data] = []
        self.measures: dict[str, Measure] = {}
        self.period: Data | None = None
        self.next_revision_on: date | None = None
        self.cooperation: list[Data] = []
        self.meetings: list[Data] = []
        self.evaluations: list[Data] = []
        self.versions: list[PlanVersion] = []
        self.suspended = False
        self.closed = False
        self.last_effective_at: datetime = meta["effective_at"]

    def inform_user(self, meta: Meta, *, about: str = "right_to_individual_plan") -> None:
        self._require_not_closed()
        self._user_informed(meta=meta.to_event(), about=about)

    @event(UserInformed)
    def _user_informed(self, meta: Data, about: str) -> None:
        self.informed_at.append(meta["effective_at"])

    def record_user_declined(self, meta: Meta) -> None:
        self._require_not_closed()
        meta.require_reason("the user declines a plan")
        self._user_declined(meta=meta.to_event())

    @event(UserDeclined)
    def _user_declined(self, meta: Data) -> None:
        self.declined = True

    def decide(
        self,
        meta: Meta,
        *,
        outcome: str,
        decision_reference: str | None = None,
        complaint_information_given: bool,
    ) -> None:
        self._require_not_closed()
        if self.decision is not None and self.decision["outcome"] == DecisionOutcome.GRANTED:
            raise StateConflict("the request has already been granted", field="outcome")
        if outcome == DecisionOutcome.REFUSED:
            meta.require_reason("a request is refused")
            rules.require(
                complaint_information_given,
                "complaint_information_given",
                "a refusal must inform the user of the right to complain",
            )
        self._decision_made(
            meta=meta.to_event(),
            outcome=str(outcome),
            decision_reference=decision_reference,
            complaint_information_given=complaint_information_given,
        )

    @event(DecisionMade)
    def _decision_made(
        self,
        meta: Data,
        outcome: str,
        decision_reference: str | None,
        complaint_information_given: bool,
    ) -> None:
        self.decision = {
            "outcome": outcome,
            "decision_reference": decision_reference,
            "decided_at": meta["effective_at"],
            "complaint_information_given": complaint_information_given,
        }

    # ---- consent ----------------------------------------------------------------------------

    def give_consent(
        self,
        meta: Meta,
        *,
        scope: str,
        given_by: str,
        participant_id: str | None = None,
        valid_until: date | None = None,
        representative: Data | None = None,
    ) -> str:
        self._require_not_closed()
        if scope == ConsentScope.SHARING:
            self._active_participant(rules.required_text(participant_id, "participant_id"))
        rules.check_consent(
            meta,
            scope=scope,
            given_by=given_by,
            participant_id=participant_id,
            valid_until=valid_until,
            representative=representative,
        )
        consent_id = uuid4().hex
        self._consent_given(
            meta=meta.to_event(),
            consent_id=consent_id,
            scope=str(scope),
            participant_id=participant_id,
            valid_until=valid_until,
            given_by=str(given_by),
            representative=rules.representative(representative),
        )
        return consent_id

    @event(ConsentGiven)
    def _consent_given(
        self,
        meta: Data,
        consent_id: str,
        scope: str,
        participant_id: str | None,
        valid_until: date | None,
        given_by: str,
        representative: Data | None,
    ) -> None:
        self.consents[consent_id] = Consent(
            consent_id=consent_id,
            scope=scope,
            given_at=meta["effective_at"],
            given_by=given_by,
            participant_id=participant_id,
            valid_until=valid_until,
            representative=representative,
        )
        self.declined = declined_after_consent(self.declined, scope)

    def withdraw_consent(self, meta: Meta, *, consent_id: str) -> None:
        self._require_not_closed()
        consent = self.consents.get(consent_id)
        if consent is None:
            raise ConsentNotFound(f"no consent {consent_id} in this plan", field="consent_id")
        if consent.withdrawn_at is not None:
            raise AlreadyEnded("the consent is already withdrawn", field="consent_id")
        meta.require_reason("consent is withdrawn")
        self._consent_withdrawn(meta=meta.to_event(), consent_id=consent_id)

    @event(ConsentWithdrawn)
    def _consent_withdrawn(self, meta: Data, consent_id: str) -> None:
        consent = self.consents[consent_id]
        consent.withdrawn_at = meta["effective_at"]
        consent.withdrawal_reason = meta["reason"]

    def has_plan_consent(self, on: date) -> bool:
        return any(c.is_plan_consent and c.in_force(on) for c in self.consents.values())

    def sharing_consent_in_force(self, participant_id: str, on: date) -> bool:
        return any(
            c.participant_id == participant_id and c.in_force(on) for c in self.consents.values()
        )

    # ---- coordinator (allowed without consent: pbrl § 2-5 b) ---------------------------------

    def assign_coordinator_responsibility(self, meta: Meta, *, unit: Data) -> None:
        self._require_not_closed()
        if self.coordinator_unit is not None:
            meta.require_reason("the responsibility moves to another unit")
        self._responsibility_assigned(meta=meta.to_event(), unit=rules.unit(unit))

    @event(CoordinatorResponsibilityAssigned)
    def _responsibility_assigned(self, meta: Data, unit: Data) -> None:
        self.coordinator_unit = unit

    def appoint_coordinator(self, meta: Meta, *, coordinator: Data) -> None:
        self._require_not_closed()
        if self.coordinator is not None:
            raise CoordinatorConflict(
                "the plan already has a coordinator: replace them instead", field="coordinator"
            )
        person = rules.person(coordinator, "coordinator")
        self._coordinator_appointed(meta=meta.to_event(), coordinator=person)

    @event(CoordinatorAppointed)
    def _coordinator_appointed(self, meta: Data, coordinator: Data) -> None:
        self._set_coordinator(coordinator)

    def record_coordinator_declined(self, meta: Meta, *, person: Data) -> None:
        self._require_not_closed()
        meta.require_reason("a person declines to be coordinator")
        self._coordinator_declined(meta=meta.to_event(), person=rules.person(person, "person"))

    @event(CoordinatorDeclined)
    def _coordinator_declined(self, meta: Data, person: Data) -> None:
        pass

    def record_coordinator_withdrew(self, meta: Meta) -> None:
        current = self._current_coordinator()
        meta.require_reason("the coordinator withdraws")
        self._coordinator_withdrew(meta=meta.to_event(), coordinator=rules.as_data(current))

    @event(CoordinatorWithdrew)
    def _coordinator_withdrew(self, meta: Data, coordinator: Data) -> None:
        self.coordinator = None

    def replace_coordinator(self, meta: Meta, *, coordinator: Data, handover_note: str) -> None:
        current = self._current_coordinator()
        meta.require_reason("the coordinator is replaced")
        person = rules.person(coordinator, "coordinator")
        if person["person_id"] == current.person_id:
            raise CoordinatorConflict(
                "the new coordinator is the current one", field="coordinator.person_id"
            )
        self._coordinator_replaced(
            meta=meta.to_event(),
            previous=rules.as_data(current),
            coordinator=person,
            handover_note=rules.required_text(handover_note, "handover_note"),
        )

    @event(CoordinatorReplaced)
    def _coordinator_replaced(
        self, meta: Data, previous: Data, coordinator: Data, handover_note: str
    ) -> None:
        self._set_coordinator(coordinator)

    def _set_coordinator(self, coordinator: Data) -> None:
        self.coordinator = Person(**coordinator)
        deputy_id = self.deputy.person_id if self.deputy else None
        if deputy_after_coordinator(deputy_id, self.coordinator.person_id) is None:
            self.deputy = None

    def appoint_deputy(self, meta: Meta, *, deputy: Data) -> None:
        self._require_not_closed()
        person = rules.person(deputy, "deputy")
        if self.coordinator is not None and person["person_id"] == self.coordinator.person_id:
            raise CoordinatorConflict(
                "the coordinator cannot be their own deputy", field="deputy.person_id"
            )
        if self.deputy is not None:
            meta.require_reason("the deputy is replaced")
        self._deputy_appointed(meta=meta.to_event(), deputy=person)

    @event(DeputyAppointed)
    def _deputy_appointed(self, meta: Data, deputy: Data) -> None:
        self.deputy = Person(**deputy)

    def remove_deputy(self, meta: Meta) -> None:
        self._require_not_closed()
        if self.deputy is None:
            raise CoordinatorConflict("the plan has no deputy", field="deputy")
        meta.require_reason("the deputy is removed")
        self._deputy_removed(meta=meta.to_event(), deputy=rules.as_data(self.deputy))

    @event(DeputyRemoved)
    def _deputy_removed(self, meta: Data, deputy: Data) -> None:
        self.deputy = None

    # ---- participants and plan content (require consent to the plan) -------------------------

    def add_participant(self, meta: Meta, *, participant: Data) -> str:
        self._require_content_allowed(meta)
        data = rules.participant(participant) | {"participant_id": uuid4().hex}
        self._participant_added(meta=meta.to_event(), participant=data)
        return str(data["participant_id"])

    @event(ParticipantAdded)
    def _participant_added(self, meta: Data, participant: Data) -> None:
        self.participants[participant["participant_id"]] = Participant(**participant)

    def remove_participant(self, meta: Meta, *, participant_id: str) -> None:
        self._require_not_closed()
        self._active_participant(participant_id)
        meta.require_reason("a participant is removed")
        self._participant_removed(meta=meta.to_event(), participant_id=participant_id)

    @event(ParticipantRemoved)
    def _participant_removed(self, meta: Data, participant_id: str) -> None:
        self.participants[participant_id].removed = True

    def record_mapping(self, meta: Meta, *, users_words: str, summary: str = "") -> str:
        self._require_content_allowed(meta)
        mapping_id = uuid4().hex
        self._mapping_recorded(
            meta=meta.to_event(),
            mapping_id=mapping_id,
            users_words=rules.required_text(users_words, "users_words"),
            summary=summary,
        )
        return mapping_id

    @event(MappingRecorded)
    def _mapping_recorded(
        self, meta: Data, mapping_id: str, users_words: str, summary: str
    ) -> None:
        self.mappings.append(
            {
                "mapping_id": mapping_id,
                "users_words": users_words,
                "summary": summary,
                "recorded_at": meta["effective_at"],
            }
        )
        self._touch(meta)

    def add_goal(self, meta: Meta, *, text: str, formulated_by: str, user_agreement: str) -> str:
        self._require_content_allowed(meta)
        rules.check_goal_agreement(user_agreement)
        goal_id = uuid4().hex
        self._goal_added(
            meta=meta.to_event(),
            goal_id=goal_id,
            text=rules.required_text(text, "text"),
            formulated_by=str(formulated_by),
            user_agreement=str(user_agreement),
        )
        return goal_id

    @event(GoalAdded)
    def _goal_added(
        self, meta: Data, goal_id: str, text: str, formulated_by: str, user_agreement: str
    ) -> None:
        self.goals[goal_id] = Goal(
            goal_id=goal_id,
            text=text,
            formulated_by=formulated_by,
            user_agreement=user_agreement,
            agreed_by=agreed_by(user_agreement == UserAgreement.AGREED, meta),
        )
        self._touch(meta)

    def revise_goal(self, meta: Meta, *, goal_id: str, text: str, user_agreement: str) -> None:
        self._require_content_allowed(meta)
        self._open_goal(goal_id)
        meta.require_reason("a goal is revised")
        rules.check_goal_agreement(user_agreement)
        self._goal_revised(
            meta=meta.to_event(),
            goal_id=goal_id,
            text=rules.required_text(text, "text"),
            user_agreement=str(user_agreement),
        )

    @event(GoalRevised)
    def _goal_revised(self, meta: Data, goal_id: str, text: str, user_agreement: str) -> None:
        goal = self.goals[goal_id]
        goal.history.append({"text": goal.text, "until": meta["effective_at"]})
        goal.text, goal.user_agreement = text, user_agreement
        goal.agreed_by = agreed_by(user_agreement == UserAgreement.AGREED, meta)
        self._touch(meta)

    def confirm_goal(self, meta: Meta, *, goal_id: str) -> None:
        self._require_content_allowed(meta)
        if self._open_goal(goal_id).user_agreement == UserAgreement.AGREED:
            raise StateConflict("the user has already agreed to this goal", field="goal_id")
        self._goal_confirmed(meta=meta.to_event(), goal_id=goal_id)

    @event(GoalConfirmed)
    def _goal_confirmed(self, meta: Data, goal_id: str) -> None:
        self.goals[goal_id].user_agreement = UserAgreement.AGREED
        self.goals[goal_id].agreed_by = agreed_by(True, meta)
        self._touch(meta)

    def mark_goal_achieved(self, meta: Meta, *, goal_id: str) -> None:
        self._require_content_allowed(meta)
        self._open_goal(goal_id)
        self._goal_achieved(meta=meta.to_event(), goal_id=goal_id)

    @event(GoalAchieved)
    def _goal_achieved(self, meta: Data, goal_id: str) -> None:
        self.goals[goal_id].status = GoalStatus.ACHIEVED
        self._touch(meta)

    def drop_goal(self, meta: Meta, *, goal_id: str) -> None:
        self._require_content_allowed(meta)
        self._open_goal(goal_id)
        meta.require_reason("a goal is dropped")
        self._goal_dropped(meta=meta.to_event(), goal_id=goal_id)

    @event(GoalDropped)
    def _goal_dropped(self, meta: Data, goal_id: str) -> None:
        self.goals[goal_id].status = GoalStatus.DROPPED
        self._touch(meta)

    def record_resource(self, meta: Meta, *, description: str, in_users_words: bool) -> str:
        self._require_content_allowed(meta)
        resource_id = uuid4().hex
        self._resource_recorded(
            meta=meta.to_event(),
            resource_id=resource_id,
            description=rules.required_text(description, "description"),
            in_users_words=in_users_words,
        )
        return resource_id

    @event(ResourceRecorded)
    def _resource_recorded(
        self, meta: Data, resource_id: str, description: str, in_users_words: bool
    ) -> None:
        self.resources.append(
            {
                "resource_id": resource_id,
                "description": description,
                "in_users_words": in_users_words,
            }
        )
        self._touch(meta)

    def record_need(self, meta: Meta, *, description: str, in_users_words: bool) -> str:
        self._require_content_allowed(meta)
        need_id = uuid4().hex
        self._need_recorded(
            meta=meta.to_event(),
            need_id=need_id,
            description=rules.required_text(description, "description"),
            in_users_words=in_users_words,
        )
        return need_id

    @event(NeedRecorded)
    def _need_recorded(
        self, meta: Data, need_id: str, description: str, in_users_words: bool
    ) -> None:
        self.needs.append(
            {"need_id": need_id, "description": description, "in_users_words": in_users_words}
        )
        self._touch(meta)

    def add_measure(self, meta: Meta, *, measure: Data) -> str:
        self._require_content_allowed(meta)
        for goal_id in measure.get("goal_ids", []):
            self._goal(goal_id)
        if measure.get("responsible_participant_id"):
            self._active_participant(str(measure["responsible_participant_id"]))
        data = rules.measure(measure) | {"measure_id": uuid4().hex}
        self._measure_added(meta=meta.to_event(), measure=data)
        return str(data["measure_id"])

    @event(MeasureAdded)
    def _measure_added(self, meta: Data, measure: Data) -> None:
        self.measures[measure["measure_id"]] = Measure(**measure)
        self._touch(meta)

    def change_measure_status(
        self, meta: Meta, *, measure_id: str, status: str, decision_reference: str | None = None
    ) -> None:
        self._require_content_allowed(meta)
        measure = self._measure(measure_id)
        if measure.status == MeasureStatus.ENDED:
            raise AlreadyEnded("the measure has ended", field="measure_id")
        measure.check_transition(status)
        rules.check_measure_decision(meta, status, decision_reference)
        self._measure_status_changed(
            meta=meta.to_event(),
            measure_id=measure_id,
            status=str(status),
            decision_reference=decision_reference,
        )

    @event(MeasureStatusChanged)
    def _measure_status_changed(
        self, meta: Data, measure_id: str, status: str, decision_reference: str | None
    ) -> None:
        measure = self.measures[measure_id]
        measure.status = status
        measure.decision_reference = decision_reference or measure.decision_reference
        self._touch(meta)

    def set_period(
        self, meta: Meta, *, starts_on: date, ends_on: date | None, next_revision_on: date
    ) -> None:
        self._require_content_allowed(meta)
        if self.period is not None:
            meta.require_reason("the plan period is changed")
        rules.check_period(starts_on, ends_on, next_revision_on)
        self._period_set(
            meta=meta.to_event(),
            starts_on=starts_on,
            ends_on=ends_on,
            next_revision_on=next_revision_on,
        )

    @event(PlanPeriodSet)
    def _period_set(
        self, meta: Data, starts_on: date, ends_on: date | None, next_revision_on: date
    ) -> None:
        self.period = {"starts_on": starts_on, "ends_on": ends_on}
        self.next_revision_on = next_revision_on
        self._touch(meta)

    def record_cooperation_partner(self, meta: Meta, *, partner: Data) -> None:
        self._require_content_allowed(meta)
        self._cooperation_recorded(meta=meta.to_event(), partner=rules.partner(partner))

    @event(CooperationPartnerRecorded)
    def _cooperation_recorded(self, meta: Data, partner: Data) -> None:
        self.cooperation.append(partner)
        self._touch(meta)

    def hold_meeting(self, meta: Meta, *, meeting: Data) -> str:
        self._require_content_allowed(meta)
        for decision in meeting.get("decisions", []):
            for goal_id in decision.get("goal_ids", []):
                self._goal(goal_id)
            for measure_id in decision.get("measure_ids", []):
                self._measure(measure_id)
        data = rules.meeting(meeting) | {"meeting_id": uuid4().hex}
        self._meeting_held(meta=meta.to_event(), meeting=data)
        return str(data["meeting_id"])

    @event(MeetingHeld)
    def _meeting_held(self, meta: Data, meeting: Data) -> None:
        self.meetings.append(meeting | {"held_at": meta["effective_at"], "additions": []})
        self._touch(meta)

    def hold_evaluation(self, meta: Meta, *, evaluation: Data) -> str:
        self._require_content_allowed(meta)
        data = rules.evaluation(evaluation, local_date(meta.effective_at))
        data["evaluation_id"] = uuid4().hex
        self._evaluation_held(meta=meta.to_event(), evaluation=data)
        return str(data["evaluation_id"])

    @event(EvaluationHeld)
    def _evaluation_held(self, meta: Data, evaluation: Data) -> None:
        latest = max((e["held_at"] for e in self.evaluations), default=None)
        self.evaluations.append(evaluation | {"held_at": meta["effective_at"], "user_views": []})
        self.next_revision_on, _ = revision_after_evaluation(
            self.next_revision_on, latest, meta["effective_at"], evaluation["next_revision_on"]
        )
        self._touch(meta)

    def agree_version(self, meta: Meta, *, agreed_with_user: bool, summary: str = "") -> int:
        self._require_content_allowed(meta)
        number = len(self.versions) + 1
        self._version_agreed(
            meta=meta.to_event(), number=number, agreed_with_user=agreed_with_user, summary=summary
        )
        return number

    @event(VersionAgreed)
    def _version_agreed(
        self, meta: Data, number: int, agreed_with_user: bool, summary: str
    ) -> None:
        self.versions.append(
            PlanVersion(
                number=number,
                aggregate_version=self.version - 1,
                agreed_on=meta["effective_at"],
                agreed_with_user=agreed_with_user,
                summary=summary,
            )
        )

    def deliver_version(
        self, meta: Meta, *, number: int, recipient: Data, delivery_channel: str
    ) -> None:
        self._require_content_allowed(meta)
        if not 1 <= number <= len(self.versions):
            raise VersionNotFound(f"no agreed plan version {number}", field="number")
        self._version_delivered(
            meta=meta.to_event(),
            number=number,
            recipient=rules.recipient(recipient),
            delivery_channel=str(delivery_channel),
        )

    @event(VersionDelivered)
    def _version_delivered(
        self, meta: Data, number: int, recipient: Data, delivery_channel: str
    ) -> None:
        self.versions[number - 1].deliveries.append(
            recipient | {"channel": delivery_channel, "delivered_at": meta["effective_at"]}
        )

    # ---- suspension and closing ---------------------------------------------------------------

    def suspend(self, meta: Meta) -> None:
        self._require_not_closed()
        if self.suspended:
            raise PlanSuspended("the plan is already suspended")
        meta.require_reason("the plan is suspended")
        self._suspended(meta=meta.to_event())

    @event(Suspended)
    def _suspended(self, meta: Data) -> None:
        self.suspended = True

    def resume(self, meta: Meta) -> None:
        self._require_not_closed()
        if not self.suspended:
            raise StateConflict("the plan is not suspended", field="status")
        self._resumed(meta=meta.to_event())

    @event(Resumed)
    def _resumed(self, meta: Data) -> None:
        self.suspended = False

    def close(self, meta: Meta) -> None:
        self._require_not_closed()
        meta.require_reason("the plan is closed")
        self._closed(meta=meta.to_event())

    @event(Closed)
    def _closed(self, meta: Data) -> None:
        self.closed = True

    def reopen(self, meta: Meta) -> None:
        if not self.closed:
            raise StateConflict("only a closed plan can be reopened", field="status")
        meta.require_reason("the plan is reopened")
        self._reopened(meta=meta.to_event())

    @event(Reopened)
    def _reopened(self, meta: Data) -> None:
        self.closed = False

    # ---- derived state and guards -------------------------------------------------------------

    @property
    def status(self) -> PlanStatus:
        return plan_status(
            closed=self.closed,
            suspended=self.suspended,
            declined=self.declined,
            decision=self.decision["outcome"] if self.decision else None,
        )

    def _touch(self, meta: Data) -> None:
        self.last_effective_at = max(self.last_effective_at, meta["effective_at"])

    def _require_not_closed(self) -> None:
        if self.closed:
            raise PlanClosed("the plan is closed: it can only be reopened")

    def _require_content_allowed(self, meta: Meta) -> None:
        self._require_not_closed()
        if self.suspended:
            raise PlanSuspended("the plan is suspended: resume it before changing its content")
        if self.status == PlanStatus.REFUSED:
            raise PlanRefused("the request for a plan was refused")
        rules.require_consent(
            self.has_plan_consent(local_date(meta.recorded_at)),
            self.has_plan_consent(local_date(meta.effective_at)),
        )

    def _current_coordinator(self) -> Person:
        self._require_not_closed()
        if self.coordinator is None:
            raise CoordinatorConflict("the plan has no coordinator", field="coordinator")
        return self.coordinator

    def _active_participant(self, participant_id: str) -> Participant:
        participant = self.participants.get(participant_id)
        if participant is None or participant.removed:
            raise ParticipantNotFound(
                f"no active participant {participant_id}", field="participant_id"
            )
        return participant

    def _goal(self, goal_id: str) -> Goal:
        goal = self.goals.get(goal_id)
        if goal is None:
            raise GoalNotFound(f"no goal {goal_id} in this plan", field="goal_id")
        return goal

    def _open_goal(self, goal_id: str) -> Goal:
        goal = self._goal(goal_id)
        if goal.is_ended:
            raise AlreadyEnded(f"the goal is already {goal.status}", field="goal_id")
        return goal

    def _measure(self, measure_id: str) -> Measure:
        measure = self.measures.get(measure_id)
        if measure is None:
            raise MeasureNotFound(f"no measure {measure_id} in this plan", field="measure_id")
        return measure

    # ---- the user's, the representative's and the participants' own part (issue 10) ------------
    # Each is an event of its author: `meta.actor` is the user, representative or participant.

    class GoalAnswered(Event):
        """The user (or representative) agreed or disagreed with a goal, with a comment."""

        goal_id: str
        agreement: str
        comment: str

    class EvaluationViewAdded(Event):
        """The user added their own view to an evaluation, and whether they took part."""

        evaluation_id: str
        users_view: str
        took_part: bool

    class ConsentLimited(Event):
        """A consent was limited in time: it runs out after `valid_until`."""

        consent_id: str
        valid_until: date

    class MeasureNotDelivered(Event):
        """The participant responsible reported a measure not delivered (reason)."""

        measure_id: str
        participant_id: str

    class ContributionRecorded(Event):
        """A participant recorded their contribution to the plan (point d)."""

        participant_id: str
        contribution: str

    class MeetingInvited(Event):
        """The coordinator invited participants to a meeting."""

        invitation_id: str
        meets_on: date
        place: str
        agenda: str
        participant_ids: list[str]

    class InvitationAnswered(Event):
        """An invited participant answered: coming or not, with a comment."""

        invitation_id: str
        participant_id: str
        answer: str
        comment: str

    class MinutesAdded(Event):
        """A participant who attended a meeting added to its minutes."""

        meeting_id: str
        participant_id: str
        text: str

    @property
    def invitations(self) -> dict[str, own_part.Invitation]:
        """Meeting invitations (kept outside `__init__`, so older snapshots load unchanged)."""
        found: dict[str, own_part.Invitation] = self.__dict__.setdefault("_invitations", {})
        return found

    def answer_goal(self, meta: Meta, *, goal_id: str, agreement: str, comment: str) -> None:
        self._require_content_allowed(meta)
        self._open_goal(goal_id)
        self._goal_answered(
            meta=meta.to_event(),
            goal_id=goal_id,
            agreement=str(own_part.GoalAnswer(agreement)),
            comment=comment.strip(),
        )

    @event(GoalAnswered)
    def _goal_answered(self, meta: Data, goal_id: str, agreement: str, comment: str) -> None:
        goal = self.goals[goal_id]
        goal.user_agreement = agreement
        goal.agreed_by = agreed_by(agreement == UserAgreement.AGREED, meta)
        answer: own_part.Answer = {
            "agreement": agreement,
            "comment": comment,
            "by_role": meta["actor"]["role"],
            "at": meta["effective_at"],
        }
        goal.answers.append(dict(answer))
        self._touch(meta)

    def add_evaluation_view(
        self, meta: Meta, *, evaluation_id: str, users_view: str, took_part: bool
    ) -> None:
        self._require_content_allowed(meta)
        self._evaluation(evaluation_id)
        self._evaluation_view_added(
            meta=meta.to_event(),
            evaluation_id=evaluation_id,
            users_view=own_part.own_text(users_view, "users_view"),
            took_part=bool(took_part),
        )

    @event(EvaluationViewAdded)
    def _evaluation_view_added(
        self, meta: Data, evaluation_id: str, users_view: str, took_part: bool
    ) -> None:
        view: own_part.UserView = {
            "users_view": users_view,
            "took_part": took_part,
            "by_role": meta["actor"]["role"],
            "at": meta["effective_at"],
        }
        evaluation = self._evaluation(evaluation_id)
        evaluation["user_views"] = [*evaluation.get("user_views", []), dict(view)]
        self._touch(meta)

    def limit_consent(self, meta: Meta, *, consent_id: str, valid_until: date) -> None:
        self._require_not_closed()
        consent = self.consents.get(consent_id)
        if consent is None:
            raise ConsentNotFound(f"no consent {consent_id} in this plan", field="consent_id")
        if consent.withdrawn_at is not None:
            raise AlreadyEnded("the consent is already withdrawn", field="consent_id")
        rules.require(
            consent.scope == ConsentScope.SHARING,
            "consent_id",
            "only a consent to share with a participant is limited in time; a consent to the "
            "plan itself is withdrawn",
        )
        rules.require(
            valid_until >= local_date(meta.effective_at),
            "valid_until",
            "a consent can be limited to today or a later day, not to a day gone by",
        )
        self._consent_limited(meta=meta.to_event(), consent_id=consent_id, valid_until=valid_until)

    @event(ConsentLimited)
    def _consent_limited(self, meta: Data, consent_id: str, valid_until: date) -> None:
        self.consents[consent_id].valid_until = valid_until

    def report_not_delivered(self, meta: Meta, *, measure_id: str, participant_id: str) -> None:
        self._require_content_allowed(meta)
        if self._measure(measure_id).status == MeasureStatus.ENDED:
            raise AlreadyEnded("the measure has ended", field="measure_id")
        meta.require_reason("a measure was not delivered")
        self._measure_not_delivered(
            meta=meta.to_event(), measure_id=measure_id, participant_id=participant_id
        )

    @event(MeasureNotDelivered)
    def _measure_not_delivered(self, meta: Data, measure_id: str, participant_id: str) -> None:
        report: own_part.NonDelivery = {
            "participant_id": participant_id,
            "reason": meta["reason"],
            "at": meta["effective_at"],
        }
        self.measures[measure_id].not_delivered.append(dict(report))
        self._touch(meta)

    def record_contribution(self, meta: Meta, *, participant_id: str, contribution: str) -> None:
        self._require_content_allowed(meta)
        self._active_participant(participant_id)
        self._contribution_recorded(
            meta=meta.to_event(),
            participant_id=participant_id,
            contribution=own_part.own_text(contribution, "contribution"),
        )

    @event(ContributionRecorded)
    def _contribution_recorded(self, meta: Data, participant_id: str, contribution: str) -> None:
        self.participants[participant_id].contribution = contribution
        self._touch(meta)

    def invite_to_meeting(
        self, meta: Meta, *, meets_on: date, place: str, agenda: str, participant_ids: list[str]
    ) -> str:
        self._require_content_allowed(meta)
        rules.require(bool(participant_ids), "participant_ids", "invite at least one participant")
        for participant_id in participant_ids:
            self._active_participant(participant_id)
        invitation_id = uuid4().hex
        self._meeting_invited(
            meta=meta.to_event(),
            invitation_id=invitation_id,
            meets_on=meets_on,
            place=own_part.own_text(place, "place", 200),
            agenda=agenda.strip(),
            participant_ids=list(participant_ids),
        )
        return invitation_id

    @event(MeetingInvited)
    def _meeting_invited(
        self,
        meta: Data,
        invitation_id: str,
        meets_on: date,
        place: str,
        agenda: str,
        participant_ids: list[str],
    ) -> None:
        self.invitations[invitation_id] = {
            "invitation_id": invitation_id,
            "meets_on": meets_on,
            "place": place,
            "agenda": agenda,
            "participant_ids": list(participant_ids),
            "answers": {},
        }

    def answer_invitation(
        self, meta: Meta, *, invitation_id: str, participant_id: str, answer: str, comment: str
    ) -> None:
        self._require_not_closed()
        invitation = self.invitations.get(invitation_id)
        if invitation is None:
            raise NotFoundInPlan(f"no invitation {invitation_id}", field="invitation_id")
        own_part.check_invitation_answer(invitation, participant_id)
        self._invitation_answered(
            meta=meta.to_event(),
            invitation_id=invitation_id,
            participant_id=participant_id,
            answer=str(own_part.InvitationAnswer(answer)),
            comment=comment.strip(),
        )

    @event(InvitationAnswered)
    def _invitation_answered(
        self, meta: Data, invitation_id: str, participant_id: str, answer: str, comment: str
    ) -> None:
        reply: own_part.InvitationReply = {
            "answer": answer,
            "comment": comment,
            "at": meta["effective_at"],
        }
        self.invitations[invitation_id]["answers"][participant_id] = reply

    def add_to_minutes(
        self, meta: Meta, *, meeting_id: str, participant_id: str, text: str
    ) -> None:
        self._require_content_allowed(meta)
        meeting = self._meeting(meeting_id)
        person_id = self._active_participant(participant_id).person_id
        attended = any(a.get("person_id") == person_id for a in meeting["attendees"])
        rules.require(
            person_id is not None and attended,
            "meeting_id",
            "only a participant who attended the meeting can add to its minutes",
        )
        self._minutes_added(
            meta=meta.to_event(),
            meeting_id=meeting_id,
            participant_id=participant_id,
            text=own_part.own_text(text, "text"),
        )

    @event(MinutesAdded)
    def _minutes_added(self, meta: Data, meeting_id: str, participant_id: str, text: str) -> None:
        addition: own_part.MinutesAddition = {
            "participant_id": participant_id,
            "text": text,
            "at": meta["effective_at"],
        }
        meeting = self._meeting(meeting_id)
        meeting["additions"] = [*meeting.get("additions", []), dict(addition)]
        self._touch(meta)

    def _evaluation(self, evaluation_id: str) -> Data:
        for evaluation in self.evaluations:
            if evaluation.get("evaluation_id") == evaluation_id:
                return evaluation
        raise NotFoundInPlan(f"no evaluation {evaluation_id}", field="evaluation_id")

    def _meeting(self, meeting_id: str) -> Data:
        for meeting in self.meetings:
            if meeting.get("meeting_id") == meeting_id:
                return meeting
        raise NotFoundInPlan(f"no meeting {meeting_id}", field="meeting_id")
