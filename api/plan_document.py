"""The plan as a document to keep: a tagged PDF (PDF/UA-1, WeasyPrint) in the reader's written
standard, carrying the plan version, the log position it was made at and a SHA-256 of its content.

Deterministic: the content is what the plan held at that version, the document's dates are the
version's own recorded time, so the same version at the same position gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from weasyprint import HTML

from api import i18n
from api.pages.templating import templates
from api.pages.user_words import AGREEMENT, GOAL_AUTHOR
from domain.plan import Plan

PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class PlanDocument:
    pdf: bytes
    content_sha256: str  # of the plan content shown (canonical JSON), printed in the document
    position: int | None
    version: int
    agreed_number: int | None

    @property
    def filename(self) -> str:
        kind = f"versjon-{self.agreed_number}" if self.agreed_number else f"v{self.version}"
        return f"individuell-plan-{kind}.pdf"


def content(plan: Plan) -> dict[str, Any]:
    """What the document shows, as plain data (its SHA-256 is the document's fingerprint)."""
    return {
        "subject": plan.subject.get("name"),
        "municipality": plan.municipality,
        "status": str(plan.status),
        "coordinator": plan.coordinator.name if plan.coordinator else None,
        "period": plan.period,
        "next_revision_on": plan.next_revision_on,
        "mappings": [m["users_words"] for m in plan.mappings],
        "goals": [
            {
                "text": g.text,
                "formulated_by": g.formulated_by,
                "user_agreement": g.user_agreement,
                "status": g.status,
                "comments": [a["comment"] for a in g.answers if a.get("comment")],
            }
            for g in plan.goals.values()
        ],
        "measures": [
            {
                "title": m.title,
                "responsible_service": m.responsible_service,
                "scope": m.scope,
                "status": m.status,
                "due_date": m.due_date,
            }
            for m in plan.measures.values()
        ],
        "participants": [
            {"name": p.name, "organisation": p.organisation, "contribution": p.contribution}
            for p in plan.participants.values()
            if not p.removed
        ],
        "evaluations": [
            {
                "held_at": e["held_at"],
                "outcome": e["outcome"],
                "users_view": e.get("users_view", ""),
                "user_views": [v["users_view"] for v in e.get("user_views", [])],
            }
            for e in plan.evaluations
        ],
    }


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def sha256_of(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, default=_json_default, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def build(
    plan: Plan, position: int | None, recorded_at: datetime, agreed_number: int | None = None
) -> PlanDocument:
    """The PDF of `plan` (loaded at the version to show) made at log `position`."""
    shown = content(plan)
    digest = sha256_of(shown)
    stamp = recorded_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    html = templates.env.get_template("documents/plan.html").render(
        plan=shown,
        version=plan.version,
        agreed_number=agreed_number,
        position=position,
        sha256=digest,
        stamp=stamp,
        recorded_at=recorded_at,
        lang=i18n.current(),
        GOAL_AUTHOR=GOAL_AUTHOR,
        AGREEMENT=AGREEMENT,
    )
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=digest[:32].encode())
    assert pdf is not None  # write_pdf without a target returns the bytes
    return PlanDocument(pdf, digest, position, plan.version, agreed_number)
