"""The plan's forms on its content: mapping, goals, resources, needs, measures, period and
cooperation. Each runs one API command."""

from __future__ import annotations

from api.pages.plan_form_spec import Field, Form, Options
from api.pages.plan_forms import choices
from application import commands as c
from domain.parts import MEASURE_TRANSITIONS
from domain.plan import Plan


def goals(plan: Plan, item: str | None = None) -> Options:
    return tuple((g.goal_id, g.text) for g in plan.goals.values() if not g.is_ended)


def goal_text(plan: Plan, goal_id: str) -> dict[str, str]:
    goal = plan.goals.get(goal_id)
    return {"text": goal.text, "user_agreement": goal.user_agreement} if goal else {}


def next_statuses(plan: Plan, measure_id: str | None = None) -> Options:
    measure = plan.measures.get(measure_id or "")
    allowed = MEASURE_TRANSITIONS.get(measure.status, frozenset()) if measure else None
    return tuple(
        (code, text)
        for code, text in choices("measure_status")
        if allowed is None or code in allowed
    )


CONTENT_FORMS = (
    Form(
        "kartlegging",
        "Registrer hva som er viktig for brukeren",
        c.RecordMapping,
        (
            Field(
                "users_words",
                "Hva er viktig for deg? Med brukerens egne ord",
                "textarea",
                required=True,
            ),
            Field("summary", "Oppsummering", "textarea"),
        ),
        "Kartleggingen er registrert.",
    ),
    Form(
        "mal",
        "Legg til mål",
        c.AddGoal,
        (
            Field("text", "Målet", "textarea", required=True, hint="Helst med brukerens egne ord."),
            Field(
                "formulated_by", "Hvem formulerte målet", "radios", choices("author"), required=True
            ),
            Field(
                "user_agreement", "Er brukeren enig?", "radios", choices("agreement"), required=True
            ),
        ),
        "Målet er lagt til.",
        defaults={"formulated_by": "user", "user_agreement": "agreed"},
    ),
    Form(
        "endre-mal",
        "Endre målet",
        c.ReviseGoal,
        (
            Field("text", "Målet", "textarea", required=True),
            Field(
                "user_agreement", "Er brukeren enig?", "radios", choices("agreement"), required=True
            ),
        ),
        "Målet er endret.",
        item="goal_id",
        reason="required",
        prefill=goal_text,
    ),
    Form(
        "bekreft-mal",
        "Brukeren er enig i målet",
        c.ConfirmGoal,
        (),
        "Det er registrert at brukeren er enig i målet.",
        item="goal_id",
    ),
    Form(
        "mal-nadd",
        "Målet er nådd",
        c.MarkGoalAchieved,
        (),
        "Målet er registrert som nådd.",
        item="goal_id",
    ),
    Form(
        "frafall-mal",
        "Frafall målet",
        c.DropGoal,
        (),
        "Målet er frafalt. Det står fortsatt i historikken.",
        item="goal_id",
        reason="required",
    ),
    Form(
        "ressurs",
        "Registrer en ressurs",
        c.RecordResource,
        (
            Field("description", "Ressursen", "textarea", required=True),
            Field("in_users_words", "Med brukerens egne ord", "checkbox"),
        ),
        "Ressursen er registrert.",
        defaults={"in_users_words": "on"},
    ),
    Form(
        "behov",
        "Registrer et behov",
        c.RecordNeed,
        (
            Field("description", "Behovet", "textarea", required=True),
            Field("in_users_words", "Med brukerens egne ord", "checkbox"),
        ),
        "Behovet er registrert.",
        defaults={"in_users_words": "on"},
    ),
    Form(
        "tiltak",
        "Legg til tiltak",
        c.AddMeasure,
        (
            Field("measure.title", "Tiltak", required=True),
            Field("measure.responsible_service", "Ansvarlig tjeneste", required=True),
            Field("measure.responsible_person", "Ansvarlig person"),
            Field("measure.scope", "Omfang", hint="For eksempel «2 timer per uke»."),
            Field("measure.how", "Hvordan tiltaket skal gjennomføres", "textarea"),
            Field("measure.due_date", "Frist", "date"),
            Field(
                "measure.goal_ids",
                "Målene tiltaket skal bidra til",
                "checkboxes",
                options_for=goals,
            ),
        ),
        "Tiltaket er lagt til.",
    ),
    Form(
        "tiltak-status",
        "Endre status for tiltaket",
        c.ChangeMeasureStatus,
        (
            Field("status", "Ny status", "radios", options_for=next_statuses, required=True),
            Field(
                "decision_reference", "Vedtakets referanse", hint="Påkrevd når tiltaket er avslått."
            ),
        ),
        "Tiltakets status er endret.",
        item="measure_id",
        reason="optional",
    ),
    Form(
        "periode",
        "Sett planperiode og revisjon",
        c.SetPeriod,
        (
            Field("starts_on", "Planen gjelder fra", "date", required=True),
            Field("ends_on", "Planen gjelder til", "date"),
            Field("next_revision_on", "Neste revisjon", "date", required=True),
        ),
        "Planperioden er satt.",
    ),
    Form(
        "samarbeid",
        "Registrer samarbeid med en tjeneste eller etat",
        c.RecordCooperationPartner,
        (
            Field("partner.organisation", "Tjeneste eller etat", required=True),
            Field("partner.sector", "Sektor", "select", choices("sector"), required=True),
            Field("partner.purpose", "Hva samarbeidet gjelder", "textarea"),
            Field("partner.contact", "Kontaktperson"),
        ),
        "Samarbeidet er registrert.",
    ),
)
