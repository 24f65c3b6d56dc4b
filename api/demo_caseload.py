"""More demo plans, so that a coordinator's morning looks like one: Kari Koordinator's and Ola
Ansatt's caseloads, with a plan in every state the worklists and the nine points can show
(overdue measure, measure waiting for a decision, suspended, dormant, complete, brand new)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from application import commands as c

HOME_CARE = {"unit_id": "hjem-ost", "name": "Hjemmetjenesten Østbyen"}
KARI = {"person_id": "k-100", "name": "Kari Koordinator", "unit": "Hjemmetjenesten Østbyen"}
OLA = {"person_id": "k-207", "name": "Ola Ansatt", "unit": "Hjemmetjenesten Østbyen"}


@dataclass
class Step:
    days_ago: int
    command: c.PlanCommand
    by: str = ""  # a demo person (api/demo_people.py) who does it; else the coordinating unit


def in_days(days: int) -> date:
    return date.today() + timedelta(days=days)


def _started(days: int, coordinator: dict[str, str]) -> Iterator[Step]:
    """Granted, consented and coordinated `days` ago."""
    yield Step(days, c.Decide(outcome="granted", complaint_information_given=True))
    yield Step(days - 1, c.GiveConsent(scope="plan", given_by="user", channel="meeting"))
    yield Step(days - 2, c.AssignCoordinatorResponsibility(unit=HOME_CARE))
    yield Step(days - 3, c.AppointCoordinator(coordinator=coordinator))


def _measure(days: int, title: str, service: str, due: int | None, how: str = "") -> Step:
    measure: dict[str, Any] = {"title": title, "responsible_service": service, "how": how}
    if due is not None:
        measure["due_date"] = in_days(due)
    return Step(days, c.AddMeasure(measure=measure))


def overdue_measure() -> Iterator[Step]:
    yield from _started(200, KARI)
    yield Step(
        190,
        c.AddGoal(
            text="Klare meg selv på kjøkkenet", formulated_by="user", user_agreement="agreed"
        ),
    )
    yield _measure(188, "Ergoterapi: tilpasset kjøkken", "Ergoterapitjenesten", -20, "Hjemmebesøk")
    yield Step(160, c.ChangeMeasureStatus(measure_id="$AddMeasure", status="applied_for"))
    yield Step(150, c.ChangeMeasureStatus(measure_id="$AddMeasure", status="granted"))
    yield Step(120, c.ChangeMeasureStatus(measure_id="$AddMeasure", status="started"))
    yield Step(
        100,
        c.SetPeriod(starts_on=in_days(-100), ends_on=in_days(265), next_revision_on=in_days(21)),
    )


def waiting_for_decision() -> Iterator[Step]:
    yield from _started(90, KARI)
    yield Step(86, c.AppointDeputy(deputy=OLA))
    yield Step(80, c.RecordNeed(description="Trenger hjelp til å komme seg ut av huset"))
    yield _measure(41, "Støttekontakt", "Tildelingskontoret", None)
    yield Step(40, c.ChangeMeasureStatus(measure_id="$AddMeasure", status="applied_for"))


def suspended() -> Iterator[Step]:
    yield from _started(300, KARI)
    yield Step(60, c.Suspend(reason="Innlagt på sykehus i lengre tid"))


def dormant() -> Iterator[Step]:
    yield from _started(260, KARI)
    yield Step(230, c.RecordMapping(users_words="Jeg vil bare ha fred og ro."))
    yield Step(
        229,
        c.SetPeriod(starts_on=in_days(-229), ends_on=in_days(500), next_revision_on=in_days(40)),
    )


def complete() -> Iterator[Step]:
    """All nine points covered."""
    yield from _started(150, OLA)
    participant = {
        "name": "Frode Fysio",
        "role": "service_provider",
        "sector": "health",
        "organisation": "Fysioterapitjenesten",
        "contribution": "Trening to ganger i uka",
    }
    yield Step(146, c.AddParticipant(participant=participant))
    yield Step(
        146,
        c.GiveConsent(
            scope="sharing",
            given_by="user",
            participant_id="$AddParticipant",
            valid_until=in_days(200),
        ),
    )
    yield Step(
        145, c.AddGoal(text="Gå til butikken alene", formulated_by="user", user_agreement="agreed")
    )
    yield Step(145, c.RecordResource(description="Sterk vilje og en god nabo"))
    yield Step(145, c.RecordNeed(description="Trening av gangfunksjon"))
    yield _measure(144, "Gangtrening", "Fysioterapitjenesten", 90, "Ute, med rullator")
    yield Step(
        143, c.RecordCooperationPartner(partner={"organisation": "Nav Østbyen", "sector": "nav"})
    )
    yield Step(
        140,
        c.SetPeriod(starts_on=in_days(-140), ends_on=in_days(225), next_revision_on=in_days(45)),
    )


def just_received() -> Iterator[Step]:
    yield Step(3, c.InformUser(channel="phone"))


PLANS: list[tuple[str, dict[str, Any], list[Step]]] = [
    ("sofie", {"name": "Sofie Nilsen", "person_id": "demo-6"}, list(overdue_measure())),
    ("emil", {"name": "Emil Strand", "person_id": "demo-7"}, list(waiting_for_decision())),
    ("hanne", {"name": "Hanne Moe", "person_id": "demo-8"}, list(suspended())),
    ("tor", {"name": "Tor Aas", "person_id": "demo-9"}, list(dormant())),
    ("lea", {"name": "Lea Bakken", "person_id": "demo-10"}, list(complete())),
    ("amir", {"name": "Amir Hassan", "person_id": "demo-11"}, list(just_received())),
]
