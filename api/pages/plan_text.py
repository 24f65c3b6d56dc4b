"""Norwegian words for the plan pages: the vocabularies, dates as 31.12.2025 and times in
Europe/Oslo, and the domain's rules in plain language (the rule name stays the domain's own)."""

from __future__ import annotations

from typing import Any

from api.pages.templating import norwegian_date, norwegian_time

WORDS: dict[str, dict[str, str]] = {
    "status": {
        "requested": "Henvendelse mottatt",
        "declined": "Bruker har takket nei",
        "granted": "Innvilget",
        "refused": "Avslått",
        "suspended": "I bero",
        "closed": "Avsluttet",
    },
    "source": {
        "user": "Brukeren selv",
        "next_of_kin": "Pårørende",
        "service": "En tjeneste",
        "gp": "Fastlegen",
        "hospital": "Sykehuset",
        "other": "Andre",
    },
    "sector": {
        "health": "Helse",
        "care": "Omsorg",
        "specialist_health": "Spesialisthelsetjenesten",
        "nav": "Nav",
        "school": "Skole",
        "child_welfare": "Barnevern",
        "other": "Annet",
    },
    "role": {
        "user": "Bruker",
        "representative": "Representant",
        "next_of_kin": "Pårørende",
        "service_provider": "Tjenesteyter",
        "other": "Annen",
    },
    "author": {"user": "Brukeren", "representative": "Representanten", "professional": "Fagperson"},
    "agreement": {"agreed": "Enig", "pending": "Ikke bekreftet", "disagreed": "Uenig"},
    "goal_status": {"active": "Aktivt", "achieved": "Nådd", "dropped": "Frafalt"},
    "measure_status": {
        "wished": "Ønsket",
        "applied_for": "Søkt",
        "granted": "Innvilget",
        "refused": "Avslått",
        "started": "Startet",
        "ended": "Avsluttet",
    },
    "scope": {"plan": "Samtykke til planen", "sharing": "Samtykke til deling av opplysninger"},
    "given_by": {"user": "Brukeren", "representative": "Representanten"},
    "basis": {
        "lacks_consent_capacity": "Brukeren mangler samtykkekompetanse",
        "power_of_attorney": "Fullmakt",
        "guardianship": "Verge",
        "parental_responsibility": "Foreldreansvar",
    },
    "channel": {
        "meeting": "I møte",
        "phone": "På telefon",
        "home_visit": "Hjemmebesøk",
        "digital": "Digitalt",
        "letter": "Brev",
        "in_person": "Oppmøte",
    },
    "outcome": {"granted": "Innvilget", "refused": "Avslått"},
    "about": {
        "right_to_individual_plan": "Retten til individuell plan",
        "right_to_coordinator": "Retten til koordinator",
        "right_to_complain": "Retten til å klage",
    },
    "actor_role": {
        "user": "Bruker",
        "representative": "Representant",
        "coordinator": "Koordinator",
        "coordinating_unit": "Koordinerende enhet",
        "service_provider": "Tjenesteyter",
        "unit_leader": "Leder",
        "supervisor": "Tilsyn",
        "complaint_handler": "Klagebehandler",
        "state_complaint_handler": "Statsforvalterens klagebehandler",
    },
}

RULES: dict[str, str] = {
    "reason-required": "Skriv en begrunnelse.",
    "decision-reference-required": "Skriv vedtakets referanse når tiltaket er avslått.",
    "goal-not-wanted-by-user": "Brukeren er uenig i målet. Et mål må være brukerens eget.",
    "next-revision-date-required": "Velg dato for neste revisjon.",
    "effective-time-in-future": "Datoen kan ikke være frem i tid.",
    "consent-to-plan-required": "Brukeren må samtykke til planen før dette kan registreres.",
    "plan-closed": "Planen er avsluttet.",
    "plan-suspended": "Planen er i bero. Gjenoppta den først.",
    "plan-refused": "Planen er avslått.",
    "already-ended": "Dette er allerede avsluttet.",
    "invalid-status-transition": "Denne endringen er ikke mulig fra nåværende status.",
    "coordinator-state": "Det passer ikke med hvem som er koordinator nå.",
    "goal-not-found": "Planen har ikke dette målet.",
    "measure-not-found": "Planen har ikke dette tiltaket.",
    "participant-not-found": "Planen har ikke denne deltakeren.",
    "consent-not-found": "Planen har ikke dette samtykket.",
    "plan-version-not-found": "Planen har ikke denne versjonen.",
    "access-denied": "Du har ikke tilgang til å gjøre dette.",
    "idempotency-key-reused": "Skjemaet er allerede sendt med annet innhold. Åpne det på nytt.",
    "concurrent-write": "Noen andre lagret i planen samtidig. Ingenting ble lagret. Prøv igjen.",
    "one-open-plan-per-person": "Personen har allerede en åpen plan i kommunen.",
    "invalid-national-identity-number": "Fødselsnummeret er ikke gyldig. Sjekk sifrene.",
    "missing": "Fyll ut feltet.",
    "string_too_short": "Fyll ut feltet.",
    "string_too_long": "Teksten er for lang.",
    "date_from_datetime_parsing": "Skriv en gyldig dato.",
    "date_parsing": "Skriv en gyldig dato.",
    "date_from_datetime_inexact": "Skriv en gyldig dato.",
    "enum": "Velg et av valgene.",
    "literal_error": "Velg et av valgene.",
    "bool_parsing": "Velg ja eller nei.",
}


def word(kind: str, value: Any) -> str:
    """The Norwegian word for a vocabulary value; an unknown value is shown as it is."""
    if value is None:
        return ""
    return WORDS.get(kind, {}).get(str(value), str(value))


def rule_text(rule: str, detail: str) -> str:
    """The rule in plain Norwegian, or the domain's own detail if the rule has no wording yet."""
    return RULES.get(rule, detail)


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
        "given": "Gitt",
        "withdrawn": "Trukket tilbake",
        "removed": "Fjernet",
    }
)


def value_text(value: Any, field: str = "") -> str:
    """A history field value: words for codes, dates as dates, yes/no, lists joined, nothing
    as a dash."""
    if value is None or value in ("", []):
        return "\N{EN DASH}"
    if isinstance(value, bool):
        return "ja" if value else "nei"
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
