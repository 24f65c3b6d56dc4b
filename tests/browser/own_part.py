"""A plan of its own for the user's and participants' browser tests (so they do not change the
demo people's plans): a user, a nurse sharing the plan with a measure of her own, a physio
service's measure, a goal a professional formulated, a meeting the nurse attended and an
evaluation. Built in-process through the application, as the coordinating unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID, uuid4

from api.demo_people import DemoPerson
from application import commands as c
from application.service import WriteOptions
from domain.values import AssuranceLevel, Role
from tests.browser.conftest import Server
from tests.browser.test_plan_page import UNIT_ACTOR

NURSE_ORG = "Hjemmesykepleien Sør"


@dataclass(frozen=True)
class OwnPlan:
    plan_id: UUID
    user: DemoPerson
    nurse: DemoPerson
    own_measure: str
    other_measure: str


def own_plan(server: Server) -> OwnPlan:
    suffix = uuid4().hex[:6]
    user = DemoPerson(f"u-{suffix}", f"Ada Test {suffix}", Role.USER, "test", organisation="",
                      assurance=AssuranceLevel.HIGH)  # fmt: skip
    nurse = DemoPerson(f"n-{suffix}", f"Nora Pleier {suffix}", Role.SERVICE_PROVIDER, "test",
                       NURSE_ORG)  # fmt: skip
    app, options = server.planspor, WriteOptions()
    plan_id = app.open_plan(
        UNIT_ACTOR,
        c.OpenPlan(
            municipality="5001",
            responsible_unit={"unit_id": "ke", "name": "Koordinerende enhet"},
            subject={"name": user.name, "person_id": user.person_id},
            source="gp",
        ),
        options,
    ).plan_id

    def run(command: c.PlanCommand) -> str | None:
        return app.execute(plan_id, UNIT_ACTOR, command, options).created_id

    run(c.Decide(outcome="granted", complaint_information_given=True))
    run(c.GiveConsent(scope="plan", given_by="user"))
    participant = {"name": nurse.name, "person_id": nurse.person_id, "role": "service_provider",
                   "sector": "care", "organisation": NURSE_ORG}  # fmt: skip
    nurse_id = run(c.AddParticipant(participant=participant))
    until = date.today() + timedelta(days=60)
    run(c.GiveConsent(scope="sharing", given_by="user", participant_id=nurse_id, valid_until=until))
    run(c.AddGoal(text="Trene styrke to ganger i uka", formulated_by="professional",
                  user_agreement="pending"))  # fmt: skip
    own = run(c.AddMeasure(measure={"title": "Sårstell", "responsible_service": NURSE_ORG,
                                    "responsible_participant_id": nurse_id}))  # fmt: skip
    other = run(c.AddMeasure(measure={"title": "Fysioterapi", "responsible_service": "Fysio"}))
    attendee = {"name": nurse.name, "role": "service_provider", "person_id": nurse.person_id}
    meeting = {"user_attended": True, "agenda_prepared_with_user": True,
               "attendees": [attendee], "minutes": "Vi gikk gjennom målene."}  # fmt: skip
    run(c.HoldMeeting(meeting=meeting))
    run(c.HoldEvaluation(evaluation={"user_took_part": False, "outcome": "Planen fortsetter",
                                     "next_revision_on": until}))  # fmt: skip
    run(c.AgreeVersion(agreed_with_user=True, summary="Første versjon"))
    assert own and other
    return OwnPlan(plan_id, user, nurse, own, other)
