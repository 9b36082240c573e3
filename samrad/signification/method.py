"""Sharing a method: a dialogue's survey definitions (never its stories) as plain data, and
bringing them into another dialogue.

    export(dialogue) -> {"surveys": [{title, prompt, intro, ask_title, consent_text,
                                       signifiers: [{kind, prompt, labels, allow_na, required}]}]}
    import_(dialogue, data, actor) -> list of new (draft) surveys; all or nothing
"""

from __future__ import annotations

from django.db import transaction

from samrad.signification import services
from samrad.signification.models import SignifierKind

VERSION = 1


def export(dialogue) -> dict:
    surveys = []
    for survey in dialogue.surveys.order_by("created_at", "id"):
        surveys.append(
            {
                "title": survey.title,
                "prompt": survey.prompt,
                "intro": survey.intro,
                "ask_title": survey.ask_title,
                "consent_text": survey.consent_text,
                "signifiers": [
                    {
                        "kind": s.kind,
                        "prompt": s.prompt,
                        "labels": list(s.labels),
                        "allow_na": s.allow_na,
                        "required": s.required,
                    }
                    for s in survey.signifiers.all()
                ],
            }
        )
    return {"version": VERSION, "surveys": surveys}


def _text(value, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise ValueError("invalid text")
    return value.strip()


@transaction.atomic
def import_(dialogue, data: dict, actor) -> list:
    """New draft surveys in `dialogue` from `export()` data. ValueError (nothing created)
    if anything in it is not valid."""
    if not isinstance(data, dict) or not isinstance(data.get("surveys", []), list):
        raise ValueError("expected {'surveys': [...]}")
    created = []
    for item in data.get("surveys", []):
        if not isinstance(item, dict):
            raise ValueError("a survey must be an object")
        survey = services.survey_create(
            dialogue=dialogue,
            actor=actor,
            title=_text(item.get("title"), 200, required=True),
            prompt=_text(item.get("prompt"), 500, required=True),
            intro=_text(item.get("intro", ""), 5000),
            ask_title=bool(item.get("ask_title", True)),
            consent_text=_text(item.get("consent_text", ""), 5000),
        )
        for signifier in item.get("signifiers", []):
            if not isinstance(signifier, dict) or signifier.get("kind") not in SignifierKind.values:
                raise ValueError("unknown signifier kind")
            labels = signifier.get("labels")
            if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
                raise ValueError("labels must be a list of texts")
            services.signifier_add(
                survey=survey,
                actor=actor,
                kind=signifier["kind"],
                prompt=_text(signifier.get("prompt"), 300, required=True),
                labels=[_text(label, 80, required=True) for label in labels],
                allow_na=bool(signifier.get("allow_na", True)),
                required=bool(signifier.get("required", False)),
            )
        created.append(survey)
    return created
