"""The process-evaluation questionnaire for the project group (seeds/004: "a process evaluation
with the project group was incredibly useful for future dialogues"), in sv/nb/da/en.

Content, not UI strings: the questionnaire speaks the dialogue's language.
"""

from typing import Any

from samrad.live.polls import AGREE

TITLE = {
    "sv": "Processutvärdering för projektgruppen",
    "nb": "Prosessevaluering for prosjektgruppen",
    "da": "Procesevaluering for projektgruppen",
    "en": "Process evaluation for the project group",
}

SATISFIED = {
    "sv": ("Inte alls nöjd", "Mycket nöjd"),
    "nb": ("Ikke fornøyd", "Svært fornøyd"),
    "da": ("Slet ikke tilfreds", "Meget tilfreds"),
    "en": ("Not at all satisfied", "Very satisfied"),
}

QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "scale",
        "labels": AGREE,
        "prompt": {
            "sv": "Syftet med dialogen var tydligt för mig från början.",
            "nb": "Formålet med dialogen var tydelig for meg fra starten.",
            "da": "Formålet med dialogen var tydeligt for mig fra starten.",
            "en": "The purpose of the dialogue was clear to me from the start.",
        },
    },
    {
        "kind": "scale",
        "labels": AGREE,
        "prompt": {
            "sv": "Målmatrisen hjälpte oss att styra arbetet.",
            "nb": "Målmatrisen hjalp oss å styre arbeidet.",
            "da": "Målmatrixen hjalp os med at styre arbejdet.",
            "en": "The goal matrix helped us steer the work.",
        },
    },
    {
        "kind": "scale",
        "labels": AGREE,
        "prompt": {
            "sv": "Vi kom igång med kommunikationen i tid.",
            "nb": "Vi kom i gang med kommunikasjonen i tide.",
            "da": "Vi kom i gang med kommunikationen i tide.",
            "en": "We started the communication work in time.",
        },
    },
    {
        "kind": "scale",
        "labels": AGREE,
        "prompt": {
            "sv": "Vi nådde de målgrupper vi ville nå.",
            "nb": "Vi nådde de målgruppene vi ville nå.",
            "da": "Vi nåede de målgrupper, vi ville nå.",
            "en": "We reached the target groups we wanted to reach.",
        },
    },
    {
        "kind": "scale",
        "labels": AGREE,
        "prompt": {
            "sv": "Politikerna var med i de viktiga besluten.",
            "nb": "Politikerne var med i de viktige beslutningene.",
            "da": "Politikerne var med i de vigtige beslutninger.",
            "en": "The politicians took part in the important decisions.",
        },
    },
    {
        "kind": "scale",
        "labels": SATISFIED,
        "prompt": {
            "sv": "Hur nöjd är du med dialogen som helhet?",
            "nb": "Hvor fornøyd er du med dialogen som helhet?",
            "da": "Hvor tilfreds er du med dialogen som helhed?",
            "en": "How satisfied are you with the dialogue as a whole?",
        },
    },
    {
        "kind": "open",
        "prompt": {
            "sv": "Vad fungerade bäst?",
            "nb": "Hva fungerte best?",
            "da": "Hvad fungerede bedst?",
            "en": "What worked best?",
        },
    },
    {
        "kind": "open",
        "prompt": {
            "sv": "Vad skulle du göra annorlunda nästa gång?",
            "nb": "Hva ville du gjort annerledes neste gang?",
            "da": "Hvad ville du gøre anderledes næste gang?",
            "en": "What would you do differently next time?",
        },
    },
]


def questions_in(language: str) -> tuple[str, list[dict[str, Any]]]:
    """(title, questions ready for `live.services.question_add`) in `language` (else English)."""
    lang = language if language in TITLE else "en"
    questions = []
    for spec in QUESTIONS:
        question: dict[str, Any] = {"kind": spec["kind"], "prompt": spec["prompt"][lang]}
        if "labels" in spec:
            question["label_low"], question["label_high"] = spec["labels"][lang]
        questions.append(question)
    return TITLE[lang], questions
