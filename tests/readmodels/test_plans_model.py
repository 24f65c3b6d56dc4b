"""Current plans: status, coordinator and completeness against the nine points, from events."""

from __future__ import annotations

from application import commands as c
from tests.application.scenario import COORDINATOR, open_plan, run, whole_life
from tests.conftest import ReadModels


def test_current_plan_row_follows_the_plans_life(read_models: ReadModels) -> None:
    plan_id = whole_life(read_models.app)
    read_models.catch_up()
    (row,) = read_models.query("SELECT * FROM rm_plans_plans WHERE plan_id = %s", plan_id)
    assert row["status"] == "granted"
    assert row["coordinator_id"] == "k-100"
    assert (row["goals"], row["measures"], row["meetings"], row["evaluations"]) == (1, 1, 1, 1)
    assert row["meetings_with_user"] == 1
    assert row["version"] == read_models.app.get_plan(plan_id, COORDINATOR).version
    (measure,) = read_models.query("SELECT * FROM rm_plans_measures WHERE plan_id = %s", plan_id)
    assert (measure["status"], measure["decision_reference"]) == ("granted", "2026/78")


def test_completeness_names_each_missing_point(read_models: ReadModels) -> None:
    plan_id = open_plan(read_models.app)
    run(read_models.app, plan_id, c.GiveConsent(scope="plan", given_by="user"))
    read_models.catch_up()
    (row,) = read_models.query("SELECT missing FROM rm_plans_plans WHERE plan_id = %s", plan_id)
    assert row["missing"] == ["a", "b", "c", "d", "e", "f", "g", "i"]
    run(
        read_models.app,
        plan_id,
        c.AddGoal(text="Mål", formulated_by="user", user_agreement="agreed"),
    )
    run(read_models.app, plan_id, c.RecordResource(description="Sterk vilje"))
    run(read_models.app, plan_id, c.RecordNeed(description="Praktisk hjelp"))
    nurse = run(
        read_models.app,
        plan_id,
        c.AddParticipant(
            participant={
                "name": "Nina",
                "role": "service_provider",
                "sector": "care",
                "contribution": "Besøk",
            }
        ),
    )
    read_models.catch_up()
    (row,) = read_models.query("SELECT missing FROM rm_plans_plans WHERE plan_id = %s", plan_id)
    assert "a" not in row["missing"] and "b" not in row["missing"]
    assert "h" in row["missing"]  # the nurse takes part, but no consent to share with her
    run(
        read_models.app,
        plan_id,
        c.GiveConsent(scope="sharing", given_by="user", participant_id=nurse),
    )
    read_models.catch_up()
    (row,) = read_models.query("SELECT missing FROM rm_plans_plans WHERE plan_id = %s", plan_id)
    assert "h" not in row["missing"]
