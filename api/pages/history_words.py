"""The history's records and fields in Norwegian: «goal:4f0c…», «text» → «Mål», «tekst»."""

from __future__ import annotations

from api.i18n import N_, gettext

RECORDS = {
    "plan": N_("Planen"),
    "goal": N_("Mål"),
    "measure": N_("Tiltak"),
    "consent": N_("Samtykke"),
    "participant": N_("Deltaker"),
    "coordinator": N_("Koordinator"),
    "coordinator_unit": N_("Ansvarlig enhet"),
    "deputy": N_("Stedfortreder"),
    "mapping": N_("Kartlegging"),
    "resource": N_("Ressurs"),
    "need": N_("Behov"),
    "partner": N_("Samarbeidspart"),
    "meeting": N_("Møte"),
    "evaluation": N_("Evaluering"),
    "version": N_("Versjon"),
    "information": N_("Informasjon"),
    "declination": N_("Forespørsel"),
    "handover": N_("Overlevering"),
}
FIELDS = {
    "about": N_("om"),
    "agenda_prepared_with_user": N_("dagsorden forberedt med brukeren"),
    "agreed_with_user": N_("avtalt med brukeren"),
    "attendees": N_("deltakere"),
    "basis": N_("grunnlag"),
    "closed": N_("avsluttet"),
    "complaint_information_given": N_("informert om klagerett"),
    "contact": N_("kontaktperson"),
    "contribution": N_("bidrag"),
    "decision": N_("vedtak"),
    "decision_reference": N_("vedtakets referanse"),
    "decisions": N_("beslutninger"),
    "declined": N_("takket nei"),
    "delivered_to": N_("levert til"),
    "delivery_channel": N_("levert som"),
    "description": N_("beskrivelse"),
    "due_date": N_("frist"),
    "ends_on": N_("gjelder til"),
    "formulated_by": N_("formulert av"),
    "given_by": N_("gitt av"),
    "goal_ids": N_("mål"),
    "how": N_("gjennomføring"),
    "in_users_words": N_("med brukerens egne ord"),
    "kind": N_("type"),
    "minutes": N_("referat"),
    "municipality": N_("kommune"),
    "name": N_("navn"),
    "next_revision_on": N_("neste revisjon"),
    "note": N_("notat"),
    "organisation": N_("virksomhet"),
    "outcome": N_("resultat"),
    "participant_id": N_("deltaker"),
    "person_id": N_("person-id"),
    "purpose": N_("formål"),
    "representative": N_("representant"),
    "responsible_person": N_("ansvarlig person"),
    "responsible_service": N_("ansvarlig tjeneste"),
    "role": N_("rolle"),
    "scope": N_("omfang"),
    "sector": N_("sektor"),
    "source": N_("kilde"),
    "starts_on": N_("gjelder fra"),
    "status": N_("status"),
    "summary": N_("oppsummering"),
    "suspended": N_("i bero"),
    "text": N_("tekst"),
    "title": N_("tittel"),
    "unit": N_("enhet"),
    "unit_id": N_("enhetens id"),
    "unit_name": N_("enhet"),
    "user_agreement": N_("brukerens enighet"),
    "user_attended": N_("brukeren var med"),
    "user_participation": N_("brukerens deltakelse"),
    "user_took_part": N_("brukeren deltok"),
    "users_view": N_("brukerens syn"),
    "users_words": N_("brukerens ord"),
    "valid_until": N_("gyldig til"),
    "withdrawal_reason": N_("begrunnelse"),
}


def record_text(record: str) -> str:
    """«goal:4f0c…» → «Mål»: the kind of thing a history change concerns."""
    text = RECORDS.get(record.split(":", 1)[0])
    return gettext(text) if text else record


def field_text(name: str) -> str:
    text = FIELDS.get(name)
    return gettext(text) if text else name.replace("_", " ")
