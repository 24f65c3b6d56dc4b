"""Demo data: a few realistic plans in Trondheim (5001), in the states a coordinator meets.

Every step carries an idempotency key, so loading the demo twice changes nothing. Names are
fictional and the users are identified by local ids, not identity numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from adapters.auth import actor_from_claims
from api import demo_caseload, demo_complaints, demo_units
from api.demo_caseload import Step
from api.demo_people import BY_ID
from application import commands as c
from application.commands import complaints as cc
from application.service import Planspor, WriteOptions
from domain.values import Actor

MUNICIPALITY = "5001"
COORDINATOR = Actor(  # the coordinating unit's caseworker, who records the demo plans
    person_id="ke-1",
    name="Siri Systemkoordinator",
    role="coordinating_unit",
    municipality=MUNICIPALITY,
    organisation="Trondheim kommune",
    unit="Helse og velferd, Østbyen",
    assurance="idporten-loa-substantial",
)
JONAS = Actor(person_id="demo-3", name="Jonas Haugen", role="user", municipality=MUNICIPALITY)
HANDLER = Actor(
    person_id="kb-1",
    name="Kim Klagebehandler",
    role="complaint_handler",
    municipality=MUNICIPALITY,
    organisation="Trondheim kommune",
    unit="Klagenemnda",
)
KE = {"unit_id": "ke-5001", "name": "Koordinerende enhet, Trondheim kommune"}
HOME_CARE = {"unit_id": "hjem-ost", "name": "Hjemmetjenesten Østbyen"}


class DemoLoader:
    def __init__(self, planspor: Planspor) -> None:
        self.planspor = planspor

    def load(self) -> list[UUID]:
        plan_ids = [self._plan(key, subject, steps) for key, subject, steps in PLANS]
        self._complaint(plan_ids[2])
        by_key = {key: plan_id for (key, _, _), plan_id in zip(PLANS, plan_ids, strict=True)}
        demo_complaints.load(self.planspor, HANDLER, by_key, self._options)
        for key, subject, steps in demo_units.PLANS:
            plan_ids.append(self._plan(key, subject, steps, demo_units.UNIT))
        return plan_ids

    def _complaint(self, plan_id: UUID) -> UUID:
        """Jonas complains that he was not heard; the complaint handler has reviewed it and put
        the evidence on file, ready to forward to Statsforvalteren."""
        filing = cc.FileComplaint(
            plan_id=plan_id,
            grounds=["lack_of_user_participation"],
            complainants_words="Målet om jobb er ikke mitt. Ingen spurte meg før evalueringen.",
            knew_on=_in(-10),
            period={"from": _in(-800), "to": _in(-1)},
            signed=True,
        )
        options = self._options("jonas-klage", 0)
        complaint_id = self.planspor.file_complaint(JONAS, filing, options).plan_id
        review = cc.ReviewComplaint(outcome="maintained", reason="Planen er laget i samråd")
        self.planspor.complaint_step(complaint_id, HANDLER, review, self._options("jonas-klage", 1))
        attach = cc.AttachEvidence()
        self.planspor.attach_evidence(
            complaint_id, HANDLER, attach, self._options("jonas-klage", 2)
        )
        return complaint_id

    def _plan(
        self, key: str, subject: dict[str, Any], steps: list[Step], unit: dict[str, str] = KE
    ) -> UUID:
        opening = c.OpenPlan(
            municipality=MUNICIPALITY,
            responsible_unit=unit,
            subject=subject,
            source="gp",
            effective_at=_ago(steps[0].days_ago + 7),
            description="Melding om behov for langvarige, koordinerte tjenester",
        )
        plan_id = self.planspor.open_plan(COORDINATOR, opening, self._options(key, 0)).plan_id
        created: dict[str, str] = {}
        for number, step in enumerate(steps, start=1):
            command = _resolve(step, created)
            actor = actor_from_claims(BY_ID[step.by].claims()) if step.by else COORDINATOR
            result = self.planspor.execute(plan_id, actor, command, self._options(key, number))
            if result.created_id:
                created[type(step.command).__name__] = result.created_id
        return plan_id

    @staticmethod
    def _options(key: str, number: int) -> WriteOptions:
        return WriteOptions(idempotency_key=f"demo:{key}:{number}", fingerprint=f"demo:{key}")


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def _resolve(step: Step, created: dict[str, str]) -> c.PlanCommand:
    """Fill in ids of things created by earlier steps (`$AddGoal` → that goal's id)."""
    data = step.command.model_dump(exclude_unset=True) | {"effective_at": _ago(step.days_ago)}
    return type(step.command).model_validate(_substitute(data, created))


def _substitute(value: Any, created: dict[str, str]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return created[value[1:]]
    if isinstance(value, dict):
        return {k: _substitute(v, created) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, created) for v in value]
    return value


def _in(days: int) -> date:
    return date.today() + timedelta(days=days)


def _active_plan() -> Iterator[Step]:
    yield Step(120, c.InformUser(channel="meeting"))
    yield Step(
        118,
        c.Decide(
            outcome="granted", decision_reference="2026/4411", complaint_information_given=True
        ),
    )
    yield Step(115, c.GiveConsent(scope="plan", given_by="user", channel="meeting"))
    yield Step(114, c.AssignCoordinatorResponsibility(unit=HOME_CARE))
    yield Step(
        110,
        c.AppointCoordinator(
            coordinator={
                "person_id": "k-100",
                "name": "Kari Koordinator",
                "unit": "Hjemmetjenesten Østbyen",
            }
        ),
    )
    yield Step(
        108,
        c.AddParticipant(
            participant={
                "name": "Nina Sykepleier",
                "person_id": "tp-1",
                "role": "service_provider",
                "sector": "care",
                "organisation": "Hjemmesykepleien Østbyen",
                "contribution": "Medisinering morgen og kveld",
            }
        ),
    )
    yield Step(
        108,
        c.GiveConsent(
            scope="sharing", given_by="user", participant_id="$AddParticipant", valid_until=_in(250)
        ),
    )
    yield Step(
        100,
        c.RecordMapping(
            users_words="Det viktigste for meg er å bo hjemme og gå tur "
            "med hunden, og å slippe å forklare alt på nytt."
        ),
    )
    yield Step(
        100,
        c.AddGoal(text="Gå tur med Bamse hver dag", formulated_by="user", user_agreement="agreed"),
    )
    yield Step(
        99,
        c.AddMeasure(
            measure={
                "title": "Fysioterapi i hjemmet",
                "responsible_service": "Fysioterapitjenesten",
                "responsible_person": "Per Fysio",
                "scope": "1 time per uke",
                "how": "Gangtrening ute",
                "due_date": _in(60),
                "goal_ids": ["$AddGoal"],
            }
        ),
    )
    yield Step(
        99,
        c.AddMeasure(
            measure={
                "title": "Medisinering morgen og kveld",
                "responsible_service": "Hjemmesykepleien Østbyen",
                "responsible_person": "Nina Sykepleier",
                "responsible_participant_id": "$AddParticipant",
                "scope": "2 besøk per dag",
                "how": "Nina kommer hjem til Aksel",
            }
        ),
    )
    yield Step(95, c.ReportMeasure(measure_id="$AddMeasure", report="started"), by="tp-1")
    yield Step(90, c.SetPeriod(starts_on=_in(-90), ends_on=_in(640), next_revision_on=_in(90)))
    yield Step(
        60,
        c.HoldMeeting(
            channel="meeting",
            meeting={
                "user_attended": True,
                "agenda_prepared_with_user": True,
                "attendees": [
                    {"name": "Aksel Berg", "role": "user"},
                    {"name": "Nina Sykepleier", "role": "service_provider", "person_id": "tp-1"},
                ],
                "minutes": "Gjennomgang av mål og tiltak.",
                "decisions": [{"text": "Fysioterapi starter neste uke", "goal_ids": ["$AddGoal"]}],
            },
        ),
    )
    yield Step(
        59,
        c.AddToMinutes(meeting_id="$HoldMeeting", text="Aksel tar medisinene selv om kvelden."),
        by="tp-1",
    )
    yield Step(
        50,
        c.RecordContribution(contribution="Medisiner morgen og kveld, og blodtrykk hver uke"),
        by="tp-1",
    )
    yield Step(
        30,
        c.HoldEvaluation(
            channel="meeting",
            evaluation={
                "user_took_part": True,
                "user_participation": "Til stede, ledet deler av møtet",
                "users_view": "Turene går lenger nå.",
                "outcome": "Planen videreføres",
                "next_revision_on": _in(150),
            },
        ),
    )
    yield Step(
        30,
        c.AddGoal(
            text="Trene styrke to ganger i uka",
            formulated_by="professional",
            user_agreement="pending",
        ),
    )
    yield Step(
        29,
        c.AnswerGoal(
            goal_id="$AddGoal", agreement="disagreed", comment="Én gang i uka holder for meg."
        ),
        by="demo-1",
    )
    yield Step(
        29,
        c.AddEvaluationView(
            evaluation_id="$HoldEvaluation",
            users_view="Turene går lenger nå. Jeg vil gå i skogen også.",
            took_part=True,
        ),
        by="demo-1",
    )
    yield Step(29, c.AgreeVersion(agreed_with_user=True, summary="Revidert etter evaluering"))
    yield Step(
        28,
        c.DeliverVersion(
            number=1, recipient={"name": "Aksel Berg", "role": "user"}, delivery_channel="digital"
        ),
    )
    yield Step(
        2,
        c.InviteToMeeting(
            meets_on=_in(14),
            place="Helsehuset Østbyen",
            agenda="Hvordan går det med turene og medisinene?",
            participant_ids=["$AddParticipant"],
        ),
    )
    yield Step(
        1,
        c.LimitConsent(consent_id="$GiveConsent", valid_until=_in(200)),
        by="demo-1",
    )
    yield Step(
        1,
        c.ReportMeasure(
            measure_id="$AddMeasure", report="not_delivered", reason="Syk, besøket ble avlyst"
        ),
        by="tp-1",
    )
    yield Step(
        1,
        c.AnswerInvitation(invitation_id="$InviteToMeeting", answer="coming"),
        by="tp-1",
    )


def _waiting_for_coordinator() -> Iterator[Step]:
    yield Step(45, c.Decide(outcome="granted", complaint_information_given=True))
    yield Step(
        44,
        c.GiveConsent(
            scope="plan",
            given_by="representative",
            representative={
                "name": "Eva Lie",
                "basis": "parental_responsibility",
                "person_id": "pa-1",
            },
        ),
    )
    yield Step(40, c.AssignCoordinatorResponsibility(unit=HOME_CARE))
    yield Step(
        30,
        c.RecordCoordinatorDeclined(
            person={"person_id": "k-207", "name": "Ola Ansatt"}, reason="Har allerede 30 planer"
        ),
    )


def _overdue_evaluation() -> Iterator[Step]:
    yield Step(800, c.GiveConsent(scope="plan", given_by="user"))
    yield Step(
        799, c.AppointCoordinator(coordinator={"person_id": "k-100", "name": "Kari Koordinator"})
    )
    yield Step(
        790,
        c.AddGoal(
            text="Komme i jobb på arbeidsmarkedstiltak",
            formulated_by="professional",
            user_agreement="pending",
        ),
    )
    yield Step(
        420,
        c.HoldEvaluation(
            evaluation={
                "user_took_part": False,
                "outcome": "Videreføres uendret",
                "next_revision_on": _in(-55),
            }
        ),
    )


def _consent_withdrawn() -> Iterator[Step]:
    yield Step(200, c.GiveConsent(scope="plan", given_by="user"))
    yield Step(150, c.RecordNeed(description="Hjelp til å handle"))
    yield Step(
        20,
        c.WithdrawConsent(consent_id="$GiveConsent", reason="Ønsker ikke at opplysninger deles nå"),
    )


def _closed() -> Iterator[Step]:
    yield Step(500, c.GiveConsent(scope="plan", given_by="user"))
    yield Step(300, c.Close(reason="Behovet for koordinerte tjenester er falt bort"))


PLANS: list[tuple[str, dict[str, Any], list[Step]]] = [
    ("aksel", {"name": "Aksel Berg", "person_id": "demo-1"}, list(_active_plan())),
    ("ingrid", {"name": "Ingrid Lie", "person_id": "demo-2"}, list(_waiting_for_coordinator())),
    ("jonas", {"name": "Jonas Haugen", "person_id": "demo-3"}, list(_overdue_evaluation())),
    ("maja", {"name": "Maja Solberg", "person_id": "demo-4"}, list(_consent_withdrawn())),
    ("nils", {"name": "Nils Dahl", "person_id": "demo-5"}, list(_closed())),
    *demo_caseload.PLANS,
]
