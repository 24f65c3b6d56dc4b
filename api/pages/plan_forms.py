"""The plan's forms on the case and its people: request, information, decision, consent,
coordinator, deputy, participants, suspension and closing. Each runs one API command."""

from __future__ import annotations

from api.i18n import N_, gettext
from api.pages.plan_form_spec import Field, Form, Options
from api.pages.plan_text import WORDS
from application import commands as c
from domain.plan import Plan


def choices(kind: str, *, blank: str = "") -> Options:
    pairs = tuple(WORDS[kind].items())
    return ((("", blank),) if blank else ()) + pairs


def participants(plan: Plan, item: str | None = None) -> Options:
    active = [p for p in plan.participants.values() if not p.removed]
    named = tuple((p.participant_id, f"{p.name} ({p.organisation or p.role})") for p in active)
    return (("", gettext("Ingen (samtykke til planen)")), *named)


def person(prefix: str) -> tuple[Field, ...]:
    return (
        Field(f"{prefix}.name", N_("Navn"), required=True),
        Field(
            f"{prefix}.person_id", N_("Person-id"), required=True, hint=N_("Id i kommunens system.")
        ),
        Field(f"{prefix}.unit", N_("Enhet")),
        Field(f"{prefix}.organisation", N_("Virksomhet")),
    )


CHANNEL = Field("channel", N_("Hvordan det skjedde"), "select", choices("channel"))

CASE_FORMS = (
    Form(
        "informer",
        N_("Registrer at brukeren er informert"),
        c.InformUser,
        (Field("about", N_("Hva brukeren ble informert om"), "radios", choices("about")), CHANNEL),
        N_("Informasjonen til brukeren er registrert."),
        defaults={"about": "right_to_individual_plan", "channel": "meeting"},
    ),
    Form(
        "vedtak",
        N_("Registrer vedtak"),
        c.Decide,
        (
            Field("outcome", N_("Utfall"), "radios", choices("outcome"), required=True),
            Field("decision_reference", N_("Vedtakets referanse")),
            Field(
                "complaint_information_given",
                N_("Brukeren er informert om klageretten"),
                "checkbox",
            ),
        ),
        N_("Vedtaket er registrert."),
    ),
    Form(
        "samtykke",
        N_("Registrer samtykke"),
        c.GiveConsent,
        (
            Field("scope", N_("Hva samtykket gjelder"), "radios", choices("scope"), required=True),
            Field(
                "given_by", N_("Hvem ga samtykket"), "radios", choices("given_by"), required=True
            ),
            Field("participant_id", N_("Deling med"), "select", options_for=participants),
            Field(
                "valid_until",
                N_("Gyldig til"),
                "date",
                hint=N_("La stå tom hvis det gjelder til det trekkes."),
            ),
            Field("representative.name", N_("Representantens navn")),
            Field("representative.person_id", N_("Representantens person-id")),
            Field(
                "representative.basis",
                N_("Grunnlag for å representere"),
                "select",
                choices("basis", blank=N_("Ikke representant")),
            ),
            CHANNEL,
        ),
        N_("Samtykket er registrert."),
        defaults={"scope": "plan", "given_by": "user", "channel": "meeting"},
    ),
    Form(
        "trekk-samtykke",
        N_("Trekk tilbake samtykke"),
        c.WithdrawConsent,
        (),
        N_("Samtykket er trukket tilbake."),
        item="consent_id",
        reason="required",
        confirm=N_(
            "Når samtykket trekkes tilbake, gjelder det ikke lenger. "
            "Det står fortsatt i historikken."
        ),
        button=N_("Trekk tilbake samtykket"),
    ),
    Form(
        "bruker-takker-nei",
        N_("Registrer at brukeren takker nei til plan"),
        c.RecordUserDeclined,
        (),
        N_("Det er registrert at brukeren takker nei."),
        reason="required",
    ),
    Form(
        "sett-i-bero",
        N_("Sett planen i bero"),
        c.Suspend,
        (),
        N_("Planen er satt i bero."),
        reason="required",
    ),
    Form(
        "gjenoppta",
        N_("Gjenoppta planen"),
        c.Resume,
        (),
        N_("Planen er gjenopptatt."),
        reason="optional",
    ),
    Form(
        "avslutt",
        N_("Avslutt planen"),
        c.Close,
        (),
        N_("Planen er avsluttet."),
        reason="required",
        confirm=N_("En avsluttet plan kan ikke endres før den er åpnet igjen."),
        button=N_("Avslutt planen"),
    ),
    Form(
        "gjenapne",
        N_("Åpne planen igjen"),
        c.Reopen,
        (),
        N_("Planen er åpnet igjen."),
        reason="required",
    ),
)

PEOPLE_FORMS = (
    Form(
        "ansvarlig-enhet",
        N_("Gi en enhet ansvar for å finne koordinator"),
        c.AssignCoordinatorResponsibility,
        (
            Field("unit.name", N_("Enhetens navn"), required=True),
            Field("unit.unit_id", N_("Enhetens id"), required=True),
        ),
        N_("Enheten har fått ansvaret for å finne koordinator."),
    ),
    Form(
        "koordinator",
        N_("Oppnevn koordinator"),
        c.AppointCoordinator,
        person("coordinator"),
        N_("Koordinatoren er oppnevnt."),
    ),
    Form(
        "bytt-koordinator",
        N_("Bytt koordinator"),
        c.ReplaceCoordinator,
        (
            *person("coordinator"),
            Field("handover_note", N_("Hvordan arbeidet er overlevert"), "textarea", required=True),
        ),
        N_("Koordinatoren er byttet."),
        reason="required",
    ),
    Form(
        "koordinator-trakk-seg",
        N_("Registrer at koordinator trekker seg"),
        c.RecordCoordinatorWithdrew,
        (),
        N_("Det er registrert at koordinatoren trakk seg."),
        reason="required",
    ),
    Form(
        "koordinator-takket-nei",
        N_("Registrer at en forespurt koordinator takket nei"),
        c.RecordCoordinatorDeclined,
        person("person")[:2],
        N_("Det er registrert at personen takket nei."),
        reason="required",
    ),
    Form(
        "stedfortreder",
        N_("Oppnevn stedfortreder"),
        c.AppointDeputy,
        person("deputy"),
        N_("Stedfortrederen er oppnevnt."),
    ),
    Form(
        "fjern-stedfortreder",
        N_("Fjern stedfortreder"),
        c.RemoveDeputy,
        (),
        N_("Stedfortrederen er fjernet."),
        reason="required",
    ),
    Form(
        "deltaker",
        N_("Legg til deltaker"),
        c.AddParticipant,
        (
            Field("participant.name", N_("Navn"), required=True),
            Field("participant.role", N_("Rolle"), "select", choices("role"), required=True),
            Field("participant.sector", N_("Sektor"), "select", choices("sector"), required=True),
            Field("participant.organisation", N_("Virksomhet eller tjeneste")),
            Field("participant.contribution", N_("Hva deltakeren skal bidra med"), "textarea"),
            Field(
                "participant.person_id",
                N_("Person-id"),
                hint=N_("Gir deltakeren tilgang når samtykke til deling er gitt."),
            ),
        ),
        N_("Deltakeren er lagt til."),
        defaults={"participant.role": "service_provider", "participant.sector": "health"},
    ),
    Form(
        "fjern-deltaker",
        N_("Fjern deltaker"),
        c.RemoveParticipant,
        (),
        N_("Deltakeren er fjernet."),
        item="participant_id",
        reason="required",
    ),
)
