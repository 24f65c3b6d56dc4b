"""The plan's forms on its work: meetings, evaluations and agreed versions; and `FORMS`, every
form of the plan page by its key. Each runs one API command."""

from __future__ import annotations

from api.i18n import N_
from api.pages.plan_form_spec import Field, Form, Options
from api.pages.plan_forms import CASE_FORMS, CHANNEL, PEOPLE_FORMS, choices
from api.pages.plan_forms_content import CONTENT_FORMS
from application import commands as c
from domain.plan import Plan

PEOPLE = ("name", "role", "organisation")
PEOPLE_HINT = N_("Én person per linje: navn, rolle, virksomhet.")


def invitees(plan: Plan, item: str | None = None) -> Options:
    """The plan's participants who can be invited (not removed); they answer on «Deltaker»."""
    active = [p for p in plan.participants.values() if not p.removed]
    return tuple((p.participant_id, f"{p.name} ({p.organisation or p.role})") for p in active)


WORK_FORMS = (
    Form(
        "mote",
        N_("Registrer møte"),
        c.HoldMeeting,
        (
            Field(
                "meeting.kind",
                N_("Type møte"),
                "select",
                (
                    ("ansvarsgruppemote", N_("Ansvarsgruppemøte")),
                    ("samarbeidsmote", N_("Samarbeidsmøte")),
                ),
                required=True,
            ),
            Field("meeting.user_attended", N_("Brukeren var med"), "checkbox"),
            Field(
                "meeting.agenda_prepared_with_user",
                N_("Dagsorden ble forberedt med brukeren"),
                "checkbox",
            ),
            Field(
                "meeting.attendees", N_("Hvem var med"), "lines", hint=PEOPLE_HINT, columns=PEOPLE
            ),
            Field("meeting.minutes", N_("Referat"), "textarea"),
            Field(
                "meeting.decisions",
                N_("Beslutninger"),
                "lines",
                hint=N_("Én beslutning per linje."),
                columns=("text",),
            ),
        ),
        N_("Møtet er registrert."),
        when=N_("Dato for møtet"),
    ),
    Form(
        "innkall",
        N_("Kall inn til møte"),
        c.InviteToMeeting,
        (
            Field("meets_on", N_("Dato for møtet"), "date", required=True),
            Field("place", N_("Sted"), required=True),
            Field("agenda", N_("Dagsorden"), "textarea"),
            Field(
                "participant_ids",
                N_("Hvem kalles inn"),
                "checkboxes",
                options_for=invitees,
                required=True,
                hint=N_("De innkalte svarer selv på sin side."),
            ),
        ),
        N_("Innkallingen er sendt."),
        button=N_("Send innkallingen"),
        when=N_("Dato innkallingen ble sendt"),
    ),
    Form(
        "evaluering",
        N_("Registrer evaluering"),
        c.HoldEvaluation,
        (
            Field("evaluation.user_took_part", N_("Brukeren deltok"), "checkbox"),
            Field("evaluation.user_participation", N_("Hvordan brukeren deltok"), "textarea"),
            Field("evaluation.users_view", N_("Brukerens eget syn, med egne ord"), "textarea"),
            Field("evaluation.outcome", N_("Resultat av evalueringen"), "textarea", required=True),
            Field("evaluation.next_revision_on", N_("Neste revisjon"), "date", required=True),
            Field(
                "evaluation.participants",
                N_("Hvem deltok"),
                "lines",
                hint=PEOPLE_HINT,
                columns=PEOPLE,
            ),
        ),
        N_("Evalueringen er registrert."),
        when=N_("Dato for evalueringen"),
    ),
    Form(
        "avtal-versjon",
        N_("Avtal en versjon av planen"),
        c.AgreeVersion,
        (
            Field("agreed_with_user", N_("Versjonen er avtalt med brukeren"), "checkbox"),
            Field("summary", N_("Hva som er nytt i denne versjonen"), "textarea"),
        ),
        N_("Versjonen er avtalt."),
        defaults={"agreed_with_user": "on"},
    ),
    Form(
        "lever-versjon",
        N_("Lever versjonen"),
        c.DeliverVersion,
        (
            Field("recipient.name", N_("Mottaker"), required=True),
            Field("recipient.organisation", N_("Mottakerens virksomhet")),
            Field(
                "recipient.role",
                N_("Mottakerens rolle"),
                "select",
                choices("role"),
                required=True,
            ),
            Field(
                "delivery_channel",
                N_("Hvordan den ble levert"),
                "select",
                CHANNEL.options,
                required=True,
            ),
        ),
        N_("Versjonen er levert."),
        item="number",
        defaults={"delivery_channel": "letter", "recipient.role": "user"},
    ),
)

FORMS: dict[str, Form] = {
    form.key: form for form in (*CASE_FORMS, *PEOPLE_FORMS, *CONTENT_FORMS, *WORK_FORMS)
}
