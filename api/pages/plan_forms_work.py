"""The plan's forms on its content and work: mapping, goals, resources, needs, measures, period,
cooperation, meetings, evaluations and agreed versions. Each runs one API command."""

from __future__ import annotations

from api.pages.plan_form_spec import Field, Form, Options
from api.pages.plan_forms import CASE_FORMS, CHANNEL, PEOPLE_FORMS, choices
from application import commands as c
from domain.parts import MEASURE_TRANSITIONS
from domain.plan import Plan

PEOPLE = ("name", "role", "organisation")
PEOPLE_HINT = "Én person per linje: navn, rolle, virksomhet."


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

WORK_FORMS = (
    Form(
        "mote",
        "Registrer møte",
        c.HoldMeeting,
        (
            Field(
                "meeting.kind",
                "Type møte",
                "select",
                (("ansvarsgruppemote", "Ansvarsgruppemøte"), ("samarbeidsmote", "Samarbeidsmøte")),
                required=True,
            ),
            Field("meeting.user_attended", "Brukeren var med", "checkbox"),
            Field(
                "meeting.agenda_prepared_with_user",
                "Dagsorden ble forberedt med brukeren",
                "checkbox",
            ),
            Field("meeting.attendees", "Hvem var med", "lines", hint=PEOPLE_HINT, columns=PEOPLE),
            Field("meeting.minutes", "Referat", "textarea"),
            Field(
                "meeting.decisions",
                "Beslutninger",
                "lines",
                hint="Én beslutning per linje.",
                columns=("text",),
            ),
        ),
        "Møtet er registrert.",
        when="Dato for møtet",
    ),
    Form(
        "evaluering",
        "Registrer evaluering",
        c.HoldEvaluation,
        (
            Field("evaluation.user_took_part", "Brukeren deltok", "checkbox"),
            Field("evaluation.user_participation", "Hvordan brukeren deltok", "textarea"),
            Field("evaluation.users_view", "Brukerens eget syn, med egne ord", "textarea"),
            Field("evaluation.outcome", "Resultat av evalueringen", "textarea", required=True),
            Field("evaluation.next_revision_on", "Neste revisjon", "date", required=True),
            Field(
                "evaluation.participants", "Hvem deltok", "lines", hint=PEOPLE_HINT, columns=PEOPLE
            ),
        ),
        "Evalueringen er registrert.",
        when="Dato for evalueringen",
    ),
    Form(
        "avtal-versjon",
        "Avtal en versjon av planen",
        c.AgreeVersion,
        (
            Field("agreed_with_user", "Versjonen er avtalt med brukeren", "checkbox"),
            Field("summary", "Hva som er nytt i denne versjonen", "textarea"),
        ),
        "Versjonen er avtalt.",
        defaults={"agreed_with_user": "on"},
    ),
    Form(
        "lever-versjon",
        "Lever versjonen",
        c.DeliverVersion,
        (
            Field("recipient.name", "Mottaker", required=True),
            Field("recipient.organisation", "Mottakerens virksomhet"),
            Field(
                "recipient.role",
                "Mottakerens rolle",
                hint="For eksempel «bruker» eller «fastlege».",
            ),
            Field(
                "delivery_channel",
                "Hvordan den ble levert",
                "select",
                CHANNEL.options,
                required=True,
            ),
        ),
        "Versjonen er levert.",
        item="number",
        defaults={"delivery_channel": "letter", "recipient.role": "bruker"},
    ),
)

FORMS: dict[str, Form] = {
    form.key: form for form in (*CASE_FORMS, *PEOPLE_FORMS, *CONTENT_FORMS, *WORK_FORMS)
}
