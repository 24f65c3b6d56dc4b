"""Norwegian words for the plan pages: the vocabularies, dates as 31.12.2025 and times in
Europe/Oslo, and the domain's rules in plain language (the rule name stays the domain's own).
The words are catalogue ids (`N_`), shown in the request's written standard by `word()`,
`rule_text()` and `value_text()`."""

from __future__ import annotations

from typing import Any

from api import i18n
from api.i18n import N_, gettext
from api.pages.templating import norwegian_date, norwegian_time
from domain.roles import ROLES, Role

WORDS: dict[str, dict[str, str]] = {
    "status": {
        "requested": N_("Henvendelse mottatt"),
        "declined": N_("Bruker har takket nei"),
        "granted": N_("Innvilget"),
        "refused": N_("Avslått"),
        "suspended": N_("I bero"),
        "closed": N_("Avsluttet"),
    },
    "source": {
        "user": N_("Brukeren selv"),
        "next_of_kin": N_("Pårørende"),
        "service": N_("En tjeneste"),
        "gp": N_("Fastlegen"),
        "hospital": N_("Sykehuset"),
        "other": N_("Andre"),
    },
    "sector": {
        "health": N_("Helse"),
        "care": N_("Omsorg"),
        "specialist_health": N_("Spesialisthelsetjenesten"),
        "nav": N_("Nav"),
        "school": N_("Skole"),
        "child_welfare": N_("Barnevern"),
        "other": N_("Annet"),
    },
    "role": {
        "user": N_("Bruker"),
        "representative": N_("Representant"),
        "next_of_kin": N_("Pårørende"),
        "service_provider": N_("Tjenesteyter"),
        "other": N_("Annen"),
    },
    "author": {
        "user": N_("Brukeren"),
        "representative": N_("Representanten"),
        "professional": N_("Fagperson"),
    },
    "agreement": {"agreed": N_("Enig"), "pending": N_("Ikke bekreftet"), "disagreed": N_("Uenig")},
    "agreed_by": {  # whose agreement (domain.facts.agreed_by)
        "user": N_("Brukeren selv"),
        "professional": N_("Fagperson på brukerens vegne"),
    },
    "goal_status": {"active": N_("Aktivt"), "achieved": N_("Nådd"), "dropped": N_("Frafalt")},
    "measure_status": {
        "wished": N_("Ønsket"),
        "applied_for": N_("Søkt"),
        "granted": N_("Innvilget"),
        "refused": N_("Avslått"),
        "started": N_("Startet"),
        "ended": N_("Avsluttet"),
    },
    "scope": {
        "plan": N_("Samtykke til planen"),
        "sharing": N_("Samtykke til deling av opplysninger"),
    },
    "given_by": {"user": N_("Brukeren"), "representative": N_("Representanten")},
    "basis": {
        "lacks_consent_capacity": N_("Brukeren mangler samtykkekompetanse"),
        "power_of_attorney": N_("Fullmakt"),
        "guardianship": N_("Verge"),
        "parental_responsibility": N_("Foreldreansvar"),
    },
    "channel": {
        "meeting": N_("I møte"),
        "phone": N_("På telefon"),
        "home_visit": N_("Hjemmebesøk"),
        "digital": N_("Digitalt"),
        "letter": N_("Brev"),
        "in_person": N_("Oppmøte"),
    },
    "outcome": {"granted": N_("Innvilget"), "refused": N_("Avslått")},
    "about": {
        "right_to_individual_plan": N_("Retten til individuell plan"),
        "right_to_coordinator": N_("Retten til koordinator"),
        "right_to_complain": N_("Retten til å klage"),
    },
}

