"""Plan history and audit trail: one entry per plan event — who, when, on whose behalf, why, and
which fields changed from what to what (Noark 5's change log: record, field, old, new value).

`entries` is append-only. `fields` holds the last known value of each (plan, record, field), so
that the next change can name its old value; record "plan" also gives every entry its plan's
municipality and unit, by which the audit trail is scoped and filtered.
"""

from __future__ import annotations

from typing import Any, ClassVar

from domain.plan import Plan
from domain.values import plan_status
from projections.base import Batch, ReadModel, Row
from projections.history_changes import Recorder
from projections.history_handlers import HANDLERS
from projections.topics import topics_of

LABELS = {
    "RequestReceived": "Henvendelse mottatt",
    "UserInformed": "Bruker informert om rettigheter",
    "UserDeclined": "Bruker takket nei til plan",
    "DecisionMade": "Vedtak fattet",
    "ConsentGiven": "Samtykke gitt",
    "ConsentWithdrawn": "Samtykke trukket tilbake",
    "CoordinatorResponsibilityAssigned": "Enhet fikk ansvar for å finne koordinator",
    "CoordinatorAppointed": "Koordinator oppnevnt",
    "CoordinatorDeclined": "Forespurt koordinator takket nei",
    "CoordinatorWithdrew": "Koordinator trakk seg",
    "CoordinatorReplaced": "Koordinator byttet",
    "DeputyAppointed": "Stedfortreder oppnevnt",
    "DeputyRemoved": "Stedfortreder fjernet",
    "ParticipantAdded": "Deltaker lagt til",
    "ParticipantRemoved": "Deltaker fjernet",
    "MappingRecorded": "Kartlegging registrert",
    "GoalAdded": "Mål lagt til",
    "GoalRevised": "Mål revidert",
    "GoalConfirmed": "Mål bekreftet av bruker",
    "GoalAchieved": "Mål nådd",
    "GoalDropped": "Mål frafalt",
    "ResourceRecorded": "Ressurs registrert",
    "NeedRecorded": "Behov registrert",
    "MeasureAdded": "Tiltak lagt til",
    "MeasureStatusChanged": "Tiltak: status endret",
    "PlanPeriodSet": "Planperiode satt",
    "CooperationPartnerRecorded": "Samarbeidspart registrert",
    "MeetingHeld": "Møte holdt",
    "EvaluationHeld": "Evaluering gjennomført",
    "VersionAgreed": "Planversjon avtalt",
    "VersionDelivered": "Planversjon levert",
    "Suspended": "Plan satt i bero",
    "Resumed": "Plan gjenopptatt",
    "Closed": "Plan avsluttet",
    "Reopened": "Plan gjenåpnet",
    "GoalAnswered": "Brukeren svarte på et mål",
    "EvaluationViewAdded": "Brukerens syn lagt til evaluering",
    "ConsentLimited": "Samtykke begrenset i tid",
    "MeasureNotDelivered": "Tiltak ikke gitt som avtalt",
    "ContributionRecorded": "Deltakers bidrag registrert",
    "MeetingInvited": "Innkalling til møte",
    "InvitationAnswered": "Svar på innkalling",
    "MinutesAdded": "Tillegg til referat",
}


# what `status` reads: the plan record's fields it is derived from
STATUS_FIELDS = frozenset(("plan", f) for f in ("closed", "suspended", "declined", "decision"))


class HistoryModel(ReadModel):
    name = "history"
    version = 2  # 2: the order of `changes` no longer depends on batch boundaries
    tables: ClassVar[dict[str, tuple[str, ...]]] = {
        "entries": (),
        "fields": ("plan_id", "record", "field"),
    }
    appends = ("entries",)
    topics = topics_of(Plan)
    handlers = HANDLERS

    def apply(self, event: Any, position: int, batch: Batch) -> None:
        recorder = Recorder(batch, event.originator_id)
        opening = isinstance(event, Plan.RequestReceived)
        if not opening and recorder.value("plan", "municipality") is None:
            return  # a plan whose opening this build never saw: no scope to file it under
        if handler := HANDLERS.get(event):
            handler(recorder, event)
        if opening or not recorder.changed.isdisjoint(STATUS_FIELDS):
            recorder.set("plan", status=status(recorder))  # it reads those fields only
        batch.append("entries", entry(event, position, recorder))


def status(recorder: Recorder) -> str:
    """The plan's status, derived from its recorded facts as the domain derives it."""
    facts = {field: recorder.value(record, field) for record, field in STATUS_FIELDS}
    return str(
        plan_status(
            closed=bool(facts["closed"]),
            suspended=bool(facts["suspended"]),
            decision=facts["decision"],
            declined=bool(facts["declined"]),
        )
    )


def entry(event: Any, position: int, recorder: Recorder) -> Row:
    kind, meta = type(event).__name__, event.meta
    actor = meta["actor"]
    return {
        "position": position,
        "plan_id": event.originator_id,
        "version": event.originator_version,
        "municipality": recorder.value("plan", "municipality"),
        "unit_id": recorder.value("plan", "unit_id"),
        "event_type": kind,
        "label": LABELS.get(kind, kind),
        "effective_at": meta["effective_at"],
        "recorded_at": event.timestamp,
        "actor_id": actor["person_id"],
        "actor_name": actor["name"],
        "actor_role": actor["role"],
        "actor_organisation": actor.get("organisation") or None,
        "actor_unit": actor.get("unit") or None,
        "actor_assurance": actor.get("assurance") or None,
        "on_behalf_of": meta.get("on_behalf_of"),
        "channel": meta.get("channel"),
        "reason": meta.get("reason"),
        "correlation_id": meta.get("correlation_id"),
        "request_id": meta.get("request_id"),
        "changes": recorder.changes,
    }
