"""More demo complaints, so that each complaint handler has a case to work on: Sofie's, just
received and late (the municipality's handler reviews it), and Emil's, reviewed, documented and
forwarded (Statsforvalteren's handler decides it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from application.commands import complaints as cc
from application.service import Planspor, WriteOptions
from domain.values import Actor

Options = Callable[[str, int], WriteOptions]
SOFIE = Actor(person_id="demo-6", name="Sofie Nilsen", role="user", municipality="5001")
EMIL = Actor(person_id="demo-7", name="Emil Strand", role="user", municipality="5001")


def _in(days: int) -> date:
    return date.today() + timedelta(days=days)


def load(planspor: Planspor, handler: Actor, plans: dict[str, UUID], options: Options) -> None:
    late = cc.FileComplaint(
        plan_id=plans["sofie"],
        grounds=["measures_not_delivered", "lack_of_user_participation"],
        complainants_words="Kjøkkenet er fortsatt ikke tilpasset, og ingen har spurt meg hvorfor.",
        knew_on=_in(-45),
        period={"from": _in(-200), "to": _in(-1)},
        signed=True,
    )
    planspor.file_complaint(SOFIE, late, options("sofie-klage", 0))
    filing = cc.FileComplaint(
        plan_id=plans["emil"],
        grounds=["measures_not_delivered"],
        complainants_words="Jeg har ventet på støttekontakt i over en måned uten svar.",
        knew_on=_in(-12),
        period={"from": _in(-90), "to": _in(-2)},
        signed=True,
    )
    emil = planspor.file_complaint(EMIL, filing, options("emil-klage", 0)).plan_id
    review = cc.ReviewComplaint(outcome="maintained", reason="Søknaden er under behandling")
    planspor.complaint_step(emil, handler, review, options("emil-klage", 1))
    planspor.attach_evidence(emil, handler, cc.AttachEvidence(), options("emil-klage", 2))
    forward = cc.ForwardComplaint(reason="Kommunen opprettholder planen")
    planspor.complaint_step(emil, handler, forward, options("emil-klage", 3))
