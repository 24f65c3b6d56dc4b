"""A realistic plan life, written once, used by the application and API tests."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from application import commands as c
from application.service import Planspor, WriteOptions
from domain.values import Actor

COORDINATOR = Actor(
    person_id="k-100",
    name="Kari Koordinator",
    role="coordinating_unit",
    municipality="5001",
    organisation="Trondheim kommune",
    unit="Helse øst",
    assurance="idporten-loa-substantial",
)
OTHER_MUNICIPALITY = Actor(
    person_id="k-900", name="Per Persen", role="coordinator", municipality="0301"
)
NO_OPTIONS = WriteOptions()


def open_plan(app: Planspor, national_id: str = "15076500565") -> UUID:
    command = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
        subject={"name": "Ola Nordmann", "national_id": national_id},
        source="gp",
        description="Melding om behov fra fastlegen",
    )
    return app.open_plan(COORDINATOR, command, NO_OPTIONS).plan_id


def run(app: Planspor, plan_id: UUID, command: c.PlanCommand) -> str | None:
    return app.execute(plan_id, COORDINATOR, command, NO_OPTIONS).created_id


def whole_life(app: Planspor) -> UUID:
    """Open, consent, coordinator, goals, measures, meeting, evaluation, version, close, reopen."""
    plan_id = open_plan(app)
    run(app, plan_id, c.InformUser(channel="meeting"))
    run(
        app,
        plan_id,
        c.Decide(outcome="granted", decision_reference="2026/77", complaint_information_given=True),
    )
    run(app, plan_id, c.GiveConsent(scope="plan", given_by="user", channel="meeting"))
    run(app, plan_id, c.AssignCoordinatorResponsibility(unit={"unit_id": "hj", "name": "Hjemme"}))
    run(app, plan_id, c.AppointCoordinator(coordinator={"person_id": "k-100", "name": "Kari"}))
    nurse = run(
        app,
        plan_id,
        c.AddParticipant(
            participant={
                "name": "Nina",
                "role": "service_provider",
                "sector": "care",
                "contribution": "Medisiner",
            }
        ),
    )
    run(
        app,
        plan_id,
        c.GiveConsent(
            scope="sharing",
            given_by="user",
            participant_id=nurse,
            valid_until=date.today() + timedelta(days=365),
        ),
    )
    run(app, plan_id, c.RecordMapping(users_words="Å bo hjemme og gå tur med hunden"))
    goal = run(
        app,
        plan_id,
        c.AddGoal(text="Gå tur med hunden hver dag", formulated_by="user", user_agreement="agreed"),
    )
    measure = run(
        app,
        plan_id,
        c.AddMeasure(
            measure={
                "title": "Fysioterapi",
                "responsible_service": "Fysioterapitjenesten",
                "goal_ids": [goal],
                "due_date": date.today() + timedelta(days=60),
            }
        ),
    )
    run(app, plan_id, c.ChangeMeasureStatus(measure_id=str(measure), status="applied_for"))
    run(
        app,
        plan_id,
        c.ChangeMeasureStatus(
            measure_id=str(measure), status="granted", decision_reference="2026/78"
        ),
    )
    run(
        app,
        plan_id,
        c.SetPeriod(starts_on=date.today(), next_revision_on=date.today() + timedelta(days=180)),
    )
    run(
        app,
        plan_id,
        c.HoldMeeting(
            meeting={
                "user_attended": True,
                "agenda_prepared_with_user": True,
                "attendees": [{"name": "Ola Nordmann", "role": "user"}],
                "decisions": [
                    {"text": "Starte fysioterapi", "goal_ids": [goal], "measure_ids": [measure]}
                ],
            }
        ),
    )
    run(
        app,
        plan_id,
        c.HoldEvaluation(
            evaluation={
                "user_took_part": True,
                "users_view": "Det går bedre",
                "outcome": "Videreføres",
                "next_revision_on": date.today() + timedelta(days=200),
            }
        ),
    )
    number = run(app, plan_id, c.AgreeVersion(agreed_with_user=True, summary="Første versjon"))
    run(
        app,
        plan_id,
        c.DeliverVersion(
            number=int(str(number)),
            recipient={"name": "Ola", "role": "user"},
            delivery_channel="digital",
        ),
    )
    run(app, plan_id, c.Close(reason="Flyttet fra kommunen"))
    run(app, plan_id, c.Reopen(reason="Flyttet tilbake"))
    return plan_id
