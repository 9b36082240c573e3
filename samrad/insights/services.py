"""Writes of the input board. Views and commands call these and nothing else.

Every change made on a facilitator's behalf is recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from samrad.core import audit
from samrad.core.ids import id_or_none
from samrad.dialogues.models import Dialogue
from samrad.insights import importing, rules
from samrad.insights.analysis import detect_language
from samrad.insights.models import (
    THEME_COLOURS,
    Coding,
    ImportBatch,
    ImportStatus,
    Input,
    InputChannel,
    InputStatus,
    Theme,
)
from samrad.live.models import InputKind, Moderation, QuestionKind, Response


class Refused(Exception):
    """An action the board does not allow; the message is translated."""


# --- From live sessions ----------------------------------------------------------------------


def _input_from_response(dialogue: Dialogue, response: Response) -> Input:
    session = response.question.session
    is_qa = response.question.kind == QuestionKind.QA
    return Input(
        dialogue=dialogue,
        text=response.text,
        kind=InputKind.QUESTION if is_qa else (response.input_kind or ""),
        channel=response.channel,
        session=session,
        meeting_id=session.meeting_id,
        participant_id=response.participant_id,
        language=detect_language(response.text),
        response=response,
        created_at=response.created_at,
        answer=response.reply if is_qa else "",
        status=InputStatus.ANSWERED if is_qa and response.reply.strip() else InputStatus.NEW,
        upvotes=response.upvotes,
    )


def inputs_sync(*, dialogue: Dialogue) -> int:
    """Bring the dialogue's open inputs and Q&A posts onto the board; returns how many came.

    Idempotent (one input per response, a unique column), cheap when nothing changed: one
    query for new responses, one for Q&A upvote counts. Q&A posts hidden by moderation stay
    off the board; a Q&A merge on the moderation panel becomes a duplicate here.
    """
    responses = (
        Response.objects.filter(
            question__session__dialogue=dialogue,
            question__kind__in=[QuestionKind.OPEN, QuestionKind.QA],
        )
        .exclude(text="")
        .exclude(moderation=Moderation.HIDDEN)
    )
    new = list(
        responses.filter(
            ~Q(pk__in=Input.objects.filter(response__isnull=False).values("response_id"))
        ).select_related("question__session")
    )
    created = 0
    if new:
        with transaction.atomic():
            for response in new:
                try:
                    with transaction.atomic():
                        _input_from_response(dialogue, response).save()
                        created += 1
                except IntegrityError:  # another request synced it meanwhile
                    continue
    _sync_qa(dialogue)
    return created


def _sync_qa(dialogue: Dialogue) -> None:
    """Upvotes and merges of Q&A posts follow the live panel."""
    rows = list(
        Input.objects.filter(
            dialogue=dialogue, response__question__kind=QuestionKind.QA
        ).values_list(
            "pk", "upvotes", "duplicate_of_id", "response__upvotes", "response__merged_into"
        )
    )
    if not rows:
        return
    by_response = dict(
        Input.objects.filter(dialogue=dialogue, response__isnull=False).values_list(
            "response_id", "pk"
        )
    )
    changed = []
    for pk, upvotes, duplicate_of, live_upvotes, merged_into in rows:
        target = by_response.get(merged_into) if merged_into else None
        if upvotes != live_upvotes:
            changed.append(Input(pk=pk, upvotes=live_upvotes))
        if target and duplicate_of != target:
            Input.objects.filter(pk=pk).update(duplicate_of=target, status=InputStatus.DUPLICATE)
    if changed:
        Input.objects.bulk_update(changed, ["upvotes"])


# --- Codebook ------------------------------------------------------------------------------


def _unique_name(dialogue: Dialogue, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())[:110] or "?"
    others = dialogue.themes.all() if exclude is None else dialogue.themes.exclude(pk=exclude)
    taken = {n.casefold() for n in others.values_list("name", flat=True)}
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


@transaction.atomic
def theme_create(
    *,
    dialogue: Dialogue,
    name: str,
    parent: Theme | None = None,
    colour: str = "",
    description: str = "",
    actor=None,
) -> Theme:
    if parent is not None and parent.dialogue_id != dialogue.pk:
        raise ValueError("the parent theme belongs to another dialogue")
    count = dialogue.themes.count()
    position = (dialogue.themes.aggregate(m=Max("position"))["m"] or 0) + 1
    theme = Theme.objects.create(
        dialogue=dialogue,
        name=_unique_name(dialogue, name),
        parent=parent,
        colour=colour or THEME_COLOURS[count % len(THEME_COLOURS)],
        description=description.strip(),
        position=position,
    )
    audit.record(actor, "insights.theme_create", theme, organisation=dialogue.organisation)
    return theme


@transaction.atomic
def theme_update(
    *,
    theme: Theme,
    name: str,
    parent: Theme | None = None,
    colour: str = "",
    description: str = "",
    actor=None,
) -> Theme:
    """Rename (codes stay: they point to the theme, not its name), re-parent, recolour."""
    if parent is not None and (parent.dialogue_id != theme.dialogue_id or parent.pk == theme.pk):
        raise ValueError("a theme cannot be part of itself or of another dialogue's theme")
    if parent is not None and parent.parent_id == theme.pk:
        raise ValueError("two themes cannot be part of each other")
    old = theme.name
    theme.name = _unique_name(theme.dialogue, name, exclude=theme.pk)
    theme.parent = parent
    theme.colour = colour or theme.colour
    theme.description = description.strip()
    theme.save()
    audit.record(
        actor,
        "insights.theme_update",
        theme,
        organisation=theme.dialogue.organisation,
        summary=f"{old} → {theme.name}" if old != theme.name else "",
    )
    return theme


@transaction.atomic
def theme_merge(*, source: Theme, target: Theme, actor=None) -> Theme:
    """Move every code of `source` to `target` (an input coded with both keeps one), its
    sub-themes too, then delete `source`."""
    refusal = rules.theme_merge_refusal(source, target)
    if refusal:
        raise Refused(refusal)
    already = Coding.objects.filter(theme=target).values("input_id")
    Coding.objects.filter(theme=source, input_id__in=already).delete()
    moved = Coding.objects.filter(theme=source).update(theme=target)
    Theme.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        target.parent = source.parent
        target.save(update_fields=["parent"])
    audit.record(
        actor,
        "insights.theme_merge",
        target,
        organisation=target.dialogue.organisation,
        summary=f"{source.name} → {target.name} ({moved} codes)",
    )
    source.delete()
    return target


@transaction.atomic
def theme_delete(*, theme: Theme, actor=None) -> None:
    audit.record(
        actor,
        "insights.theme_delete",
        theme,
        organisation=theme.dialogue.organisation,
        summary=theme.name,
    )
    theme.delete()


# --- Coding, answers, status ---------------------------------------------------------------


def _check_same_dialogue(input: Input, theme: Theme) -> None:
    if input.dialogue_id != theme.dialogue_id:
        raise ValueError("the theme belongs to another dialogue")


@transaction.atomic
def input_code(*, input: Input, theme: Theme, on: bool | None = None, actor=None) -> bool:
    """Put `theme` on the input (on=True), take it off (False) or toggle (None); returns
    whether the input carries it afterwards."""
    _check_same_dialogue(input, theme)
    coded = Coding.objects.filter(input=input, theme=theme)
    has = coded.exists()
    want = (not has) if on is None else on
    if want and not has:
        Coding.objects.get_or_create(input=input, theme=theme)
    elif not want and has:
        coded.delete()
    if want != has:
        audit.record(
            actor,
            "insights.input_code" if want else "insights.input_uncode",
            input,
            organisation=input.dialogue.organisation,
            summary=theme.name,
        )
    return want


@transaction.atomic
def input_answer(*, input: Input, answer: str, status: str = "", actor=None) -> Input:
    """Save the answer; an input with an answer is answered unless another status than "new"
    is chosen (the answer form sends the current status back: "new" there means "not
    chosen"); the status can still be changed afterwards. Clearing the answer of a published
    input takes it off the public page."""
    if status and status not in InputStatus.values:
        raise ValueError(f"unknown status {status!r}")
    input.answer = answer.strip()
    if status:
        input.status = status
    if input.answer and input.status == InputStatus.NEW:
        input.status = InputStatus.ANSWERED
    if not input.answer:
        input.published = False
    input.save()
    audit.record(actor, "insights.input_answer", input, organisation=input.dialogue.organisation)
    _tell_followers(input.dialogue)
    return input


def _tell_followers(dialogue: Dialogue) -> None:
    """A newly published answer reaches the dialogue's followers after commit."""
    from samrad.feedback.follow import dialogue_changed

    dialogue_changed(dialogue)


@transaction.atomic
def input_set_status(*, input: Input, status: str, actor=None) -> Input:
    if status not in InputStatus.values:
        raise ValueError(f"unknown status {status!r}")
    input.status = status
    input.save(update_fields=["status", "updated_at"])
    audit.record(
        actor,
        "insights.input_status",
        input,
        organisation=input.dialogue.organisation,
        summary=status,
    )
    return input


@transaction.atomic
def input_publish(*, input: Input, published: bool = True, actor=None) -> Input:
    if published:
        refusal = rules.publish_refusal(input)
        if refusal:
            raise Refused(refusal)
    input.published = published
    input.save(update_fields=["published", "updated_at"])
    audit.record(
        actor,
        "insights.input_publish" if published else "insights.input_unpublish",
        input,
        organisation=input.dialogue.organisation,
    )
    if published:
        _tell_followers(input.dialogue)
    return input


BULK_ACTIONS = ("theme", "untheme", "status", "publish", "unpublish")


@transaction.atomic
def inputs_bulk(
    *, dialogue: Dialogue, input_ids: Iterable[int], action: str, value: str = "", actor=None
) -> int:
    """One action on many inputs of the dialogue; returns how many it changed. Publishing
    skips inputs without an answer (they are counted out)."""
    inputs = Input.objects.filter(dialogue=dialogue, pk__in=list(input_ids))
    ids = list(inputs.values_list("pk", flat=True))
    if action in ("theme", "untheme"):
        theme_id = id_or_none(value)
        if theme_id is None:  # what .get(pk=None) would find
            raise Theme.DoesNotExist
        theme = Theme.objects.get(dialogue=dialogue, pk=theme_id)
        if action == "theme":
            have = set(
                Coding.objects.filter(theme=theme, input_id__in=ids).values_list(
                    "input_id", flat=True
                )
            )
            Coding.objects.bulk_create(
                [Coding(input_id=pk, theme=theme) for pk in ids if pk not in have]
            )
            changed = len(ids) - len(have)
        else:
            changed, _ = Coding.objects.filter(theme=theme, input_id__in=ids).delete()
    elif action == "status":
        if value not in InputStatus.values:
            raise ValueError(f"unknown status {value!r}")
        changed = inputs.update(status=value, updated_at=timezone.now())
    elif action == "publish":
        changed = (
            inputs.exclude(answer="")
            .filter(duplicate_of__isnull=True)
            .update(published=True, updated_at=timezone.now())
        )
    elif action == "unpublish":
        changed = inputs.update(published=False, updated_at=timezone.now())
    else:
        raise ValueError(f"unknown bulk action {action!r}")
    audit.record(
        actor,
        f"insights.bulk_{action}",
        dialogue,
        organisation=dialogue.organisation,
        summary=f"{changed} of {len(ids)} inputs {value}".strip(),
    )
    if action == "publish" and changed:
        _tell_followers(dialogue)
    return changed


# --- Duplicates and groups -----------------------------------------------------------------


@transaction.atomic
def inputs_merge(*, keep: Input, others: list[Input], actor=None) -> Input:
    """Merge near-duplicates into `keep`: the others stay (pointing to it, status duplicate,
    off the public page); their themes join `keep`'s, their upvotes count there."""
    refusal = rules.merge_refusal(keep, others)
    if refusal:
        raise Refused(refusal)
    other_ids = [other.pk for other in others]
    # Duplicates of an input merged now move to the kept one as well.
    Input.objects.filter(duplicate_of_id__in=other_ids).update(duplicate_of=keep)
    Input.objects.filter(pk__in=other_ids).update(
        duplicate_of=keep,
        status=InputStatus.DUPLICATE,
        published=False,
        updated_at=timezone.now(),
    )
    have = set(keep.codings.values_list("theme_id", flat=True))
    extra = (
        set(Coding.objects.filter(input_id__in=other_ids).values_list("theme_id", flat=True)) - have
    )
    Coding.objects.bulk_create([Coding(input=keep, theme_id=t) for t in extra])
    audit.record(
        actor,
        "insights.inputs_merge",
        keep,
        organisation=keep.dialogue.organisation,
        summary=f"{len(others)} merged",
    )
    return keep


@transaction.atomic
def input_unmerge(*, input: Input, actor=None) -> Input:
    input.duplicate_of = None
    input.status = InputStatus.NEW if not input.answer else InputStatus.ANSWERED
    input.save(update_fields=["duplicate_of", "status", "updated_at"])
    audit.record(actor, "insights.input_unmerge", input, organisation=input.dialogue.organisation)
    return input


@transaction.atomic
def group_to_theme(
    *, dialogue: Dialogue, label: str, input_ids: Iterable[int], actor=None
) -> Theme:
    """A proposed group becomes a theme with one click: the theme, and its members coded."""
    theme = theme_create(dialogue=dialogue, name=label, actor=actor)
    ids = list(
        Input.objects.filter(dialogue=dialogue, pk__in=list(input_ids)).values_list("pk", flat=True)
    )
    Coding.objects.bulk_create([Coding(input_id=pk, theme=theme) for pk in ids])
    return theme


# --- Import --------------------------------------------------------------------------------


@transaction.atomic
def import_upload(*, dialogue: Dialogue, filename: str, data: bytes, actor=None) -> ImportBatch:
    """Keep an uploaded table for its preview; a file that cannot be read raises
    `importing.ImportProblem` and nothing is kept."""
    if len(data) > importing.max_upload():
        raise importing.ImportProblem(importing.too_large_message())
    table = importing.read_table(data, filename)
    return ImportBatch.objects.create(
        dialogue=dialogue,
        filename=filename[:200],
        data=data,
        rows=len(table.rows),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def import_run(
    *, batch: ImportBatch, mapping: dict[int, str], actor=None
) -> tuple[int, list[importing.RowError]]:
    """Import every row of the batch here and now, or none: with any row error nothing is
    stored and the errors come back. Themes named in the file are created when the codebook
    lacks them. (A large import goes through `import_start` instead: the background.)"""
    if not batch.runnable:
        raise Refused(importing.already_imported_message())
    table = importing.read_table(bytes(batch.data), batch.filename)
    rows, errors = importing.check_rows(table, mapping)
    if errors:
        return 0, errors
    _store_rows(batch, rows, actor, claim_from=(ImportStatus.DRAFT, ImportStatus.FAILED))
    return len(rows), []


def import_in_background(batch: ImportBatch) -> bool:
    """A table of more than SAMRAD_IMPORT_AT_ONCE_ROWS rows is imported by the task worker;
    a smaller one at once, in the request (under a second: docs/architecture/bgimport.md)."""
    return batch.rows > settings.SAMRAD_IMPORT_AT_ONCE_ROWS


def import_start(
    *, batch: ImportBatch, mapping: dict[int, str], actor=None, language: str = ""
) -> ImportBatch:
    """Queue the import of the batch for the task worker (`tasks.import_batch`) with this
    column mapping; its messages will be in `language`. Only a draft (or a failed import)
    starts: a second click on the same upload finds it queued and queues nothing. The file
    is already in the database (`batch.data`), so the task needs nothing of the request."""
    from samrad.insights.tasks import import_batch

    claimed = ImportBatch.objects.filter(
        pk=batch.pk, status__in=(ImportStatus.DRAFT, ImportStatus.FAILED)
    ).update(
        status=ImportStatus.QUEUED,
        mapping={str(column): name for column, name in mapping.items()},
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        task_id="",
        done_rows=0,
        created_themes=[],
        problems=[],
        error="",
        updated_at=timezone.now(),
    )
    if claimed:
        # Not in one transaction with the claim: the immediate backend (no worker) runs the
        # task inside `enqueue`, whose chunks must commit one by one.
        try:
            result = import_batch.enqueue(batch.pk)
        except Exception as error:
            ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.QUEUED).update(
                status=ImportStatus.FAILED,
                error=f"{type(error).__name__}: {error}"[:2000],
                updated_at=timezone.now(),
            )
            raise
        ImportBatch.objects.filter(pk=batch.pk, task_id="").update(task_id=str(result.id))
    batch.refresh_from_db()
    return batch


def import_now(*, batch: ImportBatch) -> int:
    """Run a queued import here and now (what the task does): read and check the rows, then
    store them writing the progress. Rows that stop it are written on the batch (status
    failed, in the language of whoever started it) and nothing is stored; an unexpected error
    takes back what was stored and is raised. Returns the rows stored (0 when another worker
    has the batch)."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return 0
    batch.refresh_from_db()
    with translation.override(batch.language or settings.LANGUAGE_CODE):
        try:
            table = importing.read_table(bytes(batch.data), batch.filename)
            mapping = {int(column): name for column, name in batch.mapping.items()}
            rows, errors = importing.check_rows(table, mapping)
        except importing.ImportProblem as problem:
            rows, errors = [], [importing.RowError(1, str(problem))]
        except Exception as error:
            _import_failed(batch, error)
            raise
        if errors:
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.FAILED,
                problems=[[error.line, error.message] for error in errors],
                updated_at=timezone.now(),
            )
            return 0
        _store_rows(batch, rows, batch.started_by, claim_from=(ImportStatus.RUNNING,))
    return len(rows)


def import_undo(*, batch: ImportBatch, actor=None) -> ImportBatch:
    """Take back what an import that stopped half-way (its worker killed) stored: its inputs
    and the themes it created; the batch can be imported again. Every row or none."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return batch
        Input.objects.filter(batch=batch).delete()
        Theme.objects.filter(pk__in=batch.created_themes).delete()
        batch.status = ImportStatus.FAILED
        batch.done_rows = 0
        batch.created_themes = []
        batch.error = batch.error or "stopped: the task worker was stopped or restarted"
        batch.updated_at = timezone.now()
        batch.save()
        audit.record(
            actor,
            "insights.import_undo",
            batch,
            organisation=batch.dialogue.organisation,
            summary=f"stopped import of {batch.filename} taken back",
        )
    return batch


def _import_failed(batch: ImportBatch, error: BaseException) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED,
        done_rows=0,
        created_themes=[],
        error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=timezone.now(),
    )


