"""The workshop templates of this app, with their texts in sv / nb / da / en (data, not
gettext: a workshop's texts follow the workshop's language, not the reader's).

- ``concerns`` — "Lös en farhåga" (seeds/000): ground rules → groups take a concern → ideas →
  dot vote → actions.
- ``smarta_orter`` — "Smarta Orter workshop" (seeds/001): ground rules → groups, each person
  for an association, a business or the municipality → Leva, Bo and Verka idea rounds → dot
  vote → actions owned by association, business or municipality.

Every template opens with the ground rules (no idea is wrong, an open and kind atmosphere).
"""

from __future__ import annotations

from samrad.workshops.models import Workshop, WorkshopStep
from samrad.workshops.services import step_add

LANGUAGES = ("sv", "nb", "da", "en")

GROUND_RULES = {
    "title": {
        "sv": "Ramarna för i dag",
        "nb": "Rammene for i dag",
        "da": "Rammerne for i dag",
        "en": "Ground rules for today",
    },
    "body": {
        "sv": "Inga idéer är fel eller dumma.\nHögt i tak: alla får tala till punkt.\n"
        "Vi bygger vidare på varandras idéer.\nEn snäll och öppen atmosfär.",
        "nb": "Ingen idéer er feil eller dumme.\nHøyt under taket: alle får snakke ferdig.\n"
        "Vi bygger videre på hverandres idéer.\nEn vennlig og åpen atmosfære.",
        "da": "Ingen idéer er forkerte eller dumme.\nHøjt til loftet: alle får talt færdigt.\n"
        "Vi bygger videre på hinandens idéer.\nEn venlig og åben atmosfære.",
        "en": "No idea is wrong or silly.\nEveryone may speak and finish speaking.\n"
        "We build on each other's ideas.\nAn open and kind atmosphere.",
    },
    "script": {
        "sv": "Sätt ramarna innan ni börjar: det här är viktigast av allt. Säg att inga "
        "idéer är fel eller dumma, att det är högt i tak och att vi hjälps åt att hålla en "
        "snäll och öppen ton. Be alla att ta fram telefonen och gå med med koden.",
        "nb": "Sett rammene før dere begynner: dette er det viktigste av alt. Si at ingen "
        "idéer er feil eller dumme, at det er høyt under taket, og at vi hjelper hverandre "
        "med å holde en vennlig og åpen tone. Be alle ta frem telefonen og bli med med koden.",
        "da": "Sæt rammerne, før I begynder: det er det vigtigste af alt. Sig, at ingen "
        "idéer er forkerte eller dumme, at der er højt til loftet, og at vi hjælper hinanden "
        "med at holde en venlig og åben tone. Bed alle om at finde telefonen frem og deltage "
        "med koden.",
        "en": "Set the frame before you start: this matters most. Say that no idea is wrong "
        "or silly, that everyone may speak freely and that we help each other keep the tone "
        "open and kind. Ask everyone to take out their phone and join with the code.",
    },
}

PICK = {
    "title": {
        "sv": "Varje grupp tar en farhåga",
        "nb": "Hver gruppe tar en bekymring",
        "da": "Hver gruppe tager en bekymring",
        "en": "Each group takes a concern",
    },
    "body": {
        "sv": "Välj din grupp på telefonen. Farhågorna kommer från kommuninvånarna: nu "
        "bemöter vi dem.",
        "nb": "Velg gruppen din på telefonen. Bekymringene kommer fra innbyggerne: nå møter "
        "vi dem.",
        "da": "Vælg din gruppe på telefonen. Bekymringerne kommer fra borgerne: nu tager vi "
        "hånd om dem.",
        "en": "Choose your group on your phone. The concerns come from residents: now we "
        "answer them.",
    },
    "script": {
        "sv": "Dela in rummet i grupper, till exempel efter bord. Ge varje grupp en farhåga "
        "på din skärm. Berätta kort varför farhågorna finns: de är vad invånarna sa i "
        "dialogen om trygghet, kollektivitet och smidighet.",
        "nb": "Del rommet inn i grupper, for eksempel etter bord. Gi hver gruppe en "
        "bekymring på skjermen din. Fortell kort hvorfor bekymringene finnes: de er det "
        "innbyggerne sa i dialogen om trygghet, fellesskap og smidighet.",
        "da": "Del rummet i grupper, for eksempel efter borde. Giv hver gruppe en bekymring "
        "på din skærm. Fortæl kort, hvorfor bekymringerne findes: de er, hvad borgerne sagde "
        "i dialogen om tryghed, fællesskab og smidighed.",
        "en": "Split the room into groups, for example by table. Give each group a concern "
        "on your screen. Say briefly where the concerns come from: what residents said in "
        "the dialogue about safety, community and ease.",
    },
}

