# ruff: noqa: E501  (content sentences read better unbroken)
"""The example survey a facilitator may start from, in each language we speak.

Content, not interface text: it is written in the dialogue's language as data (per-language
dicts), not through gettext, and the facilitator edits it freely afterwards.
"""

EXAMPLE: dict[str, dict] = {
    "sv": {
        "title": "Berättelser om samskapande",
        "prompt": "Berätta om en gång när du gjorde något tillsammans med andra i din ort. Vad hände?",
        "intro": "Din berättelse är anonym. Du väljer själv vad den betyder genom att placera den i trianglarna och på skalorna.",
        "consent_text": "Jag går med på att min berättelse används anonymt i dialogens rapport.",
        "signifiers": [
            (
                "triad",
                "Vad var viktigast i det som hände?",
                ["Tillit", "Praktisk hjälp", "Gemenskap"],
            ),
            ("triad", "Vem drev det framåt?", ["Föreningar och invånare", "Kommunen", "Företag"]),
            ("dyad", "Hur kändes det att vara med?", ["Utanför", "Helt delaktig"]),
            (
                "dyad",
                "Vad blev resultatet?",
                ["Ingenting förändrades", "Något blev varaktigt bättre"],
            ),
            (
                "tags",
                "Vilka var med?",
                ["Grannar", "Förening", "Kommunen", "Företag", "Skola", "Familj"],
            ),
            (
                "tags",
                "Hur känns berättelsen?",
                ["Glad", "Hoppfull", "Frustrerad", "Ledsen", "Neutral"],
            ),
            ("segment", "Din ålder", ["Under 20", "20–39", "40–64", "65 eller äldre"]),
        ],
    },
    "nb": {
        "title": "Fortellinger om samskaping",
        "prompt": "Fortell om en gang du gjorde noe sammen med andre der du bor. Hva skjedde?",
        "intro": "Fortellingen din er anonym. Du bestemmer selv hva den betyr ved å plassere den i trekantene og på skalaene.",
        "consent_text": "Jeg godtar at fortellingen min brukes anonymt i dialogens rapport.",
        "signifiers": [
            (
                "triad",
                "Hva var viktigst i det som skjedde?",
                ["Tillit", "Praktisk hjelp", "Fellesskap"],
            ),
            (
                "triad",
                "Hvem drev det fremover?",
                ["Foreninger og innbyggere", "Kommunen", "Bedrifter"],
            ),
            ("dyad", "Hvordan føltes det å være med?", ["Utenfor", "Helt delaktig"]),
            ("dyad", "Hva ble resultatet?", ["Ingenting endret seg", "Noe ble varig bedre"]),
            (
                "tags",
                "Hvem var med?",
                ["Naboer", "Forening", "Kommunen", "Bedrift", "Skole", "Familie"],
            ),
            (
                "tags",
                "Hvordan føles fortellingen?",
                ["Glad", "Håpefull", "Frustrert", "Lei meg", "Nøytral"],
            ),
            ("segment", "Din alder", ["Under 20", "20–39", "40–64", "65 eller eldre"]),
        ],
    },
    "da": {
        "title": "Fortællinger om samskabelse",
        "prompt": "Fortæl om en gang, hvor du gjorde noget sammen med andre, der hvor du bor. Hvad skete der?",
        "intro": "Din fortælling er anonym. Du bestemmer selv, hvad den betyder, ved at placere den i trekanterne og på skalaerne.",
        "consent_text": "Jeg accepterer, at min fortælling bruges anonymt i dialogens rapport.",
        "signifiers": [
            (
                "triad",
                "Hvad var vigtigst i det, der skete?",
                ["Tillid", "Praktisk hjælp", "Fællesskab"],
            ),
            (
                "triad",
                "Hvem drev det fremad?",
                ["Foreninger og borgere", "Kommunen", "Virksomheder"],
            ),
            ("dyad", "Hvordan føltes det at være med?", ["Udenfor", "Helt deltagende"]),
            ("dyad", "Hvad blev resultatet?", ["Intet ændrede sig", "Noget blev varigt bedre"]),
            (
                "tags",
                "Hvem var med?",
                ["Naboer", "Forening", "Kommunen", "Virksomhed", "Skole", "Familie"],
            ),
            (
                "tags",
                "Hvordan føles fortællingen?",
                ["Glad", "Håbefuld", "Frustreret", "Ked af det", "Neutral"],
            ),
            ("segment", "Din alder", ["Under 20", "20–39", "40–64", "65 eller ældre"]),
        ],
    },
    "en": {
        "title": "Stories of co-creation",
        "prompt": "Tell about a moment when you did something together with others where you live. What happened?",
        "intro": "Your story is anonymous. You decide what it means by placing it in the triangles and on the scales.",
        "consent_text": "I agree that my story is used anonymously in the dialogue's report.",
        "signifiers": [
            (
                "triad",
                "What mattered most in what happened?",
                ["Trust", "Practical help", "Community"],
            ),
            (
                "triad",
                "Who drove it forward?",
                ["Associations and residents", "The municipality", "Businesses"],
            ),
            ("dyad", "How did it feel to take part?", ["Left out", "Fully involved"]),
            ("dyad", "What came of it?", ["Nothing changed", "Something lastingly better"]),
            (
                "tags",
                "Who took part?",
                ["Neighbours", "Association", "Municipality", "Business", "School", "Family"],
            ),
            (
                "tags",
                "How does the story feel?",
                ["Happy", "Hopeful", "Frustrated", "Sad", "Neutral"],
            ),
            ("segment", "Your age", ["Under 20", "20–39", "40–64", "65 or older"]),
        ],
    },
}


def example_for(language: str) -> dict:
    return EXAMPLE.get(language, EXAMPLE["en"])
