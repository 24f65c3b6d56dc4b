"""The evidence pack as a printable Norwegian document (HTML), rendered from the pack's JSON, in
the request's written standard (`api.i18n`; bokmål unless chosen). The texts are catalogue ids
(`N_`, `_()`), so the bokmål document is the same bytes as before the catalogues existed."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from api import i18n
from api.i18n import N_, gettext, ngettext
from domain import grounds
from domain.required_content import POINTS
from domain.values import ROLE_ALIASES_NB

FLAGS_NB = {
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
WORDS_NB = {
    "user": N_("bruker"),
    "representative": N_("representant"),
    "professional": N_("fagperson"),
    "agreed": N_("enig"),
    "pending": N_("ikke bekreftet"),
    "plan": N_("planen"),
    "sharing": N_("deling"),
    "active": N_("aktivt"),
    "achieved": N_("nådd"),
    "dropped": N_("avsluttet"),
    "appointed": N_("oppnevnt"),
    "replaced": N_("byttet"),
    "withdrew": N_("trakk seg"),
    "declined": N_("takket nei"),
    "unit_made_responsible": N_("enhet fikk ansvar"),
    "deputy_appointed": N_("stedfortreder oppnevnt"),
    "deputy_removed": N_("stedfortreder fjernet"),
    "goal_formulated_by_professional": N_("Mål formulert av fagperson på brukerens vegne"),
    "goal_revised_by_professional": N_("Mål endret av fagperson"),
    "goal_dropped_by_professional": N_("Mål avsluttet av fagperson"),
    "measure_refused": N_("Tiltak avslått"),
    "version_agreed_without_user": N_("Planversjon avtalt uten brukeren"),
    "participant_removed": N_("Deltaker fjernet"),
    "plan_closed": N_("Planen avsluttet"),
    "plan_suspended": N_("Planen stilt i bero"),
    "granted": N_("innvilget"),
    "refused": N_("avslått"),
    "wished": N_("ønsket"),
    "applied_for": N_("søkt"),
    "started": N_("startet"),
    "ended": N_("avsluttet"),
    "letter": N_("brev"),
    "digital": N_("digitalt"),
    "meeting": N_("møte"),
    "phone": N_("telefon"),
    "home_visit": N_("hjemmebesøk"),
    "in_person": N_("personlig oppmøte"),
    "next_of_kin": N_("pårørende"),
    "other": N_("annen mottaker"),
    "unknown": N_("rolle ikke registrert"),
}
# The domain's Norwegian role aliases (`fastlege`, …) are names, the same in both standards.
ROLE_WORDS = {str(role): alias.replace("_", " ") for alias, role in ROLE_ALIASES_NB.items()}


def _word(word: object) -> object:
    if str(word) in WORDS_NB:
        return gettext(WORDS_NB[str(word)])
    return ROLE_WORDS.get(str(word), word)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(env)
    env.filters["nb"] = _word
    env.filters["yesno"] = lambda value: gettext(N_("ja") if value else N_("nei"))
    env.filters["t"] = lambda texts, key: gettext(texts[key]) if key in texts else key
    return env


def render(content: dict[str, Any], sha256: str) -> str:
    template = _environment().get_template("evidence_pack.html")
    return template.render(
        pack=content,
        sha256=sha256,
        lang=i18n.current(),
        flags=FLAGS_NB,
        grounds=grounds.labels(i18n.current()),  # one table, both standards: domain/grounds.py
        points={code: gettext(text) for code, text in POINTS.items()},  # catalogues.INNER
        refs=_labels(content),
    )


def _labels(pack: dict[str, Any]) -> dict[str, str]:
    """What a gap's record ids stand for, in words a reader can check against the sections."""
    labels = {g["goal_id"]: f"«{g['wording'][-1]['text']}»" for g in pack["goals"]}
    labels |= {
        m["meeting_id"]: gettext("møte %(date)s") % {"date": m["on"]} for m in pack["meetings"]
    }
    labels |= {
        e["evaluation_id"]: gettext("evaluering %(date)s") % {"date": e["on"]}
        for e in pack["evaluations"]
    }
    labels |= {m["measure_id"]: m["title"] for m in pack["measures"]}
    labels |= {
        str(v["number"]): gettext("versjon %(number)s") % {"number": v["number"]}
        for v in pack["versions"]
    }
    for gap in pack["missing"]:
        for span in gap["detail"].get("periods", []):
            days = ngettext("%(num)d dag", "%(num)d dager", span["days"]) % {"num": span["days"]}
            text = gettext("fra %(from)s til %(to)s (%(days)s)")
            labels[f"{span['from']}/{span['to']}"] = text % (span | {"days": days})
    return labels