RULES: dict[str, str] = {
    "reason-required": N_("Skriv en begrunnelse."),
    "decision-reference-required": N_("Skriv vedtakets referanse når tiltaket er avslått."),
    "goal-not-wanted-by-user": N_("Brukeren er uenig i målet. Et mål må være brukerens eget."),
    "next-revision-date-required": N_("Velg dato for neste revisjon."),
    "effective-time-in-future": N_("Datoen kan ikke være frem i tid."),
    "consent-to-plan-required": N_("Brukeren må samtykke til planen før dette kan registreres."),
    "plan-closed": N_("Planen er avsluttet."),
    "plan-suspended": N_("Planen er i bero. Gjenoppta den først."),
    "plan-refused": N_("Planen er avslått."),
    "already-ended": N_("Dette er allerede avsluttet."),
    "invalid-status-transition": N_("Denne endringen er ikke mulig fra nåværende status."),
    "coordinator-state": N_("Det passer ikke med hvem som er koordinator nå."),
    "goal-not-found": N_("Planen har ikke dette målet."),
    "measure-not-found": N_("Planen har ikke dette tiltaket."),
    "participant-not-found": N_("Planen har ikke denne deltakeren."),
    "consent-not-found": N_("Planen har ikke dette samtykket."),
    "plan-version-not-found": N_("Planen har ikke denne versjonen."),
    "access-denied": N_("Du har ikke tilgang til å gjøre dette."),
    "idempotency-key-reused": N_("Skjemaet er allerede sendt med annet innhold. Åpne det på nytt."),
    "concurrent-write": N_(
        "Noen andre lagret i planen samtidig. Ingenting ble lagret. Prøv igjen."
    ),
    "one-open-plan-per-person": N_("Personen har allerede en åpen plan i kommunen."),
    "invalid-national-identity-number": N_("Fødselsnummeret er ikke gyldig. Sjekk sifrene."),
    "missing": N_("Fyll ut feltet."),
    "string_too_short": N_("Fyll ut feltet."),
    "string_too_long": N_("Teksten er for lang."),
    "too_short": N_("Velg minst én."),  # a list with too few items (who is invited)
    "date_from_datetime_parsing": N_("Skriv en gyldig dato."),
    "date_parsing": N_("Skriv en gyldig dato."),
    "date_from_datetime_inexact": N_("Skriv en gyldig dato."),
    "enum": N_("Velg et av valgene."),
    "literal_error": N_("Velg et av valgene."),
    "bool_parsing": N_("Velg ja eller nei."),
    "int_parsing": N_("Skriv et helt tall."),
    "datetime_parsing": N_("Skriv en gyldig dato."),
    "datetime_from_date_parsing": N_("Skriv en gyldig dato."),
    "content-dated-before-consent": N_("Datoen er før brukeren samtykket til planen."),
    "state-conflict": N_("Dette passer ikke med hvordan planen er nå."),
    "not-found-in-plan": N_("Planen har ikke dette."),
    "invalid-value": N_("Verdien er ikke gyldig."),
    "domain-rule": N_("Dette er ikke mulig i planen nå."),
}


def word(kind: str, value: Any) -> str:
    """The Norwegian word for a vocabulary value; an unknown value is shown as it is. A role's
    name comes from the one table of roles (`domain/roles.py`), in the standard shown."""
    if value is None:
        return ""
    if kind == "actor_role":
        return role_label(str(value))
    text = WORDS.get(kind, {}).get(str(value))
    return gettext(text) if text else str(value)


def role_label(role: str) -> str:
    label = ROLES.get(Role(role)) if role in set(Role) else None
    return str(getattr(label, i18n.current())) if label else role


def rule_text(rule: str, detail: str = "") -> str:
    """The rule in plain Norwegian; a rule with no wording of its own (a pydantic error type
    not listed) is an invalid value. The domain's `detail` is English, for logs and the API, and
    is not shown: tests/api/test_catalogues.py fails on a domain rule without a wording."""
    return gettext(RULES.get(rule) or RULES["invalid-value"])


FIELD_KINDS = {
    "status": "any_status",
    "user_agreement": "agreement",
    "formulated_by": "author",
    "scope": "scope",
    "given_by": "given_by",
    "basis": "basis",
    "sector": "sector",
    "role": "role",
    "source": "source",
    "delivery_channel": "channel",
    "channel": "channel",
    "decision": "outcome",
    "about": "about",
}
WORDS["any_status"] = (
    WORDS["measure_status"]
    | WORDS["goal_status"]
    | WORDS["status"]
    | {
        "given": N_("Gitt"),
        "withdrawn": N_("Trukket tilbake"),
        "removed": N_("Fjernet"),
    }
)


def value_text(value: Any, field: str = "") -> str:
    """A history field value: words for codes, dates as dates, yes/no, lists joined, nothing
    as a dash."""
    if value is None or value in ("", []):
        return "\N{EN DASH}"
    if isinstance(value, bool):
        return gettext(N_("ja") if value else N_("nei"))
    if isinstance(value, list):
        return ", ".join(value_text(v, field) for v in value)
    text = str(value)
    if field in FIELD_KINDS:
        text = word(FIELD_KINDS[field], text)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return norwegian_date(text)
    if len(text) > 19 and text[4] == "-" and "T" in text:
        return norwegian_time(text)
    return text
