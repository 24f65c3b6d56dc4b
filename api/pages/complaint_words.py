"""The complaint pages' words: grounds, statuses, outcomes, steps and the evidence pack's gaps,
in the catalogue (`N_`), shown with `_()` in the reader's written standard."""

from __future__ import annotations

from api.i18n import N_

GROUNDS = {
    "no_plan": N_("Ingen plan"),
    "plan_lacks_content": N_("Planen mangler påkrevd innhold"),
    "lack_of_user_participation": N_("Manglende brukermedvirkning"),
    "measures_not_delivered": N_("Planlagte tiltak ikke levert"),
    "no_coordinator": N_("Ingen koordinator"),
}

STATUSES = {
    "received": N_("Mottatt"),
    "reviewed": N_("Vurdert av kommunen"),
    "resolved_by_municipality": N_("Avgjort i kommunen (medhold)"),
    "forwarded": N_("Sendt til Statsforvalteren"),
    "decided": N_("Avgjort av Statsforvalteren"),
    "withdrawn": N_("Trukket"),
}

REVIEW_OUTCOMES = {
    "upheld": N_("Klageren får medhold (saken avsluttes i kommunen)"),
    "plan_changed": N_("Planen er endret delvis (sendes videre)"),
    "maintained": N_("Planen opprettholdes (sendes til Statsforvalteren)"),
}

DECISION_OUTCOMES = {
    "upheld": N_("Medhold"),
    "partly_upheld": N_("Delvis medhold"),
    "not_upheld": N_("Ikke medhold"),
    "dismissed": N_("Avvist"),
    "quashed_and_returned": N_("Opphevet og sendt tilbake til kommunen"),
}

STEP_WORDS = {
    "Received": N_("Klagen mottatt"),
    "Reviewed": N_("Kommunen har vurdert klagen"),
    "EvidenceAttached": N_("Dokumentasjon lagt ved"),
    "Forwarded": N_("Sendt til Statsforvalteren"),
    "Decided": N_("Avgjort av Statsforvalteren"),
    "Withdrawn": N_("Trukket"),
}

FLAGS = {
    "no_plan_granted": N_("Ingen innvilget plan (vedtak mangler eller er avslag)"),
    "plan_lacks_required_content": N_("Planen mangler påkrevd innhold (punktene i forskriften)"),
    "no_plan_consent": N_("Ingen samtykke til planen registrert for perioden"),
    "no_mapping_in_users_words": N_("Ingen kartlegging med brukerens egne ord"),
    "no_goals": N_("Ingen mål registrert"),
    "goal_not_confirmed": N_("Mål brukeren ikke har bekreftet"),
    "no_meeting_in_period": N_("Ingen møter i perioden"),
    "meeting_without_user": N_("Møter uten brukeren"),
    "agenda_not_prepared_with_user": N_("Møter der dagsorden ikke ble forberedt med brukeren"),
    "evaluation_without_user": N_("Evalueringer uten brukeren"),
    "users_view_not_recorded": N_("Evalueringer uten brukerens eget syn"),
    "no_revision_date": N_("Ingen dato for revisjon er satt"),
    "evaluation_overdue": N_("Evaluering forfalt uten å bli holdt i tide"),
    "no_version_agreed": N_("Ingen planversjon avtalt"),
    "version_not_agreed_with_user": N_("Planversjoner ikke avtalt med brukeren"),
    "version_not_delivered_to_user": N_("Planversjoner ikke levert til brukeren"),
    "no_complaint_information": N_("Ingen registrert informasjon om klagerett"),
    "no_coordinator": N_("Uten koordinator"),
    "content_before_consent": N_("Innhold datert da intet samtykke til planen gjaldt"),
    "measure_overdue": N_("Tiltak forfalt uten å være startet"),
}
