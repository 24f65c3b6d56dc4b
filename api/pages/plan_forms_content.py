"""The plan's forms on its content: mapping, goals, resources, needs, measures, period and
cooperation. Each runs one API command."""

from __future__ import annotations

from api.i18n import N_
from api.pages.plan_form_spec import Field, Form, Options, translated
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
    return translated(
        (code, text)
        for code, text in choices("measure_status")
        if allowed is None or code in allowed
    )


CONTENT_FORMS = (
    Form(
        "kartlegging",
        N_("Registrer hva som er viktig for brukeren"),
        c.RecordMapping,
        (
            Field(
                "users_words",
                N_("Hva er viktig for deg? Med brukerens egne ord"),
                "textarea",
                required=True,
            ),
            Field("summary", N_("Oppsummering"), "textarea"),
        ),
        N_("Kartleggingen er registrert."),
    ),
    Form(
        "mal",
        N_("Legg til mål"),
        c.AddGoal,
        (
            Field(
                "text",
                N_("Målet"),
                "textarea",
                required=True,
                hint=N_("Helst med brukerens egne ord."),
            ),
            Field(
                "formulated_by",
                N_("Hvem formulerte målet"),
                "radios",
                choices("author"),
                required=True,
            ),
            Field(
                "user_agreement",
                N_("Er brukeren enig?"),
                "radios",
                choices("agreement"),
                required=True,
            ),
        ),
        N_("Målet er lagt til."),
        defaults={"formulated_by": "user", "user_agreement": "agreed"},
    ),
    Form(
        "endre-mal",
        N_("Endre målet"),
        c.ReviseGoal,
        (
            Field("text", N_("Målet"), "textarea", required=True),
            Field(
                "user_agreement",
                N_("Er brukeren enig?"),
                "radios",
                choices("agreement"),
                required=True,
            ),
        ),
        N_("Målet er endret."),
        item="goal_id",
        reason="required",
        prefill=goal_text,
    ),
    Form(
        "bekreft-mal",
        N_("Brukeren er enig i målet"),
        c.ConfirmGoal,
        (),
        N_("Det er registrert at brukeren er enig i målet."),
        item="goal_id",
    ),
    Form(
        "mal-nadd",
        N_("Målet er nådd"),
        c.MarkGoalAchieved,
        (),
        N_("Målet er registrert som nådd."),
        item="goal_id",
    ),
    Form(
        "frafall-mal",
        N_("Frafall målet"),
        c.DropGoal,
        (),
        N_("Målet er frafalt. Det står fortsatt i historikken."),
        item="goal_id",
        reason="required",
    ),
    Form(
        "ressurs",
        N_("Registrer en ressurs"),
        c.RecordResource,
        (
            Field("description", N_("Ressursen"), "textarea", required=True),
            Field("in_users_words", N_("Med brukerens egne ord"), "checkbox"),
        ),
        N_("Ressursen er registrert."),
        defaults={"in_users_words": "on"},
    ),
    Form(
        "behov",
        N_("Registrer et behov"),
        c.RecordNeed,
        (
            Field("description", N_("Behovet"), "textarea", required=True),
            Field("in_users_words", N_("Med brukerens egne ord"), "checkbox"),
        ),
        N_("Behovet er registrert."),
        defaults={"in_users_words": "on"},
    ),
    Form(
        "tiltak",
        N_("Legg til tiltak"),
        c.AddMeasure,
        (
            Field("measure.title", N_("Tiltak"), required=True),
            Field("measure.responsible_service", N_("Ansvarlig tjeneste"), required=True),
            Field("measure.responsible_person", N_("Ansvarlig person")),
            Field("measure.scope", N_("Omfang"), hint=N_("For eksempel «2 timer per uke».")),
            Field("measure.how", N_("Hvordan tiltaket skal gjennomføres"), "textarea"),
            Field("measure.due_date", N_("Frist"), "date"),
            Field(
                "measure.goal_ids",
                N_("Målene tiltaket skal bidra til"),
                "checkboxes",
                options_for=goals,
            ),
        ),
        N_("Tiltaket er lagt til."),
    ),
    Form(
        "tiltak-status",
        N_("Endre status for tiltaket"),
        c.ChangeMeasureStatus,
        (
            Field("status", N_("Ny status"), "radios", options_for=next_statuses, required=True),
            Field(
                "decision_reference",
                N_("Vedtakets referanse"),
                hint=N_("Påkrevd når tiltaket er avslått."),
            ),
        ),
        N_("Tiltakets status er endret."),
        item="measure_id",
        reason="optional",
    ),
    Form(
        "periode",
        N_("Sett planperiode og revisjon"),
        c.SetPeriod,
        (
            Field("starts_on", N_("Planen gjelder fra"), "date", required=True),
            Field("ends_on", N_("Planen gjelder til"), "date"),
            Field("next_revision_on", N_("Neste revisjon"), "date", required=True),
        ),
        N_("Planperioden er satt."),
    ),
    Form(
        "samarbeid",
        N_("Registrer samarbeid med en tjeneste eller etat"),
        c.RecordCooperationPartner,
        (
            Field("partner.organisation", N_("Tjeneste eller etat"), required=True),
            Field("partner.sector", N_("Sektor"), "select", choices("sector"), required=True),
            Field("partner.purpose", N_("Hva samarbeidet gjelder"), "textarea"),
            Field("partner.contact", N_("Kontaktperson")),
        ),
        N_("Samarbeidet er registrert."),
    ),
)