IDEAS = {
    "title": {
        "sv": "Idéer som bemöter farhågan",
        "nb": "Idéer som møter bekymringen",
        "da": "Idéer, der imødegår bekymringen",
        "en": "Ideas that answer the concern",
    },
    "body": {
        "sv": "Vad kan vi göra så att farhågan blir mindre? Skriv en idé i taget.",
        "nb": "Hva kan vi gjøre så bekymringen blir mindre? Skriv én idé om gangen.",
        "da": "Hvad kan vi gøre, så bekymringen bliver mindre? Skriv én idé ad gangen.",
        "en": "What can we do to make the concern smaller? Write one idea at a time.",
    },
    "script": {
        "sv": "Ge grupperna 10–15 minuter. Gå runt och hjälp igång grupper som står still: "
        "fråga vad som skulle få en orolig granne att känna sig tryggare. Idéerna syns på "
        "projektorn medan de kommer in; dölj eller slå ihop dubbletter här.",
        "nb": "Gi gruppene 10–15 minutter. Gå rundt og hjelp grupper som står fast: spør hva "
        "som ville få en bekymret nabo til å føle seg tryggere. Idéene vises på projektoren "
        "etter hvert; skjul eller slå sammen duplikater her.",
        "da": "Giv grupperne 10–15 minutter. Gå rundt og hjælp grupper i gang, der står "
        "stille: spørg, hvad der ville få en bekymret nabo til at føle sig tryggere. Idéerne "
        "vises på projektoren, efterhånden som de kommer; skjul eller slå dubletter sammen "
        "her.",
        "en": "Give the groups 10–15 minutes. Walk around and help groups that are stuck: "
        "ask what would make a worried neighbour feel safer. Ideas appear on the projector "
        "as they come in; hide or merge duplicates here.",
    },
}

VOTE = {
    "title": {
        "sv": "Prickröstning",
        "nb": "Prikkavstemning",
        "da": "Prikafstemning",
        "en": "Dot vote",
    },
    "body": {
        "sv": "Sätt dina prickar på de idéer du tror mest på. Du kan ta tillbaka en prick.",
        "nb": "Sett prikkene dine på idéene du har mest tro på. Du kan ta tilbake en prikk.",
        "da": "Sæt dine prikker på de idéer, du tror mest på. Du kan tage en prik tilbage.",
        "en": "Put your dots on the ideas you believe in most. You can take a dot back.",
    },
    "script": {
        "sv": "Läs upp idéerna per farhåga innan röstningen börjar. Varje deltagare har tre "
        "prickar. Stäng röstningen när de flesta har röstat; resultatet visas rangordnat.",
        "nb": "Les opp idéene per bekymring før avstemningen begynner. Hver deltaker har tre "
        "prikker. Steng avstemningen når de fleste har stemt; resultatet vises rangert.",
        "da": "Læs idéerne op for hver bekymring, før afstemningen begynder. Hver deltager "
        "har tre prikker. Luk afstemningen, når de fleste har stemt; resultatet vises "
        "rangordnet.",
        "en": "Read out the ideas of each concern before the vote starts. Everyone has "
        "three dots. Close the vote when most have voted; the result is shown ranked.",
    },
}

