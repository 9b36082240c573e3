"""Editing a question after it was added: its text, options and settings, and its place.

`question_edit_effects` says, before anything is written, what an edit would do to the answers
already given (in the facilitator's language); the view shows it and saves only once the
facilitator has confirmed exactly that list. `question_update` then writes, inside one
transaction with the question's row locked, and tells phones and the projector (the state
event: `question.updated_at` is part of `events.phone_state_key`, so every phone refetches).

What happens to answers: nothing is deleted except what cannot stand any more — the vote for an
option that is removed (an answer that chose only that option is deleted; one that also chose
others keeps those) and a scale value outside a narrower scale. Rankings and points lose the
removed option and keep the rest. Everything else (another wording, fewer entries allowed,
new limits) keeps every answer as it was given, and the warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.live.models import Choice, LiveSession, Question, QuestionKind, Response

# Settings a facilitator may change per kind (besides the text, the options and the image).
SETTINGS: dict[str, tuple[str, ...]] = {
    QuestionKind.CHOICE: ("allow_multiple", "allow_other"),
    QuestionKind.WORDCLOUD: ("max_entries", "max_words"),
    QuestionKind.SCALE: ("scale_min", "scale_max", "label_low", "label_high"),
    QuestionKind.NUMERIC: ("number_min", "number_max"),
    QuestionKind.POINTS: ("points_budget",),
}
WITH_OPTIONS = frozenset({QuestionKind.CHOICE, QuestionKind.RANKING, QuestionKind.POINTS})


@dataclass
class QuestionChanges:
    """An edit as the form gives it: options by id (renamed, removed) and new ones."""

    prompt: str
    labels: dict[int, str] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    added: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def _answers(question: Question) -> QuerySet[Response]:
    return Response.objects.filter(question=question)


def _with_option(question: Question, choice_id: int) -> list[Response]:
    if question.kind == QuestionKind.POINTS:
        return [r for r in _answers(question) if str(choice_id) in (r.points or {})]
    return [r for r in _answers(question) if choice_id in (r.choices or [])]


def _n_answers(n: int) -> str:
    return ngettext("%(n)d answer", "%(n)d answers", n) % {"n": n}


def _outside_scale(question: Question, low: int, high: int) -> int:
    return (
        _answers(question)
        .exclude(value__isnull=True)
        .exclude(value__gte=low, value__lte=high)
        .count()
    )


def question_edit_effects(question: Question, changes: QuestionChanges) -> list[str]:
    """What the edit does to the answers already given, one sentence each; [] if none."""
    total = _answers(question).count()
    if not total:
        return []
    effects = []
    if changes.prompt != question.prompt:
        effects.append(
            _("The text changes: the %(answers)s given so far answered the earlier text.")
            % {"answers": _n_answers(total)}
        )
    if question.kind in WITH_OPTIONS:
        for choice in question.choices.all():
            voters = len(_with_option(question, choice.pk))
            if choice.pk in changes.removed and voters:
                if question.kind == QuestionKind.CHOICE:
                    text = _(
                        "“%(label)s” is removed: %(answers)s chose it. An answer that chose "
                        "only “%(label)s” is deleted; the others keep their other options."
                    )
                else:
                    text = _(
                        "“%(label)s” is removed from %(answers)s; they keep the other options."
                    )
                effects.append(text % {"label": choice.label, "answers": _n_answers(voters)})
            elif changes.labels.get(choice.pk, choice.label) != choice.label and voters:
                effects.append(
                    _("“%(old)s” becomes “%(new)s”: its %(answers)s count for “%(new)s”.")
                    % {
                        "old": choice.label,
                        "new": changes.labels[choice.pk],
                        "answers": _n_answers(voters),
                    }
                )
        if changes.added and question.kind != QuestionKind.CHOICE:
            effects.append(
                _("The new options are not in the %(answers)s given before; those are kept.")
                % {"answers": _n_answers(total)}
            )
    settings = changes.settings
    if question.kind == QuestionKind.SCALE:
        low, high = settings["scale_min"], settings["scale_max"]
        outside = _outside_scale(question, low, high)
        if outside:
            effects.append(
                _("%(answers)s are outside the scale %(low)d–%(high)d and are deleted.")
                % {"answers": _n_answers(outside), "low": low, "high": high}
            )
    if question.kind == QuestionKind.NUMERIC:
        low, high = settings["number_min"], settings["number_max"]
        beyond = [
            v
            for v in _answers(question).values_list("value", flat=True)
            if v is not None and ((low is not None and v < low) or (high is not None and v > high))
        ]
        if beyond:
            effects.append(
                _("%(answers)s are outside the new limits; they are kept and counted.")
                % {"answers": _n_answers(len(beyond))}
            )
    if question.kind == QuestionKind.WORDCLOUD:
        if settings["max_entries"] < question.max_entries:
            effects.append(_("Fewer entries per participant: entries already sent are kept."))
        if settings["max_words"] < question.max_words:
            effects.append(_("Fewer words per entry: entries already sent are kept."))
    if question.kind == QuestionKind.CHOICE:
        if question.allow_multiple and not settings["allow_multiple"]:
            several = sum(1 for r in _answers(question) if len(r.choices or []) > 1)
            if several:
                effects.append(
                    _("%(answers)s chose several options; they are kept as they were given.")
                    % {"answers": _n_answers(several)}
                )
        if question.allow_other and not settings["allow_other"]:
            others = _answers(question).exclude(text="").count()
            if others:
                effects.append(
                    _("%(answers)s wrote an 'Other' text; it is kept but no longer shown.")
                    % {"answers": _n_answers(others)}
                )
    if question.kind == QuestionKind.POINTS and settings["points_budget"] != question.points_budget:
        effects.append(
            _("The %(answers)s given so far spread %(budget)d points; they are kept as given.")
            % {"answers": _n_answers(total), "budget": question.points_budget}
        )
    return effects


def _drop_option(question: Question, choice_id: int) -> None:
    """Take a removed option out of the answers (an answer left with nothing is deleted)."""
    for response in _with_option(question, choice_id):
        if question.kind == QuestionKind.POINTS:
            response.points = {k: v for k, v in response.points.items() if k != str(choice_id)}
            response.save(update_fields=["points", "updated_at"])
            continue
        response.choices = [c for c in response.choices if c != choice_id]
        if not response.choices and not response.text:
            response.delete()
        else:
            response.save(update_fields=["choices", "updated_at"])


@transaction.atomic
def question_update(*, question: Question, changes: QuestionChanges, actor: Any = None) -> Question:
    """Apply an edit (the facilitator has seen `question_edit_effects`) and tell the room."""
    from samrad.live import services  # services imports this module's callers, not us

    question = Question.objects.select_for_update().select_related("session").get(pk=question.pk)
    question.prompt = changes.prompt.strip()
    for name in SETTINGS.get(QuestionKind(question.kind), ()):
        setattr(question, name, changes.settings[name])
    if question.kind == QuestionKind.SCALE:
        _answers(question).exclude(value__isnull=True).exclude(
            value__gte=question.scale_min, value__lte=question.scale_max
        ).delete()
    if question.kind in WITH_OPTIONS:
        choices = list(question.choices.all())
        for choice in choices:
            if choice.pk in changes.removed:
                _drop_option(question, choice.pk)
                choice.delete()
            elif changes.labels.get(choice.pk, choice.label) != choice.label:
                choice.label = changes.labels[choice.pk]
                choice.save(update_fields=["label"])
        last = max((c.position for c in choices), default=-1)
        Choice.objects.bulk_create(
            Choice(question=question, label=label, position=last + 1 + i)
            for i, label in enumerate(changes.added)
        )
    question.save()
    services._audit(
        actor, "live.question_update", question, question.session, summary=question.prompt
    )
    services._announce_state(question.session, touched=question)
    services.broadcast_on_commit(
        services.events.presenter_group(question.session_id),
        services.events.results_changed_event(question),
    )
    return question


@transaction.atomic
def question_move_to(*, question: Question, position: int, actor: Any = None) -> None:
    """Put the question at `position` (1 = first; clamped to the list); the others keep
    their order around it."""
    from samrad.live import services

    siblings = list(question.session.questions.order_by("position", "id"))
    moved = siblings.pop(siblings.index(question))  # as stored, not the caller's copy
    index = max(0, min(position - 1, len(siblings)))
    siblings.insert(index, moved)
    for number, item in enumerate(siblings, start=1):
        if item.position != number:
            Question.objects.filter(pk=item.pk).update(position=number)
    services._audit(
        actor, "live.question_move", question, question.session, summary=f"→ {index + 1}"
    )
    services._announce_state(question.session)


@transaction.atomic
def question_set_image_alt(*, question: Question, alt: str, actor: Any = None) -> Question:
    """A new description of the question's image (required while it has one)."""
    from samrad.live import services

    question.image_alt = alt.strip()
    question.save(update_fields=["image_alt", "updated_at"])
    services._audit(actor, "live.question_image", question, question.session, summary=alt)
    services._announce_state(question.session, touched=question)
    return question


@transaction.atomic
def poll_move_first(*, session: LiveSession, key: str, actor: Any = None) -> int:
    """Put a ready-made poll's questions ("composition" or "evaluation") at the start in one
    step, in their own order; the others follow in theirs. Returns how many moved."""
    from samrad.live import services

    ordered = list(session.questions.order_by("position", "id"))
    group = [q for q in ordered if q.role == key]
    if not group:
        return 0
    for number, item in enumerate(group + [q for q in ordered if q.role != key], start=1):
        if item.position != number:
            Question.objects.filter(pk=item.pk).update(position=number)
    services._audit(actor, "live.question_move", group[0], session, summary=f"{key} first")
    services._announce_state(session)
    return len(group)
