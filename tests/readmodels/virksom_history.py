"""Plan histories for the virksom tests: effective times placed relative to a reference date D.

D lies ten days back because facts cannot lie in the future; `plan()` writes a history that is
virksom on D unless told otherwise, so each test changes one thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from application import commands as c
from application.service import Planspor
from domain.plan import OSLO
from tests.application.scenario import COORDINATOR, NO_OPTIONS, run

D = datetime.now(OSLO).date() - timedelta(days=10)


def at(days_before: int) -> datetime:
    """Noon (Oslo) `days_before` days before D: a negative number lies after D."""
    return datetime.combine(D - timedelta(days=days_before), time(12), tzinfo=OSLO)


def day(days_before: int) -> date:
    return D - timedelta(days=days_before)


@dataclass
class History:
    app: Planspor
    plan_id: UUID
    consent_id: str

    def do(self, command: c.PlanCommand) -> str | None:
        return run(self.app, self.plan_id, command)


def plan(
    app: Planspor,
    person: str,
    *,
    unit: str = "hj",
    granted: bool = True,
    coordinator: bool = True,
    work: bool = True,
    consent_until: date | None = None,
    meeting: int | None = 100,
    evaluation: tuple[int, int] | None = (60, -120),
    formulated_by: str = "user",
) -> History:
    """A plan virksom on D unless told otherwise; `evaluation` = (held, next revision) in days
    before D; `meeting` = days before D (user present)."""
    opened = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": unit, "name": f"Enhet {unit}"},
        subject={"name": "Ola Nordmann", "person_id": person},
        source="gp",
        effective_at=at(400),
    )
    plan_id = app.open_plan(COORDINATOR, opened, NO_OPTIONS).plan_id
    h = History(app, plan_id, "")
    if granted:
        h.do(c.Decide(outcome="granted", complaint_information_given=True, effective_at=at(395)))
    given = c.GiveConsent(scope="plan", given_by="user", valid_until=consent_until)
    h.consent_id = str(h.do(given.model_copy(update={"effective_at": at(390)})))
    if consent_until is not None and consent_until < datetime.now(OSLO).date():
        h.do(c.GiveConsent(scope="plan", given_by="user"))  # today: content needs a consent now
    if coordinator:
        person_ref = {"person_id": "k-100", "name": "Kari"}
        h.do(c.AppointCoordinator(coordinator=person_ref, effective_at=at(380)))
    if work:
        agreement = "agreed" if formulated_by == "user" else "pending"
        goal = c.AddGoal(text="Gå tur", formulated_by=formulated_by, user_agreement=agreement)
        h.do(goal.model_copy(update={"effective_at": at(370)}))
        measure = {"title": "Fysioterapi", "responsible_service": "Fysio"}
        h.do(c.AddMeasure(measure=measure, effective_at=at(360)))
    if meeting is not None:
        h.do(hold_meeting(meeting, user_attended=True))
    if evaluation is not None:
        h.do(evaluate(*evaluation))
    return h


def hold_meeting(days_before: int, *, user_attended: bool) -> c.HoldMeeting:
    meeting = {"user_attended": user_attended, "agenda_prepared_with_user": True}
    return c.HoldMeeting(meeting=meeting, effective_at=at(days_before))


def evaluate(held: int, next_revision: int) -> c.HoldEvaluation:
    evaluation = {
        "user_took_part": True,
        "outcome": "Videre",
        "next_revision_on": day(next_revision),
    }
    return c.HoldEvaluation(evaluation=evaluation, effective_at=at(held))