ACTIONS = {
    "title": {
        "sv": "Från idé till handling",
        "nb": "Fra idé til handling",
        "da": "Fra idé til handling",
        "en": "From idea to action",
    },
    "body": {
        "sv": "De idéer som fick flest prickar blir åtgärder: vad, vem, när.",
        "nb": "Idéene med flest prikker blir tiltak: hva, hvem, når.",
        "da": "Idéerne med flest prikker bliver til handlinger: hvad, hvem, hvornår.",
        "en": "The ideas with most dots become actions: what, who, by when.",
    },
    "script": {
        "sv": "Gör de främsta idéerna till åtgärder med ett klick. Fråga rummet vem som "
        "äger varje åtgärd (förening, företag eller kommun) och när den ska vara klar. "
        "Avsluta med att berätta hur ni återkopplar.",
        "nb": "Gjør de beste idéene til tiltak med ett klikk. Spør rommet hvem som eier "
        "hvert tiltak (forening, bedrift eller kommune) og når det skal være ferdig. Avslutt "
        "med å fortelle hvordan dere gir tilbakemelding.",
        "da": "Gør de bedste idéer til handlinger med ét klik. Spørg rummet, hvem der ejer "
        "hver handling (forening, virksomhed eller kommune), og hvornår den skal være "
        "færdig. Slut af med at fortælle, hvordan I giver tilbagemelding.",
        "en": "Turn the top ideas into actions with one click. Ask the room who owns each "
        "action (association, business or municipality) and when it should be done. End by "
        "telling how you will report back.",
    },
}

# Smarta Orter: the same ground rules, then cooperation of förening, företag and kommun.
ORTER_PICK = {
    "title": {
        "sv": "Förening, företag och kommun",
        "nb": "Forening, bedrift og kommune",
        "da": "Forening, virksomhed og kommune",
        "en": "Association, business and municipality",
    },
    "body": {
        "sv": "Välj din grupp och om du är här för en förening, ett företag eller kommunen. "
        "Samverkan mellan oss är en förutsättning för att orten ska utvecklas.",
        "nb": "Velg gruppen din og om du er her for en forening, en bedrift eller kommunen. "
        "Samarbeid mellom oss er en forutsetning for at stedet skal utvikle seg.",
        "da": "Vælg din gruppe, og om du er her for en forening, en virksomhed eller "
        "kommunen. Samarbejde mellem os er en forudsætning for, at byen udvikler sig.",
        "en": "Choose your group and whether you are here for an association, a business or "
        "the municipality. Working together is what makes a place develop.",
    },
    "script": {
        "sv": "Blanda grupperna så att varje bord har föreningar, företag och kommun, och "
        "gärna flera generationer. Ge varje grupp en utmaning för orten från intervjuerna.",
        "nb": "Bland gruppene slik at hvert bord har foreninger, bedrifter og kommune, og "
        "gjerne flere generasjoner. Gi hver gruppe en utfordring for stedet fra intervjuene.",
        "da": "Bland grupperne, så hvert bord har foreninger, virksomheder og kommune, og "
        "gerne flere generationer. Giv hver gruppe en udfordring for byen fra interviewene.",
        "en": "Mix the groups so that each table has associations, businesses and the "
        "municipality, and several generations if you can. Give each group a challenge for "
        "the place from the interviews.",
    },
}

