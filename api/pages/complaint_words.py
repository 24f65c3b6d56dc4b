"""The complaint pages' words: grounds, statuses, outcomes, steps and the evidence pack's gaps,
in the catalogue (`N_`), shown with `_()` in the reader's written standard."""

from __future__ import annotations

from api.evidence_document import FLAGS_NB
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

# the gaps of the evidence pack, in the words of its printable document (one table)
FLAGS = FLAGS_NB
