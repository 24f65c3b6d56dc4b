"""The virksom read model answers "consent to the plan in force on D" in SQL; it may only mirror
the one domain rule (`domain.facts.consent_in_force`). Hypothesis generates consent histories —
back-dated consents, expiries before and after D, back-dated withdrawals — and the SQL verdict
must equal the domain's `has_plan_consent(D)` on every reference date tried."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID, uuid4

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.rows import dict_row

from adapters.database import conninfo
from adapters.readmodels import virksom_queries as q
from application import commands as c
from domain.plan import OSLO
from tests.application.scenario import COORDINATOR, NO_OPTIONS, run
from tests.conftest import ReadModels

TODAY = datetime.now(OSLO).date()
OPENED = 300  # days ago


@dataclass(frozen=True)
class ConsentStory:
    given: int  # days ago
    lasts: int | None  # days it is valid from the day given (None: no end)
    withdrawn: int | None  # days ago (None: never withdrawn)


def at(days_ago: int) -> datetime:
    """Noon of that Oslo day, or now if today's noon is still to come (never in the future)."""
    day = TODAY - timedelta(days=days_ago)
    return min(datetime.combine(day, time(12), tzinfo=OSLO), datetime.now(OSLO))


consent_stories = st.builds(
    ConsentStory,
    given=st.integers(0, OPENED),
    lasts=st.none() | st.integers(0, OPENED),
    withdrawn=st.none() | st.integers(0, OPENED),
)


def record(rm: ReadModels, stories: list[ConsentStory]) -> UUID:
    opened = c.OpenPlan(
        municipality="5001",
        responsible_unit={"unit_id": "ke", "name": "KE"},
        subject={"name": "Ola Nordmann", "person_id": uuid4().hex},
        source="gp",
        effective_at=at(OPENED),
    )
    plan_id = rm.app.open_plan(COORDINATOR, opened, NO_OPTIONS).plan_id
    for story in stories:
        until = None if story.lasts is None else TODAY - timedelta(story.given - story.lasts)
        given = c.GiveConsent(
            scope="plan", given_by="user", valid_until=until, effective_at=at(story.given)
        )
        consent_id = str(run(rm.app, plan_id, given))
        if story.withdrawn is not None:
            withdrawal = c.WithdrawConsent(
                consent_id=consent_id, reason="Trakk samtykket", effective_at=at(story.withdrawn)
            )
            run(rm.app, plan_id, withdrawal)
    return plan_id


def edges(stories: list[ConsentStory]) -> set[int]:
    """The days (ago) on either side of every given, expiry and withdrawal day."""
    days: set[int] = set()
    for story in stories:
        marks = [story.given]
        if story.lasts is not None:
            marks.append(story.given - story.lasts)
        if story.withdrawn is not None:
            marks.append(story.withdrawn)
        days |= {d + step for d in marks for step in (-1, 0, 1)}
    return {d for d in days if 0 <= d <= OPENED}


def sql_has_consent(rm: ReadModels, plan_id: UUID, on: date) -> bool:
    question = q.Question("5001", on, datetime.now(UTC), q.Thresholds())
    with psycopg.connect(conninfo(rm.env), row_factory=dict_row, autocommit=True) as conn:
        rows = q.verdicts(conn, question, after=None, limit=100_000)
    return any(row["has_consent"] for row in rows if row["plan_id"] == plan_id)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stories=st.lists(consent_stories, min_size=1, max_size=3),
    days=st.lists(st.integers(0, OPENED), min_size=1, max_size=4, unique=True),
)
def test_the_sql_consent_verdict_mirrors_the_domain_rule(
    read_models: ReadModels, stories: list[ConsentStory], days: list[int]
) -> None:
    plan_id = record(read_models, stories)
    read_models.catch_up()
    plan = read_models.app.get_plan(plan_id, COORDINATOR)
    for days_ago in sorted(set(days) | edges(stories)):
        on = TODAY - timedelta(days=days_ago)
        assert sql_has_consent(read_models, plan_id, on) == plan.has_plan_consent(on), (on, stories)


def test_a_backdated_consent_that_expired_yesterday_is_out_of_force_in_both(
    read_models: ReadModels,
) -> None:
    story = ConsentStory(given=60, lasts=59, withdrawn=None)  # its last day was yesterday
    plan_id = record(read_models, [story])
    read_models.catch_up()
    plan = read_models.app.get_plan(plan_id, COORDINATOR)
    yesterday = TODAY - timedelta(days=1)
    assert plan.has_plan_consent(yesterday) and sql_has_consent(read_models, plan_id, yesterday)
    assert not plan.has_plan_consent(TODAY)
    assert not sql_has_consent(read_models, plan_id, TODAY)
