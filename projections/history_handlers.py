"""The changes each plan event makes, by event type: which record, which fields, which values."""

from __future__ import annotations

from typing import Any

from domain.dispatch import Handlers
from domain.facts import declined_after_consent, deputy_after_coordinator
from domain.plan import Plan
from domain.values import GoalStatus, MeasureStatus, UserAgreement
from projections.history_changes import PERSON, Handler, Recorder, added, both, state

HANDLERS: Handlers[Handler] = Handlers()


PARTICIPANT = "participant:{participant_id}"
HANDLERS.add(
    {
        Plan.UserInformed: added("information:{v}", "about"),
        Plan.UserDeclined: state("plan", declined=True),
        Plan.CoordinatorDeclined: added("declination:{v}", "person_id", "name", part="person"),
        Plan.ParticipantAdded: both(
            added(PARTICIPANT, "name", "role", "organisation", "sector", part="participant"),
            added(PARTICIPANT, "contribution", "person_id", part="participant"),
            state(PARTICIPANT, part="participant", status="active"),
        ),
        Plan.ParticipantRemoved: state(PARTICIPANT, status="removed"),
        Plan.MappingRecorded: added("mapping:{mapping_id}", "users_words", "summary"),
        Plan.GoalConfirmed: state("goal:{goal_id}", user_agreement=UserAgreement.AGREED),
        Plan.GoalAchieved: state("goal:{goal_id}", status=GoalStatus.ACHIEVED),
        Plan.GoalDropped: state("goal:{goal_id}", status=GoalStatus.DROPPED),
        Plan.ResourceRecorded: added("resource:{resource_id}", "description", "in_users_words"),
        Plan.NeedRecorded: added("need:{need_id}", "description", "in_users_words"),
        Plan.CooperationPartnerRecorded: added(
            "partner:{v}", "organisation", "sector", "purpose", "contact", part="partner"
        ),
        Plan.VersionAgreed: added("version:{number}", "agreed_with_user", "summary"),
        Plan.Suspended: state("plan", suspended=True),
        Plan.Resumed: state("plan", suspended=False),
        Plan.Closed: state("plan", closed=True),
        Plan.Reopened: state("plan", closed=False),
    }
)


@HANDLERS.on(Plan.RequestReceived)
def _received(r: Recorder, e: Any) -> None:
    unit = e.responsible_unit
    r.set("plan", municipality=e.municipality, unit_id=unit["unit_id"], unit_name=unit["name"])
    r.add("plan", source=e.source, description=e.description)
    r.set("plan", declined=False, suspended=False, closed=False)


@HANDLERS.on(Plan.DecisionMade)
def _decided(r: Recorder, e: Any) -> None:
    r.set("plan", decision=e.outcome, decision_reference=e.decision_reference)
    r.set("plan", complaint_information_given=e.complaint_information_given)


@HANDLERS.on(Plan.ConsentGiven)
def _consent_given(r: Recorder, e: Any) -> None:
    record, representative = f"consent:{e.consent_id}", e.representative or {}
    r.add(record, scope=e.scope, participant_id=e.participant_id, given_by=e.given_by)
    r.add(record, representative=representative.get("name"), basis=representative.get("basis"))
    r.add(record, valid_until=e.valid_until)
    r.set(record, status="given")
    r.set("plan", declined=declined_after_consent(bool(r.value("plan", "declined")), e.scope))


@HANDLERS.on(Plan.ConsentWithdrawn)
def _consent_withdrawn(r: Recorder, e: Any) -> None:
    r.set(f"consent:{e.consent_id}", status="withdrawn", withdrawal_reason=e.meta["reason"])


@HANDLERS.on(Plan.CoordinatorResponsibilityAssigned)
def _unit_assigned(r: Recorder, e: Any) -> None:
    r.set("coordinator_unit", unit_id=e.unit["unit_id"], name=e.unit["name"])


@HANDLERS.on(Plan.CoordinatorAppointed, Plan.CoordinatorReplaced)
def _coordinator(r: Recorder, e: Any) -> None:
    r.set("coordinator", **{field: e.coordinator.get(field) for field in PERSON})
    deputy = r.value("deputy", "person_id")
    if deputy is not None and deputy_after_coordinator(deputy, e.coordinator["person_id"]) is None:
        r.clear("deputy")
    if isinstance(e, Plan.CoordinatorReplaced):
        r.add(f"handover:{e.originator_version}", note=e.handover_note)


@HANDLERS.on(Plan.CoordinatorWithdrew, Plan.DeputyRemoved)
def _vacated(r: Recorder, e: Any) -> None:
    r.clear("coordinator" if isinstance(e, Plan.CoordinatorWithdrew) else "deputy")


