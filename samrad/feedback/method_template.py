"""The method template: a dialogue's method as versioned JSON that another organisation imports
to start its own dialogue.

    {"format": "samrad-method", "version": 1, "dialogue": {...}, "phases": [...],
     "sessions": [{"title", "mode", "questions": [{"kind", "prompt", "choices", ...}]}],
     "lessons": "...", "apps": {"planning": {...}, "workshops": {...}, ...}}

Only the method travels: no answers, participants, subscribers, meetings or dates. Each app
adds its part through `samrad/<app>/method.py` (`export(dialogue) -> dict | None`,
`import_(dialogue, data, actor)`). An import is all or nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samrad.core import audit, plugins
from samrad.dialogues import services as dialogue_services
from samrad.dialogues.models import Dialogue
from samrad.feedback import selectors
from samrad.feedback.models import GuideNotes
from samrad.live import services as live_services
from samrad.live.models import QuestionKind, QuestionRole, SessionMode, SessionStatus

FORMAT = "samrad-method"
VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
MAX_SESSIONS = 200
MAX_QUESTIONS = 200

QUESTION_OPTIONS = {
    # name: (type, default) of the question settings that travel
    "allow_multiple": (bool, False),
    "allow_other": (bool, False),
    "max_entries": (int, 3),
    "max_words": (int, 3),
    "scale_min": (int, 1),
    "scale_max": (int, 5),
    "label_low": (str, ""),
    "label_high": (str, ""),
    "number_min": (float, None),
    "number_max": (float, None),
    "points_budget": (int, 100),
}


class MethodImportError(Exception):
    """A template that cannot be imported; `message` says why, translated."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def export(dialogue: Dialogue) -> dict[str, Any]:
    notes = GuideNotes.objects.filter(dialogue=dialogue).first()
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "source": dialogue.organisation.name,
        "dialogue": {
            "title": dialogue.title,
            "description": dialogue.description,
            "language": dialogue.language,
        },
        "phases": [phase.name for phase in dialogue.phases.all()],
        "sessions": [
            {
                "title": session.title,
                "mode": session.mode,
                "min_group_size": session.min_group_size,
                "questions": [
                    {
                        "kind": q.kind,
                        "prompt": q.prompt,
                        "role": q.role,
                        "template_key": q.template_key,
                        "choices": [c.label for c in q.choices.all()],
                        **{name: getattr(q, name) for name in QUESTION_OPTIONS},
                    }
                    for q in session.questions.all()
                ],
            }
            for session in selectors.method_sessions(dialogue)
        ],
        "lessons": notes.lessons if notes else "",
        "apps": {},
    }
    for app, module in plugins.METHOD_PARTS.by_app().items():
        if hasattr(module, "export"):
            part = module.export(dialogue)
            if part is not None:
                data["apps"][app] = part
    return data