class ImportTakenBack(Exception):
    """The import's batch is no longer running (`import_undo` took it back): stop storing."""


def _still_running(batch: ImportBatch, **fields) -> None:
    """Write `fields` on the batch, inside the caller's transaction, if it is still running;
    otherwise raise ImportTakenBack, which rolls that transaction back. Each chunk checks so,
    so a worker that was only slow stores nothing after `import_undo` took its rows back."""
    if not ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.RUNNING).update(
        updated_at=timezone.now(), **fields
    ):
        raise ImportTakenBack(batch.pk)


# Rows stored per transaction: each holds the database's write lock (all of SQLite) only for
# a moment, so that phones' answers go on during a 150,000-row import.
IMPORT_CHUNK = 500


def _store_rows(
    batch: ImportBatch, rows: list[importing.CheckedRow], actor, *, claim_from: tuple[str, ...]
) -> None:
    """Store the rows in short transactions of IMPORT_CHUNK rows (language detection, the
    slow part, outside them), writing the rows done on the batch after each. The batch is
    claimed first (from `claim_from` to running), so a second click finds it taken; if any
    chunk fails, what this import stored is taken away again and the batch is failed (it can
    be imported again): every row or none."""
    dialogue = batch.dialogue
    claimed = ImportBatch.objects.filter(pk=batch.pk, status__in=claim_from).update(
        status=ImportStatus.RUNNING,
        rows=len(rows),
        done_rows=0,
        created_themes=[],
        problems=[],
        error="",
        updated_at=timezone.now(),
    )
    if not claimed:
        raise Refused(importing.already_imported_message())
    created_themes: list[int] = []
    try:
        themes = _import_themes(batch, rows, actor, created_themes)
        now = timezone.now()
        for start in range(0, len(rows), IMPORT_CHUNK):
            chunk = rows[start : start + IMPORT_CHUNK]
            languages = [detect_language(row.text) for row in chunk]
            _store_chunk(batch, chunk, languages, themes, now, done=start + len(chunk))
    except ImportTakenBack:
        raise  # `import_undo` has taken back what was stored, and may have started it again
    except BaseException as error:
        with transaction.atomic():
            Input.objects.filter(batch=batch).delete()
            Theme.objects.filter(pk__in=created_themes).delete()
            _import_failed(batch, error)
        raise
    with transaction.atomic():
        _still_running(batch, status=ImportStatus.DONE, done_rows=len(rows), data=b"")
        batch.refresh_from_db()
        audit.record(
            actor,
            "insights.import",
            batch,
            organisation=dialogue.organisation,
            summary=f"{len(rows)} inputs from {batch.filename}",
        )