@HANDLERS.on(Plan.DeputyAppointed)
def _deputy(r: Recorder, e: Any) -> None:
    r.set("deputy", **{field: e.deputy.get(field) for field in PERSON})


@HANDLERS.on(Plan.GoalAdded, Plan.GoalRevised)
def _goal(r: Recorder, e: Any) -> None:
    record = f"goal:{e.goal_id}"
    r.add(record, formulated_by=getattr(e, "formulated_by", None))
    r.set(record, text=e.text, user_agreement=e.user_agreement, status=GoalStatus.ACTIVE)


@HANDLERS.on(Plan.MeasureAdded)
def _measure(r: Recorder, e: Any) -> None:
    m, fields = e.measure, ("title", "scope", "how", "responsible_service", "responsible_person")
    record = f"measure:{m['measure_id']}"
    r.add(record, due_date=m.get("due_date"), goal_ids=m.get("goal_ids", []))
    r.add(record, **{field: m.get(field) for field in fields})
    r.set(record, status=MeasureStatus.WISHED)


@HANDLERS.on(Plan.MeasureStatusChanged)
def _measure_status(r: Recorder, e: Any) -> None:
    record = f"measure:{e.measure_id}"
    reference = e.decision_reference or r.value(record, "decision_reference")
    r.set(record, status=e.status, decision_reference=reference)


@HANDLERS.on(Plan.PlanPeriodSet)
def _period(r: Recorder, e: Any) -> None:
    r.set("plan", starts_on=e.starts_on, ends_on=e.ends_on, next_revision_on=e.next_revision_on)


@HANDLERS.on(Plan.MeetingHeld)
def _meeting(r: Recorder, e: Any) -> None:
    m = e.meeting
    record = f"meeting:{m['meeting_id']}"
    r.add(record, kind=m["kind"], user_attended=m["user_attended"], minutes=m["minutes"])
    r.add(record, agenda_prepared_with_user=m["agenda_prepared_with_user"])
    r.add(record, attendees=[a["name"] for a in m["attendees"]])
    r.add(record, decisions=[d["text"] for d in m["decisions"]])


@HANDLERS.on(Plan.EvaluationHeld)
def _evaluation(r: Recorder, e: Any) -> None:
    ev, fields = e.evaluation, ("user_took_part", "user_participation", "users_view", "outcome")
    r.add(f"evaluation:{ev['evaluation_id']}", **{field: ev.get(field) for field in fields})
    r.set("plan", next_revision_on=ev["next_revision_on"])


@HANDLERS.on(Plan.VersionDelivered)
def _delivered(r: Recorder, e: Any) -> None:
    record, recipient = f"version:{e.number}", e.recipient
    r.add(record, delivered_to=recipient["name"], delivery_channel=e.delivery_channel)


# ---- the user's, the representative's and the participants' own part (issue 10) ------------


@HANDLERS.on(Plan.GoalAnswered)
def _goal_answered(r: Recorder, e: Any) -> None:
    r.set(f"goal:{e.goal_id}", user_agreement=e.agreement, note=e.comment)


@HANDLERS.on(Plan.EvaluationViewAdded)
def _evaluation_view(r: Recorder, e: Any) -> None:
    r.set(f"evaluation:{e.evaluation_id}", users_view=e.users_view, user_took_part=e.took_part)


@HANDLERS.on(Plan.ConsentLimited)
def _consent_limited(r: Recorder, e: Any) -> None:
    r.set(f"consent:{e.consent_id}", valid_until=e.valid_until)


@HANDLERS.on(Plan.MeasureNotDelivered)
def _not_delivered(r: Recorder, e: Any) -> None:
    r.set(f"measure:{e.measure_id}", note=e.meta["reason"])


@HANDLERS.on(Plan.ContributionRecorded)
def _contribution(r: Recorder, e: Any) -> None:
    r.set(PARTICIPANT.format(participant_id=e.participant_id), contribution=e.contribution)


@HANDLERS.on(Plan.MeetingInvited)
def _invited(r: Recorder, e: Any) -> None:
    record = f"meeting:{e.invitation_id}"
    r.add(record, kind="innkalling", starts_on=e.meets_on, note=e.place, purpose=e.agenda)
    r.add(record, attendees=list(e.participant_ids))


@HANDLERS.on(Plan.InvitationAnswered)
def _invitation_answered(r: Recorder, e: Any) -> None:
    r.set(f"meeting:{e.invitation_id}:{e.participant_id}", status=e.answer, note=e.comment)


@HANDLERS.on(Plan.MinutesAdded)
def _minutes_added(r: Recorder, e: Any) -> None:
    r.set(f"meeting:{e.meeting_id}", note=e.text)
