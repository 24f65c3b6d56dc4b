"""Demo plans of one unit over two years, so that a unit leader (Lise Leder, Hjemmetjenesten
Østbyen) has figures to read and the 12 quarter ends have a shape: one plan kept up all along,
one that went quiet, one started this autumn. Their coordinator is Per Hjemme, not a login."""

from __future__ import annotations

from collections.abc import Iterator

from api.demo_caseload import HOME_CARE, Step, _measure, in_days
from application import commands as c

PER = {"person_id": "k-300", "name": "Per Hjemme", "unit": "Hjemmetjenesten Østbyen"}


def _started(days: int) -> Iterator[Step]:
    yield Step(days, c.Decide(outcome="granted", complaint_information_given=True))
    yield Step(days - 1, c.GiveConsent(scope="plan", given_by="user", channel="meeting"))
    yield Step(days - 2, c.AppointCoordinator(coordinator=PER))
    yield Step(days - 3, c.AddGoal(text="Bo hjemme med trygghet", formulated_by="user",
                                   user_agreement="agreed"))  # fmt: skip


def _evaluation(days: int, next_in: int) -> Step:
    evaluation = {
        "user_took_part": True,
        "user_participation": "Til stede i møtet",
        "users_view": "Det går bedre nå",
        "outcome": "Planen videreføres",
        "next_revision_on": in_days(next_in),
    }
    return Step(days, c.HoldEvaluation(evaluation=evaluation))


def kept_up() -> Iterator[Step]:
    yield from _started(720)
    yield _measure(715, "Hjemmesykepleie morgen og kveld", "Hjemmesykepleien", None)
    yield Step(714, c.SetPeriod(starts_on=in_days(-714), ends_on=in_days(700),
                                next_revision_on=in_days(-530)))  # fmt: skip
    for days in (540, 360, 180, 20):
        yield _evaluation(days, 180 - days)


def gone_quiet() -> Iterator[Step]:
    yield from _started(480)
    yield _measure(475, "Dagsenter to dager i uka", "Dagsenteret", None)
    yield _evaluation(300, -120)


def new_this_autumn() -> Iterator[Step]:
    yield from _started(100)
    yield _measure(95, "Trygghetsalarm", "Hjemmetjenesten", None)
    yield _evaluation(30, 150)


PLANS = [
    ("kristin", {"name": "Kristin Vik", "person_id": "demo-12"}, list(kept_up())),
    ("omar", {"name": "Omar Ali", "person_id": "demo-13"}, list(gone_quiet())),
    ("berit", {"name": "Berit Lund", "person_id": "demo-14"}, list(new_this_autumn())),
]
UNIT = HOME_CARE
