"""The plan's forms on the case and its people: request, information, decision, consent,
coordinator, deputy, participants, suspension and closing. Each runs one API command."""

from __future__ import annotations

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
    return (("", "Ingen (samtykke til planen)"), *named)


def person(prefix: str) -> tuple[Field, ...]:
    return (
        Field(f"{prefix}.name", "Navn", required=True),
        Field(f"{prefix}.person_id", "Person-id", required=True, hint="Id i kommunens system."),
        Field(f"{prefix}.unit", "Enhet"),
        Field(f"{prefix}.organisation", "Virksomhet"),
    )


CHANNEL = Field("channel", "Hvordan det skjedde", "select", choices("channel"))

CASE_FORMS = (
    Form(
        "informer",
        "Registrer at brukeren er informert",
        c.InformUser,
        (Field("about", "Hva brukeren ble informert om", "radios", choices("about")), CHANNEL),
        "Informasjonen til brukeren er registrert.",
        defaults={"about": "right_to_individual_plan", "channel": "meeting"},
    ),
    Form(
        "vedtak",
        "Registrer vedtak",
        c.Decide,
        (
            Field("outcome", "Utfall", "radios", choices("outcome"), required=True),
            Field("decision_reference", "Vedtakets referanse"),
            Field(
                "complaint_information_given", "Brukeren er informert om klageretten", "checkbox"
            ),
        ),
        "Vedtaket er registrert.",
    ),
    Form(
        "samtykke",
        "Registrer samtykke",
        c.GiveConsent,
        (
            Field("scope", "Hva samtykket gjelder", "radios", choices("scope"), required=True),
            Field("given_by", "Hvem ga samtykket", "radios", choices("given_by"), required=True),
            Field("participant_id", "Deling med", "select", options_for=participants),
            Field(
                "valid_until",
                "Gyldig til",
                "date",
                hint="La stå tom hvis det gjelder til det trekkes.",
            ),
            Field("representative.name", "Representantens navn"),
            Field("representative.person_id", "Representantens person-id"),
            Field(
                "representative.basis",
                "Grunnlag for å representere",
                "select",
                choices("basis", blank="Ikke representant"),
            ),
            CHANNEL,
        ),
        "Samtykket er registrert.",
        defaults={"scope": "plan", "given_by": "user", "channel": "meeting"},
    ),
    Form(
        "trekk-samtykke",
        "Trekk tilbake samtykke",
        c.WithdrawConsent,
        (),
        "Samtykket er trukket tilbake.",
        item="consent_id",
        reason="required",
        confirm="Når samtykket trekkes tilbake, gjelder det ikke lenger. "
        "Det står fortsatt i historikken.",
        button="Trekk tilbake samtykket",
    ),
    Form(
        "bruker-takker-nei",
        "Registrer at brukeren takker nei til plan",
        c.RecordUserDeclined,
        (),
        "Det er registrert at brukeren takker nei.",
        reason="required",
    ),
    Form(
        "sett-i-bero",
        "Sett planen i bero",
        c.Suspend,
        (),
        "Planen er satt i bero.",
        reason="required",
    ),
    Form(
        "gjenoppta", "Gjenoppta planen", c.Resume, (), "Planen er gjenopptatt.", reason="optional"
    ),
    Form(
        "avslutt",
        "Avslutt planen",
        c.Close,
        (),
        "Planen er avsluttet.",
        reason="required",
        confirm="En avsluttet plan kan ikke endres før den er åpnet igjen.",
        button="Avslutt planen",
    ),
    Form(
        "gjenapne", "Åpne planen igjen", c.Reopen, (), "Planen er åpnet igjen.", reason="required"
    ),
)

PEOPLE_FORMS = (
    Form(
        "ansvarlig-enhet",
        "Gi en enhet ansvar for å finne koordinator",
        c.AssignCoordinatorResponsibility,
        (
            Field("unit.name", "Enhetens navn", required=True),
            Field("unit.unit_id", "Enhetens id", required=True),
        ),
        "Enheten har fått ansvaret for å finne koordinator.",
    ),
    Form(
        "koordinator",
        "Oppnevn koordinator",
        c.AppointCoordinator,
        person("coordinator"),
        "Koordinatoren er oppnevnt.",
    ),
    Form(
        "bytt-koordinator",
        "Bytt koordinator",
        c.ReplaceCoordinator,
        (
            *person("coordinator"),
            Field("handover_note", "Hvordan arbeidet er overlevert", "textarea", required=True),
        ),
        "Koordinatoren er byttet.",
        reason="optional",
    ),
    Form(
        "koordinator-trakk-seg",
        "Registrer at koordinator trekker seg",
        c.RecordCoordinatorWithdrew,
        (),
        "Det er registrert at koordinatoren trakk seg.",
        reason="required",
    ),
    Form(
        "koordinator-takket-nei",
        "Registrer at en forespurt koordinator takket nei",
        c.RecordCoordinatorDeclined,
        person("person")[:2],
        "Det er registrert at personen takket nei.",
        reason="required",
    ),
    Form(
        "stedfortreder",
        "Oppnevn stedfortreder",
        c.AppointDeputy,
        person("deputy"),
        "Stedfortrederen er oppnevnt.",
    ),
    Form(
        "fjern-stedfortreder",
        "Fjern stedfortreder",
        c.RemoveDeputy,
        (),
        "Stedfortrederen er fjernet.",
        reason="required",
    ),
    Form(
        "deltaker",
        "Legg til deltaker",
        c.AddParticipant,
        (
            Field("participant.name", "Navn", required=True),
            Field("participant.role", "Rolle", "select", choices("role"), required=True),
            Field("participant.sector", "Sektor", "select", choices("sector"), required=True),
            Field("participant.organisation", "Virksomhet eller tjeneste"),
            Field("participant.contribution", "Hva deltakeren skal bidra med", "textarea"),
            Field(
                "participant.person_id",
                "Person-id",
                hint="Gir deltakeren tilgang når samtykke til deling er gitt.",
            ),
        ),
        "Deltakeren er lagt til.",
        defaults={"participant.role": "service_provider", "participant.sector": "health"},
    ),
    Form(
        "fjern-deltaker",
        "Fjern deltaker",
        c.RemoveParticipant,
        (),
        "Deltakeren er fjernet.",
        item="participant_id",
        reason="required",
    ),
)
