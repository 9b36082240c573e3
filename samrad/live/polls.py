"""Ready-made meeting polls (seeds/004: every Skellefteå 2030 meeting asked who was there and
how the meeting went), in the four languages; `services.poll_add` puts one into a session.

The texts are the poll's content, written in the dialogue's language, not UI strings: a
Swedish dialogue gets Swedish questions whatever language the facilitator's browser uses.
"""

from typing import Any

AGREE = {
    "sv": ("Instämmer inte alls", "Instämmer helt"),
    "nb": ("Helt uenig", "Helt enig"),
    "da": ("Helt uenig", "Helt enig"),
    "en": ("Strongly disagree", "Strongly agree"),
}

POLLS: dict[str, dict[str, Any]] = {
    "composition": {
        "title": {
            "sv": "Vilka är här?",
            "nb": "Hvem er her?",
            "da": "Hvem er her?",
            "en": "Who is here?",
        },
        "questions": [
            {
                "key": "age_band",
                "kind": "choice",
                "prompt": {
                    "sv": "Hur gammal är du?",
                    "nb": "Hvor gammel er du?",
                    "da": "Hvor gammel er du?",
                    "en": "How old are you?",
                },
                "choices": {
                    "sv": ["Under 18", "18–29", "30–44", "45–64", "65–79", "80 eller äldre"],
                    "nb": ["Under 18", "18–29", "30–44", "45–64", "65–79", "80 eller eldre"],
                    "da": ["Under 18", "18–29", "30–44", "45–64", "65–79", "80 eller ældre"],
                    "en": ["Under 18", "18–29", "30–44", "45–64", "65–79", "80 or older"],
                },
            },
            {
                "key": "relation",
                "kind": "choice",
                "allow_multiple": True,
                "prompt": {
                    "sv": "Vad är din koppling till orten? (välj alla som passar)",
                    "nb": "Hva er din tilknytning til stedet? (velg alle som passer)",
                    "da": "Hvad er din tilknytning til stedet? (vælg alle, der passer)",
                    "en": "What is your connection to the place? (choose all that apply)",
                },
                "choices": {
                    "sv": ["Jag bor här", "Förening", "Företag", "Jag arbetar här"],
                    "nb": ["Jeg bor her", "Forening", "Bedrift", "Jeg jobber her"],
                    "da": ["Jeg bor her", "Forening", "Virksomhed", "Jeg arbejder her"],
                    "en": ["I live here", "Association", "Business", "I work here"],
                },
            },
            {
                "key": "area",
                "kind": "choice",
                "prompt": {
                    "sv": "Var bor du?",
                    "nb": "Hvor bor du?",
                    "da": "Hvor bor du?",
                    "en": "Where do you live?",
                },
                "choices": {
                    "sv": [
                        "I centralorten",
                        "I en annan tätort",
                        "På landsbygden",
                        "Utanför kommunen",
                    ],
                    "nb": ["I sentrum", "I et annet tettsted", "På landsbygda", "Utenfor kommunen"],
                    "da": ["I hovedbyen", "I en anden by", "På landet", "Uden for kommunen"],
                    "en": [
                        "In the main town",
                        "In another town",
                        "In the countryside",
                        "Outside the municipality",
                    ],
                },
            },
            {
                "key": "first_meeting",
                "kind": "choice",
                "prompt": {
                    "sv": "Är det första gången du deltar i en medborgardialog?",
                    "nb": "Er dette første gang du deltar i en innbyggerdialog?",
                    "da": "Er det første gang, du deltager i en borgerdialog?",
                    "en": "Is this the first time you take part in a citizen dialogue?",
                },
                "choices": {
                    "sv": ["Ja", "Nej"],
                    "nb": ["Ja", "Nei"],
                    "da": ["Ja", "Nej"],
                    "en": ["Yes", "No"],
                },
            },
        ],
    },
    "evaluation": {
        "title": {
            "sv": "Vad tyckte du om mötet?",
            "nb": "Hva syntes du om møtet?",
            "da": "Hvad syntes du om mødet?",
            "en": "How was the meeting?",
        },
        "questions": [
            {
                "key": "satisfaction",
                "kind": "scale",
                "prompt": {
                    "sv": "Hur nöjd är du med mötet som helhet?",
                    "nb": "Hvor fornøyd er du med møtet som helhet?",
                    "da": "Hvor tilfreds er du med mødet som helhed?",
                    "en": "How satisfied are you with the meeting as a whole?",
                },
                "labels": {
                    "sv": ("Inte alls nöjd", "Mycket nöjd"),
                    "nb": ("Ikke fornøyd", "Svært fornøyd"),
                    "da": ("Slet ikke tilfreds", "Meget tilfreds"),
                    "en": ("Not at all satisfied", "Very satisfied"),
                },
            },
            {
                "key": "could_say",
                "kind": "scale",
                "prompt": {
                    "sv": "Jag kunde säga det jag ville.",
                    "nb": "Jeg fikk sagt det jeg ville.",
                    "da": "Jeg kunne sige det, jeg ville.",
                    "en": "I could say what I wanted.",
                },
                "labels": AGREE,
            },
            {
                "key": "trust",
                "kind": "scale",
                "prompt": {
                    "sv": "Jag litar på att det som sades tas om hand.",
                    "nb": "Jeg stoler på at det som ble sagt, blir fulgt opp.",
                    "da": "Jeg stoler på, at det, der blev sagt, bliver fulgt op.",
                    "en": "I trust that what was said will be taken care of.",
                },
                "labels": AGREE,
            },
            {
                "key": "comment",
                "kind": "open",
                "prompt": {
                    "sv": "Något mer du vill säga om mötet?",
                    "nb": "Noe mer du vil si om møtet?",
                    "da": "Er der andet, du vil sige om mødet?",
                    "en": "Anything else you want to say about the meeting?",
                },
            },
        ],
    },
}


def poll_questions(key: str, language: str) -> list[dict[str, Any]]:
    """The poll's questions in `language` (English if we do not speak it), ready to create."""
    if key not in POLLS:
        raise ValueError(f"unknown poll {key!r}; expected one of {', '.join(POLLS)}")
    lang = language if language in POLLS[key]["title"] else "en"
    role = "composition" if key == "composition" else "evaluation"
    questions = []
    for spec in POLLS[key]["questions"]:
        question: dict[str, Any] = {
            "kind": spec["kind"],
            "prompt": spec["prompt"][lang],
            "role": role,
            "template_key": spec["key"],
        }
        if "choices" in spec:
            question["choices"] = spec["choices"][lang]
            question["allow_multiple"] = spec.get("allow_multiple", False)
        if "labels" in spec:
            question["label_low"], question["label_high"] = spec["labels"][lang]
        questions.append(question)
    return questions
