"""Plain words for the user's pages and the plan document (catalogue ids: shown with `_()`)."""

from __future__ import annotations

from api.i18n import N_

GOAL_AUTHOR = {
    "user": N_("skrevet av brukeren selv"),
    "representative": N_("skrevet av representanten"),
    "professional": N_("skrevet av en fagperson"),
}
AGREEMENT = {
    "agreed": N_("brukeren er enig"),
    "disagreed": N_("brukeren er ikke enig"),
    "pending": N_("brukeren har ikke svart ennå"),
}
# When a professional recorded the agreement on the user's behalf (`Goal.agreed_by`).
ON_BEHALF = N_("en fagperson skrev at brukeren er enig")
ON_BEHALF_YOU = N_("en fagperson skrev at du er enig")
MEASURE_STATUS = {
    "wished": N_("ønsket"),
    "applied_for": N_("søkt om"),
    "granted": N_("innvilget"),
    "refused": N_("avslått"),
    "started": N_("i gang"),
    "ended": N_("avsluttet"),
}
REPORTS = [
    ("started", N_("Tiltaket er i gang")),
    ("ended", N_("Tiltaket er avsluttet")),
    ("not_delivered", N_("Tiltaket ble ikke gitt som avtalt")),
]
ANSWERS = [("coming", N_("Jeg kommer")), ("not_coming", N_("Jeg kommer ikke"))]
# The same, said to the user themselves («Min plan» when the user is logged in).
GOAL_AUTHOR_YOU = {
    "user": N_("skrevet av deg"),
    "representative": N_("skrevet av representanten din"),
    "professional": N_("skrevet av en fagperson"),
}
AGREEMENT_YOU = {
    "agreed": N_("du er enig"),
    "disagreed": N_("du er ikke enig"),
    "pending": N_("du har ikke svart ennå"),
}