def dumps(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# --- Reading a template --------------------------------------------------------------------


def parse(raw: bytes) -> dict[str, Any]:
    """Bytes of an uploaded file → a checked template, or MethodImportError."""
    if len(raw) > MAX_BYTES:
        raise MethodImportError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise MethodImportError(_("The file is not valid JSON.")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MethodImportError(_("The file is not a Samråd method template."))
    if data.get("version") != VERSION:
        raise MethodImportError(
            _("This method template has version %(found)s; this Samråd reads version %(ours)s.")
            % {"found": data.get("version"), "ours": VERSION}
        )
    check(data)
    return data


def _text(value, name: str, *, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise MethodImportError(_("“%(name)s” must be text.") % {"name": name})
    value = value.strip()
    if required and not value:
        raise MethodImportError(_("“%(name)s” is missing.") % {"name": name})
    if len(value) > limit:
        raise MethodImportError(
            _("“%(name)s” is longer than %(limit)s characters.") % {"name": name, "limit": limit}
        )
    return value


def _list(value, name: str, *, limit: int) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise MethodImportError(_("“%(name)s” must be a list.") % {"name": name})
    if len(value) > limit:
        raise MethodImportError(
            _("“%(name)s” has more than %(limit)s items.") % {"name": name, "limit": limit}
        )
    return value


def check(data: dict[str, Any]) -> None:
    """Every field we read has the right type and size; raise MethodImportError otherwise."""
    dialogue = data.get("dialogue")
    if not isinstance(dialogue, dict):
        raise MethodImportError(_("“%(name)s” is missing.") % {"name": "dialogue"})
    _text(dialogue.get("title"), "dialogue.title", limit=200, required=True)
    _text(dialogue.get("description"), "dialogue.description", limit=10000)
    language = dialogue.get("language")
    if not isinstance(language, str) or language not in {code for code, _n in settings.LANGUAGES}:
        raise MethodImportError(_("The template's language is not one Samråd speaks."))
    for name in _list(data.get("phases"), "phases", limit=30):
        _text(name, "phases", limit=120, required=True)
    _text(data.get("lessons"), "lessons", limit=20000)
    for s, session in enumerate(_list(data.get("sessions"), "sessions", limit=MAX_SESSIONS), 1):
        where = f"sessions[{s}]"
        if not isinstance(session, dict):
            raise MethodImportError(_("“%(name)s” must be an object.") % {"name": where})
        _text(session.get("title"), f"{where}.title", limit=200, required=True)
        if session.get("mode", SessionMode.LIVE) not in SessionMode.values:
            raise MethodImportError(_("Unknown session mode in %(name)s.") % {"name": where})
        questions = _list(session.get("questions"), f"{where}.questions", limit=MAX_QUESTIONS)
        for q, question in enumerate(questions, 1):
            here = f"{where}.questions[{q}]"
            if not isinstance(question, dict):
                raise MethodImportError(_("“%(name)s” must be an object.") % {"name": here})
            if question.get("kind") not in QuestionKind.values:
                raise MethodImportError(_("Unknown question type in %(name)s.") % {"name": here})
            _text(question.get("prompt"), f"{here}.prompt", limit=500, required=True)
            if question.get("role", "") not in QuestionRole.values:
                raise MethodImportError(_("Unknown question role in %(name)s.") % {"name": here})
            _text(question.get("template_key"), f"{here}.template_key", limit=40)
            for label in _list(question.get("choices"), f"{here}.choices", limit=50):
                _text(label, f"{here}.choices", limit=200, required=True)
            for name, (kind, _default) in QUESTION_OPTIONS.items():
                value = question.get(name)
                if value is None:
                    continue
                ok = isinstance(value, (int, float)) if kind is float else isinstance(value, kind)
                if kind is int and isinstance(value, bool):
                    ok = False
                if not ok or (isinstance(value, str) and len(value) > 80):
                    raise MethodImportError(
                        _("“%(name)s” has a wrong value.") % {"name": f"{here}.{name}"}
                    )
    apps = data.get("apps", {})
    if not isinstance(apps, dict):
        raise MethodImportError(_("“%(name)s” must be an object.") % {"name": "apps"})


@transaction.atomic
def import_(*, organisation, actor, data: dict[str, Any], title: str = "") -> Dialogue:
    """Create a new dialogue in `organisation` from a checked template (see `parse`).

    Each thing is created once: the plain sessions from "sessions", a workshop (with its own
    session) from the workshops' part. Every session ends closed, with a new join code. Any
    failure, ours or an app's, undoes everything: nothing is left half-imported.
    """
    check(data)
    source = data["dialogue"]
    dialogue = dialogue_services.dialogue_create(
        organisation=organisation,
        title=(title or source["title"]).strip()[:200],
        description=(source.get("description") or "").strip(),
        language=source["language"],
    )
    if data.get("phases"):
        dialogue_services.phases_set(dialogue=dialogue, names=data["phases"])
    for spec in data.get("sessions") or []:
        session = live_services.session_create(
            dialogue=dialogue, title=spec["title"].strip(), created_by=actor
        )
        session.mode = spec.get("mode") or SessionMode.LIVE
        group = spec.get("min_group_size")
        if isinstance(group, int) and not isinstance(group, bool) and 1 <= group <= 100:
            session.min_group_size = group
        session.save(update_fields=["mode", "min_group_size", "updated_at"])
        for question_spec in spec.get("questions") or []:
            options = {
                name: question_spec[name]
                for name in QUESTION_OPTIONS
                if question_spec.get(name) is not None
            }
            try:
                question = live_services.question_add(
                    session=session,
                    kind=question_spec["kind"],
                    prompt=question_spec["prompt"],
                    choices=question_spec.get("choices") or [],
                    **options,
                )
            except ValueError as refused:
                raise MethodImportError(
                    _("A question could not be created: %(why)s") % {"why": refused}
                ) from None
            role = question_spec.get("role") or ""
            key = (question_spec.get("template_key") or "").strip()
            if role or key:
                question.role, question.template_key = role, key
                question.save(update_fields=["role", "template_key", "updated_at"])
        live_services.session_close(session=session)
    if (data.get("lessons") or "").strip():
        GuideNotes.objects.create(dialogue=dialogue, lessons=data["lessons"].strip())
    apps = data.get("apps") or {}
    for app, module in plugins.METHOD_PARTS.by_app().items():
        if app not in apps or not hasattr(module, "import_"):
            continue
        try:
            module.import_(dialogue, apps[app], actor)
        except MethodImportError:
            raise
        except (
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            ValidationError,
            DatabaseError,
            RecursionError,
        ) as broken:
            # the apps' own checks raise ValueError naming the field; others: only the kind
            why = str(broken) if isinstance(broken, ValueError) else ""
            raise MethodImportError(
                _("The part “%(app)s” of the template could not be imported (%(why)s).")
                % {"app": app, "why": why[:200] or broken.__class__.__name__}
            ) from None
    # An imported method waits to be run: every session, the apps' (workshops') too, closed.
    for session in dialogue.sessions.exclude(status=SessionStatus.CLOSED):
        live_services.session_close(session=session)
    audit.record(
        actor,
        "feedback.method_import",
        dialogue,
        organisation=organisation,
        summary=f"from {str(data.get('source', ''))[:100]}",
    )
    return dialogue