SPHERE_ROUNDS = {
    "leva": {
        "title": {"sv": "Leva", "nb": "Leve", "da": "Leve", "en": "Live"},
        "body": {
            "sv": "Hur vill vi leva i orten? Fritid, möten, trygghet, service.",
            "nb": "Hvordan vil vi leve på stedet? Fritid, møteplasser, trygghet, tjenester.",
            "da": "Hvordan vil vi leve i byen? Fritid, mødesteder, tryghed, service.",
            "en": "How do we want to live here? Leisure, meeting places, safety, services.",
        },
    },
    "bo": {
        "title": {"sv": "Bo", "nb": "Bo", "da": "Bo", "en": "Dwell"},
        "body": {
            "sv": "Hur vill vi bo? Bostäder för unga och äldre, resor, natur.",
            "nb": "Hvordan vil vi bo? Boliger for unge og eldre, reiser, natur.",
            "da": "Hvordan vil vi bo? Boliger for unge og ældre, transport, natur.",
            "en": "How do we want to dwell? Homes for young and old, travel, nature.",
        },
    },
    "verka": {
        "title": {"sv": "Verka", "nb": "Virke", "da": "Virke", "en": "Work"},
        "body": {
            "sv": "Hur vill vi arbeta och verka? Företag, jobb, föreningsliv, ideella krafter.",
            "nb": "Hvordan vil vi arbeide og virke? Bedrifter, jobber, foreningsliv, frivillige.",
            "da": "Hvordan vil vi arbejde og virke? Virksomheder, job, foreningsliv, frivillige.",
            "en": "How do we want to work and act? Businesses, jobs, associations, volunteers.",
        },
    },
}

SPHERE_SCRIPT = {
    "sv": "En runda om {sphere}: tio minuter. Påminn om att alla idéer är välkomna och att "
    "förening, företag och kommun kan göra olika delar.",
    "nb": "En runde om {sphere}: ti minutter. Minn om at alle idéer er velkomne, og at "
    "forening, bedrift og kommune kan gjøre ulike deler.",
    "da": "En runde om {sphere}: ti minutter. Mind om, at alle idéer er velkomne, og at "
    "forening, virksomhed og kommune kan gøre forskellige dele.",
    "en": "A round on {sphere}: ten minutes. Remind everyone that all ideas are welcome and "
    "that association, business and municipality can each do different parts.",
}


def _in(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts["en"]


def _step(workshop: Workshop, format: str, texts: dict, language: str, **options) -> WorkshopStep:
    return step_add(
        workshop=workshop,
        format=format,
        title=_in(texts["title"], language),
        body=_in(texts["body"], language),
        script=_in(texts["script"], language),
        options=options,
    )


def build_concerns(workshop: Workshop, language: str) -> list[WorkshopStep]:
    """Lös en farhåga: ground rules → pick → ideas → vote → actions, two groups."""
    from samrad.concerns import services

    services.groups_ensure(workshop=workshop, count=2)
    return [
        _step(workshop, "workshops.text", GROUND_RULES, language),
        _step(workshop, "concerns.pick", PICK, language),
        _step(workshop, "concerns.ideas", IDEAS, language, max_length=200),
        _step(workshop, "concerns.vote", VOTE, language, dots=3, several=False),
        _step(workshop, "concerns.actions", ACTIONS, language, top=3),
    ]


def build_smarta_orter(workshop: Workshop, language: str) -> list[WorkshopStep]:
    """Smarta Orter: ground rules → groups with roles → Leva, Bo, Verka → vote → actions."""
    from samrad.concerns import services

    services.groups_ensure(workshop=workshop, count=3)
    steps = [
        _step(workshop, "workshops.text", GROUND_RULES, language),
        _step(workshop, "concerns.pick", ORTER_PICK, language, ask_role=True),
    ]
    for sphere, texts in SPHERE_ROUNDS.items():
        title = _in(texts["title"], language)
        round_texts = {
            "title": texts["title"],
            "body": texts["body"],
            "script": {lang: SPHERE_SCRIPT[lang].format(sphere=title) for lang in LANGUAGES},
        }
        steps.append(
            _step(
                workshop,
                "concerns.ideas",
                round_texts,
                language,
                sphere=sphere,
                max_length=200,
            )
        )
    steps.append(_step(workshop, "concerns.vote", VOTE, language, dots=3, several=True))
    steps.append(_step(workshop, "concerns.actions", ACTIONS, language, top=3))
    return steps
