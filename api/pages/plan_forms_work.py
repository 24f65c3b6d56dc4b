"""The plan's forms on its work: meetings, evaluations and agreed versions; and `FORMS`, every
form of the plan page by its key. Each runs one API command."""

from __future__ import annotations

from api.pages.plan_form_spec import Field, Form
from api.pages.plan_forms import CASE_FORMS, CHANNEL, PEOPLE_FORMS, choices
from api.pages.plan_forms_content import CONTENT_FORMS
from application import commands as c

PEOPLE = ("name", "role", "organisation")
PEOPLE_HINT = "Én person per linje: navn, rolle, virksomhet."


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
                "select",
                choices("role"),
                required=True,
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
        defaults={"delivery_channel": "letter", "recipient.role": "user"},
    ),
)

FORMS: dict[str, Form] = {
    form.key: form for form in (*CASE_FORMS, *PEOPLE_FORMS, *CONTENT_FORMS, *WORK_FORMS)
}
