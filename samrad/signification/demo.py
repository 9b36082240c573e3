# ruff: noqa: E501  (the stories read better unbroken)
"""The demo's story survey for "Storby 2030": a Swedish signification survey with two triads,
two dyads, tags and two "about you" questions, and ~40 stories whose values come from a seeded
random draw around a few typical kinds of story, so that the plots look like real ones."""

from __future__ import annotations

import random
import uuid
from typing import Any

from samrad.signification import services

PROMPT = "Berätta om en gång när du kände dig hemma i Storby. Vad hände?"
SIGNIFIERS = [
    (
        "triad",
        "Vad gjorde att du kände dig hemma?",
        ["Människorna", "Platsen", "Att jag fick bidra"],
    ),
    ("triad", "Vem gjorde det möjligt?", ["Grannar och föreningar", "Kommunen", "Jag själv"]),
    ("dyad", "Hur ofta känner du så i Storby?", ["Sällan", "Nästan alltid"]),
    ("dyad", "Hur lätt var det att vara med?", ["Svårt", "Lätt"]),
    (
        "tags",
        "Var hände det?",
        ["Parken", "Torget", "Biblioteket", "Idrottsplatsen", "Gården", "Skolan"],
    ),
    ("tags", "Hur kändes det?", ["Glad", "Trygg", "Stolt", "Ensam", "Orolig"]),
    ("segment", "Din ålder", ["Under 20", "20–39", "40–64", "65 eller äldre"]),
    ("segment", "Var bor du?", ["Centrum", "Norrby", "Söderby", "Landsbygden"]),
]

# Kinds of story: texts, where, feelings, and the centre of their triad weights and dyads.
KINDS: list[dict[str, Any]] = [
    {
        "titles": ["Grannfesten", "Kaffe på gården", "Snöskottningen", "Flyttlasset"],
        "texts": [
            "Grannarna ordnade fest på gården och alla tog med sig något. Jag lärde känna tre nya familjer.",
            "När jag flyttade hit kom grannen över med kaffe och bullar och visade var allt fanns.",
            "Efter snöstormen skottade vi gården tillsammans, och sedan bjöd någon på soppa.",
            "En granne hjälpte mig bära upp hela flyttlasset till fjärde våningen utan att jag bad om det.",
        ],
        "where": [4],
        "feel": [0, 1],
        "t1": (0.75, 0.1, 0.15),
        "t2": (0.8, 0.05, 0.15),
        "dyads": (70, 85),
    },
    {
        "titles": ["Kvällen i parken", "Torgets julmarknad", "Bänken vid ån", "Nya biblioteket"],
        "texts": [
            "En ljummen kväll i parken med barnen, när belysningen vid dammen äntligen var lagad.",
            "Julmarknaden på torget: det luktade glögg och alla verkade känna någon.",
            "Jag sitter ofta på bänken vid ån. Den platsen har blivit min.",
            "Det nya biblioteket har stora fönster och mjuka stolar. Där vill jag vara.",
        ],
        "where": [0, 1, 2],
        "feel": [0, 1],
        "t1": (0.15, 0.75, 0.1),
        "t2": (0.15, 0.7, 0.15),
        "dyads": (60, 80),
    },
    {
        "titles": ["Fotbollsträningen", "Läxhjälpen", "Städdagen", "Föreningens loppis"],
        "texts": [
            "Jag blev tillfrågad om att hålla i fotbollsträningen för de yngsta. Nu hör jag till.",
            "Jag hjälper till med läxläsning på biblioteket varje tisdag. Barnen känner igen mig i affären.",
            "Städdagen i Norrby: vi var trettio personer och kommunen lånade ut containrar.",
            "Föreningens loppis på idrottsplatsen gav pengar till nya bollar, och jag stod i kassan.",
        ],
        "where": [3, 2, 5],
        "feel": [2, 0],
        "t1": (0.3, 0.1, 0.6),
        "t2": (0.5, 0.15, 0.35),
        "dyads": (55, 60),
    },
    {
        "titles": ["Första vintern", "Bussen som inte kom", "Ensam på torget"],
        "texts": [
            "Första vintern kände jag ingen. Det var först när jag började på språkcaféet som det vände.",
            "Bussen från Söderby slutade gå på kvällarna. Jag kände mig hemma först när grannen erbjöd skjuts.",
            "Jag satt ofta ensam på torget, tills en dag när någon från kyrkan frågade om jag ville följa med.",
        ],
        "where": [1, 2],
        "feel": [3, 4, 1],
        "t1": (0.55, 0.15, 0.3),
        "t2": (0.45, 0.35, 0.2),
        "dyads": (25, 35),
    },
]


def _around(
    centre: tuple[float, float, float], rng: random.Random, spread: float = 12
) -> list[float]:
    """Dirichlet draw around `centre` (higher spread = closer), as per cents for the form."""
    draws = [rng.gammavariate(max(weight * spread, 0.3), 1) for weight in centre]
    total = sum(draws)
    return [100 * draw / total for draw in draws]


def load(dialogue, actor) -> None:
    survey = services.survey_create(
        dialogue=dialogue,
        actor=actor,
        title="Hemma i Storby",
        prompt=PROMPT,
        intro="Din berättelse är anonym. Du bestämmer själv vad den betyder genom att placera den "
        "i trianglarna och på skalorna.",
        consent_text="",
    )
    for kind, question, labels in SIGNIFIERS:
        services.signifier_add(
            survey=survey, actor=actor, kind=kind, prompt=question, labels=labels
        )
    services.survey_set_status(survey=survey, actor=actor, status="open")
    services.peek_update(survey=survey, actor=actor, enabled=True, shows_stories=False)
    signifiers = list(survey.signifiers.all())
    rng = random.Random(2030)
    for _ in range(40):
        story = rng.choices(KINDS, weights=[3, 3, 2, 2])[0]
        index = rng.randrange(len(story["texts"]))
        data: dict = {
            "text": story["texts"][index],
            "title": story["titles"][index % len(story["titles"])],
        }
        t1, t2, d1, d2, where, feel, age, area = signifiers
        for triad, centre in ((t1, story["t1"]), (t2, story["t2"])):
            if rng.random() < 0.06:
                data[f"s{triad.pk}_na"] = "1"
            else:
                a, b, c = _around(centre, rng)
                data.update(
                    {f"s{triad.pk}_a": a, f"s{triad.pk}_b": b, f"s{triad.pk}_c": 100 - a - b}
                )
        for dyad, centre in ((d1, story["dyads"][0]), (d2, story["dyads"][1])):
            data[f"s{dyad.pk}"] = str(min(max(round(rng.gauss(centre, 15)), 0), 100))
        data[f"s{where.pk}"] = [str(rng.choice(story["where"]))]
        data[f"s{feel.pk}"] = sorted(
            {str(rng.choice(story["feel"])) for _ in range(rng.randint(1, 2))}
        )
        data[f"s{age.pk}"] = [str(rng.choices(range(4), weights=[2, 4, 5, 3])[0])]
        data[f"s{area.pk}"] = [str(rng.choices(range(4), weights=[4, 3, 3, 1])[0])]
        services.story_submit(
            survey=survey, respondent=uuid.UUID(int=rng.getrandbits(128)), data=data
        )
