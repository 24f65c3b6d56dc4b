"""Virksomme planer: each criterion on its own, the edge dates, and "as known at" (domain.md §5).

Histories (tests/readmodels/virksom_history.py) place effective times relative to a reference
date D; the read model catches up, and the query judges D as known at T.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from adapters.database import conninfo
from adapters.readmodels import virksom_queries as q
from api.virksom_verdicts import PlanVerdictOut
from application import commands as c
from domain.plan import OSLO
from tests.conftest import ReadModels
from tests.readmodels.virksom_history import D, at, day, hold_meeting, plan


def verdicts(
    rm: ReadModels, on: date = D, known_at: datetime | None = None, **days: int
) -> dict[UUID, PlanVerdictOut]:
    rm.catch_up()
    question = q.Question("5001", on, known_at or datetime.now(UTC), q.Thresholds(**days))
    with psycopg.connect(conninfo(rm.env), row_factory=dict_row, autocommit=True) as conn:
        rows = q.verdicts(conn, question, after=None, limit=1000)
    return {row["plan_id"]: PlanVerdictOut.of(row) for row in rows}


def failing(verdict: PlanVerdictOut) -> dict[str, list[str]]:
    """Each failed criterion with its reason codes."""
    return {
        criterion.code: [reason.code for reason in criterion.reasons]
        for criterion in verdict.criteria
        if not criterion.passed
    }


def counts(rm: ReadModels, unit_id: str | None = None) -> list[dict[str, Any]]:
    rm.catch_up()
    question = q.Question("5001", D, datetime.now(UTC), q.Thresholds(), unit_id=unit_id)
    with psycopg.connect(conninfo(rm.env), row_factory=dict_row, autocommit=True) as conn:
        return q.counts(conn, question)


def test_a_plan_that_meets_all_three_criteria_is_virksom(read_models: ReadModels) -> None:
    h = plan(read_models.app, "p-1")
    verdict = verdicts(read_models)[h.plan_id]
    assert verdict.virksom
    assert failing(verdict) == {}
    assert verdict.status is None
    # versions: 1 opened, 2 granted, 3 consent, 4 coordinator, 5 goal, 6 measure, 7 meeting, 8 eval
    deciding = {crit.code: [fact.version for fact in crit.facts] for crit in verdict.criteria}
    assert deciding == {"started": [4, 3, 5], "in_active_use": [8], "updated": [8, 8]}
    assert (verdict.updated_on, verdict.next_revision_on) == (day(60), day(-120))


def test_each_criterion_fails_on_its_own(read_models: ReadModels) -> None:
    app = read_models.app
    cases = {
        plan(app, "p-1", coordinator=False).plan_id: {"started": ["no_coordinator"]},
        plan(app, "p-2", work=False).plan_id: {"started": ["no_goal_or_measure"]},
        plan(app, "p-3", consent_until=day(1)).plan_id: {"started": ["consent_expired"]},
        plan(app, "p-4", meeting=None, evaluation=(200, -100)).plan_id: {
            "in_active_use": ["no_activity"]
        },
        plan(app, "p-5", meeting=10, evaluation=(366, -10)).plan_id: {"updated": ["no_update"]},
        plan(app, "p-6", evaluation=(100, 31)).plan_id: {"updated": ["revision_overdue"]},
        plan(app, "p-7", meeting=10, evaluation=None).plan_id: {
            "updated": ["no_update", "no_revision_date"]
        },
    }
    withdrawn = plan(app, "p-8")
    withdrawn.do(
        c.WithdrawConsent(consent_id=withdrawn.consent_id, reason="Vil ikke", effective_at=at(5))
    )
    cases[withdrawn.plan_id] = {"started": ["consent_withdrawn"]}
    left = plan(app, "p-9")
    left.do(c.RecordCoordinatorWithdrew(reason="Sluttet", effective_at=at(5)))
    cases[left.plan_id] = {"started": ["coordinator_withdrew"]}
    found = verdicts(read_models)
    assert {plan_id: failing(found[plan_id]) for plan_id in cases} == cases
    assert not any(found[plan_id].virksom for plan_id in cases)


def test_changes_after_the_reference_date_do_not_count(read_models: ReadModels) -> None:
    h = plan(read_models.app, "p-1")
    read_models.catch_up()  # the withdrawal comes in a later batch: the consent id is remembered
    h.do(c.RecordCoordinatorWithdrew(reason="Sluttet", effective_at=at(-5)))
    h.do(c.WithdrawConsent(consent_id=h.consent_id, reason="Vil ikke", effective_at=at(-5)))
    assert verdicts(read_models)[h.plan_id].virksom
    assert failing(verdicts(read_models, on=day(-6))[h.plan_id])["started"] == [
        "coordinator_withdrew",
        "consent_withdrawn",
    ]


def test_edge_dates_count_inclusively(read_models: ReadModels) -> None:
    app = read_models.app
    expected = {
        plan(app, "p-1", meeting=None, evaluation=(180, -100)).plan_id: True,  # window edge
        plan(app, "p-2", meeting=None, evaluation=(181, -100)).plan_id: False,
        plan(app, "p-3", meeting=10, evaluation=(365, -10)).plan_id: True,  # interval edge
        plan(app, "p-4", meeting=10, evaluation=(366, -10)).plan_id: False,
        plan(app, "p-5", evaluation=(100, 30)).plan_id: True,  # overdue by exactly the grace
        plan(app, "p-6", evaluation=(100, 31)).plan_id: False,
        plan(app, "p-7", consent_until=D).plan_id: True,  # consent runs through D
    }
    found = verdicts(read_models)
    assert {plan_id: found[plan_id].virksom for plan_id in expected} == expected


def test_thresholds_can_be_overridden_per_question(read_models: ReadModels) -> None:
    h = plan(read_models.app, "p-1", meeting=None, evaluation=(200, -100))
    assert not verdicts(read_models)[h.plan_id].virksom
    assert verdicts(read_models, activity_window_days=200)[h.plan_id].virksom


def test_an_agreed_version_counts_as_an_update_and_a_period_sets_the_revision_date(
    read_models: ReadModels,
) -> None:
    app = read_models.app
    agreed, not_agreed = plan(app, "p-1", evaluation=None), plan(app, "p-2", evaluation=None)
    for h, with_user in ((agreed, True), (not_agreed, False)):
        h.do(c.AgreeVersion(agreed_with_user=with_user, effective_at=at(50)))
        h.do(c.SetPeriod(starts_on=day(50), next_revision_on=day(-60), effective_at=at(50)))
    overdue = plan(app, "p-3", evaluation=(100, 31))
    overdue.do(c.SetPeriod(starts_on=day(20), next_revision_on=day(-60), effective_at=at(20)))
    found = verdicts(read_models)
    assert found[agreed.plan_id].virksom
    assert failing(found[not_agreed.plan_id]) == {"updated": ["no_update"]}
    assert found[overdue.plan_id].virksom
    assert found[overdue.plan_id].next_revision_on == day(-60)


def test_closed_suspended_and_refused_plans_are_not_virksom(read_models: ReadModels) -> None:
    app = read_models.app
    closed, suspended = plan(app, "p-1"), plan(app, "p-2")
    closed.do(c.Close(reason="Flyttet", effective_at=at(5)))
    closed.do(c.Reopen(reason="Flyttet tilbake"))  # today: after D
    suspended.do(c.Suspend(reason="Institusjon", effective_at=at(5)))
    refused = plan(app, "p-3", granted=False, work=False, meeting=None, evaluation=None)
    refused.do(
        c.Decide(
            outcome="refused", complaint_information_given=True, reason="Ikke behov"
        ).model_copy(update={"effective_at": at(5)})
    )
    found = verdicts(read_models)
    for h, status in ((closed, "closed"), (suspended, "suspended"), (refused, "refused")):
        verdict = found[h.plan_id]
        assert (verdict.virksom, verdict.status and verdict.status.code) == (False, status)
        assert verdict.status_fact is not None and verdict.status_fact.version > 1
    assert failing(found[closed.plan_id]) == {}  # the criteria hold; the status fails it
    today = datetime.now(OSLO).date()
    assert verdicts(read_models, on=today)[closed.plan_id].status is None


def test_a_plan_opened_after_the_reference_date_is_not_counted(read_models: ReadModels) -> None:
    h = plan(read_models.app, "p-1")
    assert h.plan_id not in verdicts(read_models, on=day(401))
    assert h.plan_id in verdicts(read_models, on=day(400))
    (total,) = counts(read_models)[:1]
    assert (total["plans"], total["virksom"]) == (1, 1)


def test_known_at_reproduces_a_figure_after_a_backdated_correction(
    read_models: ReadModels,
) -> None:
    h = plan(read_models.app, "p-1")
    reported = datetime.now(UTC)
    h.do(c.RecordCoordinatorWithdrew(reason="Rettet: sluttet i fjor", effective_at=at(30)))
    later = datetime.now(UTC)
    assert verdicts(read_models, known_at=reported)[h.plan_id].virksom
    assert failing(verdicts(read_models, known_at=later)[h.plan_id]) == {
        "started": ["coordinator_withdrew"]
    }
    assert verdicts(read_models, known_at=reported)[h.plan_id].virksom  # and still is


def test_counts_per_unit_with_quality_figures(read_models: ReadModels) -> None:
    app = read_models.app
    plan(app, "p-1", unit="a")
    by_professional = plan(app, "p-2", unit="a", formulated_by="professional")
    by_professional.do(hold_meeting(20, user_attended=False))
    plan(app, "p-3", unit="b", coordinator=False)
    without_consent = plan(app, "p-4", unit="b", evaluation=(100, 31))
    without_consent.do(
        c.WithdrawConsent(consent_id=without_consent.consent_id, reason="Nei", effective_at=at(5))
    )
    closed = plan(app, "p-5", unit="b")
    closed.do(c.Close(reason="Ferdig", effective_at=at(5)))
    total, unit_a, unit_b = counts(read_models)
    assert (total["total"], unit_a["unit_id"], unit_b["unit_id"]) == (True, "a", "b")
    assert unit_a["unit_name"] == "Enhet a"
    figures = ("plans", "virksom", "started", "in_active_use", "updated", "closed")
    assert [total[k] for k in figures] == [4, 2, 2, 4, 3, 1]
    assert [unit_a[k] for k in figures] == [2, 2, 2, 2, 2, 0]
    assert [unit_b[k] for k in figures] == [2, 0, 0, 2, 1, 1]
    quality = ("with_consent", "goals", "goals_by_user", "revisions_on_time")
    assert [total[k] for k in quality] == [3, 4, 3, 3]
    assert (total["meetings"], total["meetings_with_user"]) == (5, 4)
    (only_b,) = counts(read_models, unit_id="b")[1:]
    assert only_b == unit_b
