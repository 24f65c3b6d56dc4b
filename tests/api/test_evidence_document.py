"""The printable pack says what the JSON says: periods without a coordinator with their first and
last day and length, and the recipient's role in Norwegian."""

from __future__ import annotations

from datetime import timedelta

from api.evidence_document import render
from domain.evidence import FORMATS, Period, build_pack, digest
from tests.domain.builders import events_of
from tests.domain.test_evidence_truths import TODAY, day, delivered

DAY = timedelta(days=1)


def test_the_document_shows_each_period_without_a_coordinator_and_the_recipients_role() -> None:
    plan = delivered("user")  # received ten days ago, never given a coordinator
    pack = build_pack(events_of(plan), Period(TODAY - 300 * DAY, TODAY - DAY), 1)
    html = render(pack, digest(pack))
    assert f"Uten koordinator</strong>: fra {day(10)} til {day(1)} (10 dager)" in html
    assert "Ola Nordmann (bruker)" in html
    assert pack["format"] == FORMATS[-1]
