"""The demo data: loading it twice changes nothing, and it holds a complaint ready to forward."""

from __future__ import annotations

from api.demo import HANDLER, DemoLoader
from application.service import Planspor


def test_the_demo_loads_idempotently_with_a_reviewed_complaint(pg_env: dict[str, str]) -> None:
    app = Planspor(env=pg_env)
    try:
        first = DemoLoader(app).load()
        head = app.recorder.max_notification_id()
        assert DemoLoader(app).load() == first
        assert app.recorder.max_notification_id() == head
        complaint_id = DemoLoader(app)._complaint(first[2])
        complaint, steps = app.get_complaint(complaint_id, HANDLER)
        assert complaint.status == "reviewed"
        assert [type(s).__name__ for s in steps] == ["Received", "Reviewed", "EvidenceAttached"]
        assert complaint.evidence[0]["sha256"]
    finally:
        app.close()
