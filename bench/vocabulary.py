"""The words a synthetic plan is made of: municipalities, names, goals, measures, reasons.

All fictional; users are identified by local `person_id`s, never by identity numbers.
"""

from __future__ import annotations

MUNICIPALITIES: dict[str, tuple[str, int, tuple[str, ...]]] = {
    # kommunenummer: (name, population (for weighting), districts)
    "0301": (
        "Oslo kommune",
        717_000,
        ("Gamle Oslo", "Grünerløkka", "Frogner", "Bjerke", "Søndre Nordstrand"),
    ),
    "4601": ("Bergen kommune", 291_000, ("Årstad", "Fana", "Laksevåg", "Åsane")),
    "5001": ("Trondheim kommune", 214_000, ("Østbyen", "Midtbyen", "Heimdal", "Lerkendal")),
    "1103": ("Stavanger kommune", 147_000, ("Hundvåg", "Madla", "Hillevåg")),
    "3907": ("Sandefjord kommune", 65_000, ("Sentrum", "Andebu")),
}
DEFAULT_MUNICIPALITIES = ["5001", "0301", "4601", "1103", "3907"]
FALLBACK_DISTRICTS = ("Nord", "Sør")

UNIT_KINDS = (
    "Hjemmetjenesten",
    "Psykisk helse og rus",
    "Barne- og familietjenesten",
    "Tjenester for funksjonshemmede",
)

FIRST_NAMES = (
    "Ola",
    "Kari",
    "Per",
    "Anne",
    "Jonas",
    "Ingrid",
    "Emma",
    "Lars",
    "Nora",
    "Ali",
    "Fatima",
    "Mohammed",
    "Sara",
    "Henrik",
    "Sofie",
    "Magnus",
    "Leah",
    "Jakob",
    "Aisha",
    "Tor",
    "Liv",
    "Nils",
    "Marit",
    "Emil",
    "Hanne",
    "Oskar",
    "Ida",
    "Sander",
    "Maja",
    "Erik",
    "Astrid",
)
LAST_NAMES = (
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Henriksen",
    "Lund",
    "Ahmed",
)

SOURCES = ("user", "next_of_kin", "service", "gp", "hospital", "other")
SOURCE_WEIGHTS = (20, 15, 30, 15, 15, 5)

GOALS = (
    "Jeg vil bo i egen leilighet",
    "Jeg vil klare å handle selv",
    "Komme i arbeid eller arbeidstrening",
    "Gå tur med hunden hver dag",
    "Fullføre videregående skole",
    "Ha en fast venn å gjøre ting sammen med",
    "Sove bedre om natten",
    "Mindre rus, mer struktur i hverdagen",
    "Klare å reise med buss på egen hånd",
    "Trives på skolen og ha det bra i friminuttene",
    "Mestre egen økonomi",
    "Bo hjemme så lenge som mulig",
    "Færre innleggelser",
    "Delta på trening to ganger i uka",
)

MEASURES: tuple[tuple[str, str, str], ...] = (
    # (title, responsible service, sector of the service)
    ("Hjemmesykepleie", "Hjemmetjenesten", "care"),
    ("Praktisk bistand", "Hjemmetjenesten", "care"),
    ("Fysioterapi", "Fysioterapitjenesten", "health"),
    ("Ergoterapi og hjelpemidler", "Ergoterapitjenesten", "health"),
    ("Støttekontakt", "Tjenester for funksjonshemmede", "care"),
    ("Brukerstyrt personlig assistanse", "Tjenester for funksjonshemmede", "care"),
    ("Avlastning", "Barne- og familietjenesten", "care"),
    ("Psykisk helsehjelp, samtaler", "Psykisk helse og rus", "health"),
    ("Arbeidsavklaringspenger og arbeidsrettet tiltak", "NAV", "nav"),
    ("Tilrettelagt undervisning", "PPT", "school"),
    ("Poliklinisk oppfølging", "Helseforetaket, DPS", "specialist_health"),
    ("Miljøterapi i hjemmet", "Barneverntjenesten", "child_welfare"),
    ("Bolig med bemanning", "Boligkontoret", "care"),
    ("Dagaktivitetstilbud", "Aktivitetssenteret", "care"),
)

RESOURCES = (
    "Glad i musikk og spiller gitar",
    "God støtte fra søster",
    "Sterk vilje og godt humør",
    "Har et fast arbeidssted å gå tilbake til",
    "Gode venner i nabolaget",
)
NEEDS = (
    "Hjelp til medisiner morgen og kveld",
    "Hjelp til å strukturere dagen",
    "Tilrettelagt bolig",
    "Transport til behandling",
    "Hjelp til søknader og økonomi",
    "Avlastning for foreldrene",
)
WORDS = (
    "Jeg vil klare meg mest mulig selv",
    "Det viktigste for meg er å bo hjemme",
    "Jeg vil ha én å ringe når noe skjer",
    "Jeg vil tilbake på jobb",
    "Jeg vil at mamma skal slippe å koordinere alt",
)
OUTCOMES = (
    "Videreføres uendret",
    "Mål delvis nådd, tiltak justeres",
    "Nye mål avtalt med bruker",
    "Tiltak trappes ned",
    "Behov økt, flere tjenester søkes",
)
REASONS = {
    "close": (
        "Flyttet fra kommunen",
        "Behovet for koordinerte tjenester er borte",
        "Død",
        "Brukeren ønsker ikke lenger plan",
        "Overført til spesialisthelsetjenesten",
    ),
    "reopen": ("Flyttet tilbake", "Nytt behov for koordinerte tjenester"),
    "withdraw": ("Brukeren trekker samtykket", "Representanten trekker samtykket"),
    "suspend": ("Soning i fengsel", "Langvarig institusjonsopphold", "Utenlandsopphold"),
    "resume": ("Løslatt", "Utskrevet fra institusjon", "Tilbake i kommunen"),
    "coordinator": (
        "Sluttet i stillingen",
        "Permisjon",
        "Ny organisering av enheten",
        "Brukeren ønsket en annen koordinator",
    ),
    "decline": ("Har ikke kapasitet", "Mangler kompetanse på området"),
    "refuse": ("Behovet er ikke langvarig", "Behovet gjelder én tjeneste"),
    "user_declined": ("Ønsker ikke plan nå", "Synes det blir for mange møter"),
    "goal": ("Brukeren ønsket en annen ordlyd", "Målet var for ambisiøst", "Ikke lenger aktuelt"),
    "deputy": ("Stedfortreder sluttet", "Ny stedfortreder avtalt"),
    "participant": ("Tjenesten er avsluttet", "Flyttet til annen enhet"),
    "period": ("Planperioden forlenges", "Ny planperiode etter evaluering"),
}
RECIPIENTS = (
    {"name": "Brukeren", "role": "user"},
    {"name": "Fastlegen", "organisation": "Legekontoret", "role": "service_provider"},
    {"name": "Pårørende", "role": "next_of_kin"},
    {"name": "NAV-veileder", "organisation": "NAV", "role": "service_provider"},
)
PARTNERS = (
    {"organisation": "NAV", "sector": "nav", "purpose": "Arbeid og ytelser"},
    {"organisation": "Helseforetaket, DPS", "sector": "specialist_health"},
    {"organisation": "Barneverntjenesten", "sector": "child_welfare"},
    {"organisation": "Skolen og PPT", "sector": "school", "purpose": "Tilrettelegging"},
    {"organisation": "Fastlegen", "sector": "health"},
)
