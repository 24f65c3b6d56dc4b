"""Evidence packs through the application, on the in-memory store and on PostgreSQL: a pack built
at a log position is rebuilt bit for bit after more events, including late corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from adapters.positions import PostgresPositions, position_index
from application import commands as c
from application.errors import PlanNotFoundError
from application.positions import ScanningPositions
from application.service import Planspor
from domain.errors import RuleViolation
from domain.evidence import Period, digest
from tests.application.scenario import COORDINATOR, open_plan, run, whole_life

PERIOD = Period(date.today() - timedelta(days=30), date.today())


def test_a_pack_rebuilt_at_its_position_has_the_same_hash_after_more_events(
    app: Planspor,
) -> None:
    app.positions = position_index(app)
    plan_id = whole_life(app)
    first = app.evidence_pack(plan_id, COORDINATOR, PERIOD)
    position = first.content["position"]
    assert first.sha256 == digest(first.content)

    yesterday = datetime.now(UTC) - timedelta(days=1)
    given = c.GiveConsent(scope="plan", given_by="user", effective_at=yesterday, reason="Muntlig")
    run(app, plan_id, given)  # the consent given yesterday, so content may be dated then
    run(
        app,
        plan_id,
        c.HoldMeeting(
            effective_at=yesterday,  # recorded now, dated back: a late correction
            meeting={"user_attended": False, "agenda_prepared_with_user": False},
        ),
    )
    run(app, plan_id, c.InformUser(about="right_to_complain"))

    again = app.evidence_pack(plan_id, COORDINATOR, PERIOD, position)
    assert (again.sha256, again.content) == (first.sha256, first.content)
    now = app.evidence_pack(plan_id, COORDINATOR, PERIOD)
    assert now.sha256 != first.sha256
    assert now.content["position"] > position
    assert [m["user_attended"] for m in now.content["meetings"]] == [True, False]
    assert "meeting_without_user" in {gap["flag"] for gap in now.content["missing"]}


def test_a_pack_cannot_be_built_beyond_the_log_or_before_the_plan(app: Planspor) -> None:
    app.positions = position_index(app)
    whole_life_for_another(app)
    before = app.recorder.max_notification_id() or 0
    plan_id = whole_life(app)
    head = app.recorder.max_notification_id() or 0
    with pytest.raises(RuleViolation) as beyond:
        app.evidence_pack(plan_id, COORDINATOR, PERIOD, head + 10)
    assert beyond.value.field == "position"
    with pytest.raises(PlanNotFoundError) as missing:
        app.evidence_pack(plan_id, COORDINATOR, PERIOD, before)
    assert missing.value.field == "position"


def test_the_postgres_index_and_the_log_scan_agree(pg_env: dict[str, str]) -> None:
    app = Planspor(env=pg_env)
    try:
        plan_id = whole_life(app)
        other = whole_life_for_another(app)
        head = app.recorder.max_notification_id() or 0
        postgres = position_index(app)
        assert isinstance(postgres, PostgresPositions)
        scan = ScanningPositions(app.recorder)  # the fallback the in-memory store uses
        for position in range(1, head + 1):
            for originator in (plan_id, other):
                assert postgres.version_at(originator, position) == scan.version_at(
                    originator, position
                )
    finally:
        app.close()


def whole_life_for_another(app: Planspor) -> UUID:
    plan_id = open_plan(app, national_id="01010012356")
    run(app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    return plan_id
