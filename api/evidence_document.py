"""The evidence pack as a printable Norwegian document (HTML), rendered from the pack's JSON."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from domain.required_content import POINTS
from domain.values import ROLE_ALIASES_NB

FLAGS_NB = {
    "no_plan_granted": "Ingen innvilget plan (vedtak mangler eller er avslag)",
    "plan_lacks_required_content": "Planen mangler påkrevd innhold (punktene i forskriften)",
    "no_plan_consent": "Ingen samtykke til planen registrert for perioden",
    "no_mapping_in_users_words": "Ingen kartlegging med brukerens egne ord",
    "no_goals": "Ingen mål registrert",
    "goal_not_confirmed": "Mål brukeren ikke har bekreftet",
    "no_meeting_in_period": "Ingen møter i perioden",
    "meeting_without_user": "Møter uten brukeren",
    "agenda_not_prepared_with_user": "Møter der dagsorden ikke ble forberedt med brukeren",
    "evaluation_without_user": "Evalueringer uten brukeren",
    "users_view_not_recorded": "Evalueringer uten brukerens eget syn",
    "no_revision_date": "Ingen dato for revisjon er satt",
    "evaluation_overdue": "Evaluering forfalt uten å bli holdt i tide",
    "no_version_agreed": "Ingen planversjon avtalt",
    "version_not_agreed_with_user": "Planversjoner ikke avtalt med brukeren",
    "version_not_delivered_to_user": "Planversjoner ikke levert til brukeren",
    "no_complaint_information": "Ingen registrert informasjon om klagerett",
    "no_coordinator": "Uten koordinator",
    "content_before_consent": "Innhold datert da intet samtykke til planen gjaldt",
    "measure_overdue": "Tiltak forfalt uten å være startet",
}
GROUNDS_NB = {
    "no_plan": "Ingen plan",
    "plan_lacks_content": "Planen mangler påkrevd innhold",
    "lack_of_user_participation": "Manglende brukermedvirkning",
    "measures_not_delivered": "Planlagte tiltak ikke levert",
    "no_coordinator": "Ingen koordinator",
}
WORDS_NB = {
    "user": "bruker",
    "representative": "representant",
    "professional": "fagperson",
    "agreed": "enig",
    "pending": "ikke bekreftet",
    "plan": "planen",
    "sharing": "deling",
    "active": "aktivt",
    "achieved": "nådd",
    "dropped": "avsluttet",
    "appointed": "oppnevnt",
    "replaced": "byttet",
    "withdrew": "trakk seg",
    "declined": "takket nei",
    "unit_made_responsible": "enhet fikk ansvar",
    "deputy_appointed": "stedfortreder oppnevnt",
    "deputy_removed": "stedfortreder fjernet",
    "goal_formulated_by_professional": "Mål formulert av fagperson på brukerens vegne",
    "goal_revised_by_professional": "Mål endret av fagperson",
    "goal_dropped_by_professional": "Mål avsluttet av fagperson",
    "measure_refused": "Tiltak avslått",
    "version_agreed_without_user": "Planversjon avtalt uten brukeren",
    "participant_removed": "Deltaker fjernet",
    "plan_closed": "Planen avsluttet",
    "plan_suspended": "Planen stilt i bero",
    "granted": "innvilget",
    "refused": "avslått",
    "wished": "ønsket",
    "applied_for": "søkt",
    "started": "startet",
    "ended": "avsluttet",
    "letter": "brev",
    "digital": "digitalt",
    "meeting": "møte",
    "phone": "telefon",
    "home_visit": "hjemmebesøk",
    "in_person": "personlig oppmøte",
    "next_of_kin": "pårørende",
    "other": "annen mottaker",
    "unknown": "rolle ikke registrert",
} | {str(role): alias.replace("_", " ") for alias, role in ROLE_ALIASES_NB.items()}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("api", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["nb"] = lambda word: WORDS_NB.get(str(word), word)
    env.filters["yesno"] = lambda value: "ja" if value else "nei"
    return env


def render(content: dict[str, Any], sha256: str) -> str:
    template = _environment().get_template("evidence_pack.html")
    return template.render(
        pack=content,
        sha256=sha256,
        flags=FLAGS_NB,
        grounds=GROUNDS_NB,
        points=POINTS,
        refs=_labels(content),
    )


def _labels(pack: dict[str, Any]) -> dict[str, str]:
    """What a gap's record ids stand for, in words a reader can check against the sections."""
    labels = {g["goal_id"]: f"«{g['wording'][-1]['text']}»" for g in pack["goals"]}
    labels |= {m["meeting_id"]: f"møte {m['on']}" for m in pack["meetings"]}
    labels |= {e["evaluation_id"]: f"evaluering {e['on']}" for e in pack["evaluations"]}
    labels |= {m["measure_id"]: m["title"] for m in pack["measures"]}
    labels |= {str(v["number"]): f"versjon {v['number']}" for v in pack["versions"]}
    for gap in pack["missing"]:
        for span in gap["detail"].get("periods", []):
            days = "1 dag" if span["days"] == 1 else f"{span['days']} dager"
            labels[f"{span['from']}/{span['to']}"] = f"fra {span['from']} til {span['to']} ({days})"
    return labels
