"""How the plan pages put the plan on a date into words: a correction recorded later is listed
with Norwegian labels and marks the item it concerns in both views."""

from __future__ import annotations

from api.complaint_schemas import PlanOnDateOut
from api.pages.history_on_date import label, shown
from application.complaints import PlanOnDate
from domain import bitemporal
from domain.plan import local_date
from tests.domain.builders import events_of, meta
from tests.domain.test_bitemporal import DAY, opened, recorded


def test_a_goal_revised_later_with_an_earlier_date_is_listed_and_marked() -> None:
    plan = opened(40)
    plan.give_consent(meta(ago=40 * DAY), scope="plan", given_by="user")
    goal_id = plan.add_goal(
        meta(ago=40 * DAY), text="Gå tur", formulated_by="user", user_agreement="agreed"
    )
    early = recorded(events_of(plan), 39)
    plan.revise_goal(
        meta("Rettet", ago=20 * DAY),
        goal_id=goal_id,
        text="Gå tur hver dag",
        user_agreement="agreed",
    )
    events = early + events_of(plan)
    day = local_date(meta().effective_at) - 10 * DAY
    effective, skipped = bitemporal.as_effective(events, day)
    view = PlanOnDate(day, 1, bitemporal.as_recorded(events, day), effective, skipped)

    page = shown(PlanOnDateOut.of(view))

    texts = {d["what"]: (d["recorded"], d["effective"]) for d in page["differences"]}
    assert texts["Mål «Gå tur hver dag», tekst"] == ("Gå tur", "Gå tur hver dag")
    assert goal_id in page["differing"]


def test_a_difference_path_is_named_in_words() -> None:
    names = {"m1": "Praktisk bistand"}
    assert label("measures.[m1].status", names) == "Tiltak «Praktisk bistand», status"
    assert label("next_revision_on", names) == "Neste revisjon"
    assert label("coordinator.name", names) == "Koordinator, navn"