@transaction.atomic
def _import_themes(batch, rows, actor, created: list[int]) -> dict[str, Theme]:
    dialogue = batch.dialogue
    themes = {t.name.casefold(): t for t in dialogue.themes.all()}
    for row in rows:
        for name in row.themes:
            if name.casefold() not in themes:
                theme = theme_create(dialogue=dialogue, name=name, actor=actor)
                themes[name.casefold()] = theme
                created.append(theme.pk)
    _still_running(batch, created_themes=created)
    return themes


@transaction.atomic
def _store_chunk(batch, rows, languages, themes, now, *, done: int) -> None:
    inputs = Input.objects.bulk_create(
        [
            Input(
                dialogue=batch.dialogue,
                text=row.text,
                kind=row.kind,
                channel=InputChannel.IMPORT,
                language=language,
                batch=batch,
                created_at=now,
                answer=row.answer,
                status=row.status,
            )
            for row, language in zip(rows, languages, strict=True)
        ]
    )
    if inputs and inputs[0].pk is None:  # databases that do not return ids on bulk insert
        inputs = list(Input.objects.filter(batch=batch).order_by("-id")[: len(rows)])[::-1]
    Coding.objects.bulk_create(
        [
            Coding(input=item, theme=themes[name.casefold()])
            for item, row in zip(inputs, rows, strict=True)
            for name in row.themes
        ]
    )
    _still_running(batch, done_rows=done)


@transaction.atomic
def import_discard(*, batch: ImportBatch, actor=None) -> None:
    if batch.runnable:
        batch.delete()
