"""A ground of complaint is one entry (`domain.grounds.GROUNDS`), and adding one keeps every pack
already attached to a complaint rebuilding to its recorded hash: the new ground comes with the
next pack format, and the older formats' builders leave it out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from api.demo import HANDLER, DemoLoader
from api.evidence_document import FLAGS_NB
from application.service import Planspor
from domain import grounds
from domain.complaint import Complaint, Ground
from domain.evidence import FORMAT, FORMATS, Period, build_pack, digest, formats
from domain.grounds import GROUNDS, GroundOfComplaint
from tests.domain.test_evidence_formats import RECORDED, period, stored_events

# The format-2 pack of the fixture's events, as built at 15ec6fc (before grounds were one table).
FORMAT_2_SHA256 = "d55cd3bb674b9391ff892b39e1d0ddea8c86929916f0b1df9f62285a4119f3df"
NEW = GroundOfComplaint(
    "no_evaluation",
    nb="Planen er ikke evaluert",
    nn="Planen er ikkje evaluert",
    gaps=("evaluation_overdue", "no_revision_date"),
    since_format=len(FORMATS) + 1,
)


@pytest.fixture
def new_ground(monkeypatch: pytest.MonkeyPatch) -> GroundOfComplaint:
    monkeypatch.setattr(grounds, "GROUNDS", (*GROUNDS, NEW))
    return NEW


def test_every_ground_has_its_labels_and_gaps_the_pack_knows() -> None:
    assert [str(g) for g in Ground] == [g.code for g in GROUNDS]
    for ground in GROUNDS:
        assert ground.nb and ground.nn
        assert ground.gaps and set(ground.gaps) <= set(FLAGS_NB), ground.code
        assert 1 <= ground.since_format <= len(FORMATS)


def test_the_format_2_pack_rebuilds_to_the_hash_it_had_before_grounds_were_a_table() -> None:
    pack = build_pack(stored_events(), period(), RECORDED["position"], FORMATS[1])
    assert digest(pack) == FORMAT_2_SHA256


def test_a_new_ground_brings_the_next_format_and_leaves_older_packs_alone(
    new_ground: GroundOfComplaint,
) -> None:
    assert formats() == (*FORMATS, f"planspor.participation-evidence/{len(FORMATS) + 1}")
    older = [build_pack(stored_events(), period(), RECORDED["position"], f) for f in FORMATS]
    assert [digest(p) for p in older[:2]] == [RECORDED["sha256"], FORMAT_2_SHA256]
    assert all(NEW.code not in p["by_ground"] for p in older)
    newest = build_pack(stored_events(), period(), RECORDED["position"], formats()[-1])
    flags = [gap["flag"] for gap in newest["missing"]]
    assert newest["by_ground"][NEW.code] == [f for f in flags if f in NEW.gaps]
    assert grounds.labels("nn")[NEW.code] == NEW.nn


@pytest.fixture(scope="module")
def demo() -> Iterator[Planspor]:
    app = Planspor(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    DemoLoader(app).load()
    yield app
    app.close()


def _attached(app: Planspor) -> list[dict[str, Any]]:
    """Every evidence pack reference stored on a complaint."""
    refs = []
    for notification in app.recorder.select_notifications(1, 10**6):
        event = app.mapper.to_domain_event(notification)
        if isinstance(event, Complaint.EvidenceAttached):
            refs.append(dict(event.pack))
    return refs


def test_packs_stored_on_complaints_rebuild_to_their_hash_after_a_new_ground(
    demo: Planspor, new_ground: GroundOfComplaint
) -> None:
    refs = _attached(demo)
    assert refs and all(ref["format"] == FORMAT for ref in refs)
    for ref in refs:
        span = Period(
            date.fromisoformat(ref["period"]["from"]), date.fromisoformat(ref["period"]["to"])
        )
        pack = demo.evidence_pack(
            UUID(ref["plan_id"]), HANDLER, span, ref["position"], "complaint", ref["format"]
        )
        assert pack.sha256 == ref["sha256"]
        assert NEW.code not in pack.content["by_ground"]
