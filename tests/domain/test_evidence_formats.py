"""Evidence-pack formats are versioned for real: a pack attached to a complaint in format 1 still
rebuilds to its recorded hash from the events stored then, after format 2 changed the content."""

from __future__ import annotations

import json
from base64 import b64decode
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from application.service import Planspor
from domain.errors import RuleViolation
from domain.evidence import FORMAT, FORMATS, Period, build_pack, digest
from domain.plan import Plan

RECORDED = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "format1_packs.json").read_text()
)


def stored_events() -> list[Plan.Event]:
    """The plan's events as stored by the release that had only format 1, decoded now."""
    app = Planspor({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    stored = [
        StoredEvent(
            originator_id=UUID(e["originator_id"]),
            originator_version=e["originator_version"],
            topic=e["topic"],
            state=b64decode(e["state"]),
        )
        for e in RECORDED["events"]
    ]
    events = [app.mapper.to_domain_event(s) for s in stored]
    assert all(isinstance(e, Plan.Event) for e in events)
    return events  # type: ignore[return-value]


def period() -> Period:
    start, end = RECORDED["period"]
    return Period(date.fromisoformat(start), date.fromisoformat(end))


def pack(format_name: str) -> dict[str, Any]:
    return build_pack(stored_events(), period(), RECORDED["position"], format_name)


def test_a_format_1_pack_rebuilds_to_the_hash_recorded_on_the_complaint() -> None:
    assert RECORDED["format"] == FORMATS[0]
    assert digest(pack(FORMATS[0])) == RECORDED["sha256"]


def test_the_newest_format_differs_and_names_itself() -> None:
    assert FORMAT == FORMATS[-1] != FORMATS[0]
    newest = pack(FORMAT)
    assert newest["format"] == FORMAT
    assert digest(newest) != RECORDED["sha256"]


def test_an_unknown_format_is_refused_naming_the_format() -> None:
    with pytest.raises(RuleViolation) as refused:
        pack("planspor.participation-evidence/0")
    assert refused.value.field == "format"


def test_a_delivery_stored_in_the_old_form_loads_with_a_role_value() -> None:
    deliveries = [e for e in stored_events() if isinstance(e, Plan.VersionDelivered)]
    recipients = [(d.recipient["role"], d.recipient["role_as_recorded"]) for d in deliveries]
    assert recipients == [("unknown", ""), ("unknown", "fastlege")]
    versions = pack(FORMAT)["versions"]
    assert [d["recipient_role"] for d in versions[0]["deliveries"]] == ["unknown", "unknown"]
    assert [d["recipient_role"] for d in pack(FORMATS[0])["versions"][0]["deliveries"]] == [
        "",
        "fastlege",
    ]


def test_a_rewording_recorded_as_agreed_is_whose_it_was_from_format_4_and_format_3_is_kept() -> (
    None
):
    """Format 4 gives a goal reworded as agreed the agreement of whoever recorded the rewording;
    format 3, already attached to cases, keeps the agreement it had (its packs keep their hash)."""
    from dataclasses import replace  # noqa: PLC0415

    from domain.values import Actor, GoalAuthor, UserAgreement  # noqa: PLC0415
    from tests.domain.builders import consented_plan, events_of, meta  # noqa: PLC0415

    user = Actor("p-1", "Ola Nordmann", "user", "5001", assurance="idporten-loa-high")
    plan = consented_plan()
    goal_id = plan.add_goal(
        replace(meta(), actor=user),
        text="Jeg vil handle selv",
        formulated_by=GoalAuthor.USER,
        user_agreement=UserAgreement.AGREED,
    )
    plan.revise_goal(
        meta("Sagt i møtet"), goal_id=goal_id, text="Handle selv", user_agreement="agreed"
    )
    today = date.today()
    whole = Period(date(2000, 1, 1), today)

    events = events_of(plan)

    def agreed_by(format_name: str) -> object:
        goals = build_pack(events, whole, 10, format_name)["goals"]
        return goals[0]["agreed_by"]

    assert "planspor.participation-evidence/4" in FORMATS
    assert agreed_by("planspor.participation-evidence/3") == "user"
    assert agreed_by("planspor.participation-evidence/4") == "professional"
