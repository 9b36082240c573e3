"""Pol.is open data format: export → import is lossless; a bad export is refused whole."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from samrad.live.models import Moderation
from samrad.opinions import services
from samrad.opinions.analysis.polis import PolisComment, PolisFormatError, PolisVote
from samrad.opinions.analysis.polis_export import (
    FILES,
    PolisConversation,
    export_files,
    pol_is_datetime,
    read_conversation,
    write_zip,
)
from samrad.opinions.exports import question_conversation
from tests.factories import ParticipantFactory, QuestionFactory

T0 = 1_700_000_000_000
BODIES = ['Fler "gröna" ytor, tack', "Längre öppettider\npå biblioteket", "Æble, øl og å", "Nej"]


def conversation() -> PolisConversation:
    comments = tuple(
        PolisComment(T0 + i, pol_is_datetime(T0 + i), i, i % 3 - 1, 0, 0, (1, 1, 0, -1)[i], body)
        for i, body in enumerate(BODIES)
    )
    votes = [
        PolisVote(T0 + 100 + n, pol_is_datetime(T0 + 100 + n), c, v, (1, -1, 0)[(c + v) % 3])
        for n, (v, c) in enumerate((v, c) for v in range(6) for c in range(3))
    ]
    votes.append(PolisVote(T0 + 50, pol_is_datetime(T0 + 50), 0, 0, -1))  # older, last line
    return PolisConversation("Parken", "Vad vill du med parken?", comments, tuple(votes), {0: 1})


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_export_then_import_is_lossless(tmp_path) -> None:
    original = conversation()
    files = export_files(original)
    assert set(files) == set(FILES)
    again = read_conversation(write_folder(tmp_path / "export", files))
    assert again == original
    assert again.groups == original.groups
    assert (again.topic, again.description) == ("Parken", "Vad vill du med parken?")
    assert export_files(again) == files
    archive = tmp_path / "export.zip"
    archive.write_bytes(write_zip(original))
    assert read_conversation(archive) == original


def test_the_files_have_pol_is_columns_and_the_latest_votes(tmp_path) -> None:
    files = export_files(conversation())
    comments = list(csv.DictReader(io.StringIO(files["comments.csv"])))
    assert list(comments[0]) == [
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ]
    assert comments[1]["comment-body"] == "Längre öppettider\npå biblioteket"
    header, *rows = list(csv.reader(io.StringIO(files["participants-votes.csv"])))
    assert header == [
        "participant",
        "group-id",
        "n-comments",
        "n-votes",
        "n-agree",
        "n-disagree",
        "0",
        "1",
        "2",
        "3",
    ]
    # Voter 0: comment 0 → 1 (the older -1 on the last line does not count), 1 → -1, 2 → 0.
    assert rows[0] == ["0", "1", "1", "3", "1", "1", "1", "-1", "0", ""]
    assert sum(int(c["agrees"]) for c in comments) == sum(int(r[4]) for r in rows)
    summary = dict(csv.reader(io.StringIO(files["summary.csv"])))
    assert summary["voters"] == "6" and summary["comments"] == "4"
    assert summary["topic"] == "Parken"


def test_a_zip_with_the_files_in_a_folder_is_read(tmp_path) -> None:
    archive = tmp_path / "polis.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, text in export_files(conversation()).items():
            zipped.writestr(f"2023-11-14-abc/{name}", text)
    assert read_conversation(archive) == conversation()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("votes.csv", "\n1,x,9,0,1"), "votes.csv line 21: comment-id 9 is not in comments.csv"),
        (
            ("votes.csv", "\n1,x,1,77,1"),
            "votes.csv line 21: voter-id 77 is not in participants-votes.csv",
        ),
        (("votes.csv", "\n1,x,1,2,3"), "votes.csv line 21: vote must be"),
        (("comments.csv", '\n1,x,0,0,0,0,1,"Igen"'), "comments.csv line 7: comment-id 0 already"),
    ],
)
def test_a_bad_export_is_refused_whole_naming_the_line(tmp_path, change, message) -> None:
    files = export_files(conversation())
    name, extra = change
    files[name] = files[name].rstrip("\n") + extra + "\n"
    with pytest.raises(PolisFormatError) as refused:
        read_conversation(write_folder(tmp_path / "export", files))
    assert message in str(refused.value)


def test_missing_files_and_non_zips_are_refused(tmp_path) -> None:
    files = export_files(conversation())
    del files["votes.csv"]
    with pytest.raises(PolisFormatError, match="votes.csv is missing"):
        read_conversation(write_folder(tmp_path / "export", files))
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(PolisFormatError, match="neither a folder nor a zip"):
        read_conversation(junk)


@pytest.mark.django_db
def test_a_statements_question_exports_as_a_pol_is_conversation(tmp_path, open_session) -> None:
    question = QuestionFactory(session=open_session, kind="statements", premoderated=False)
    people = [ParticipantFactory(session=open_session) for _ in range(3)]
    seeded = services.statement_seed(question=question, text="Fler bänkar")
    own = services.statement_submit(question=question, participant=people[2], text="Mer ljus")
    hidden = services.statement_seed(question=question, text="Dold")
    services.statement_moderate(statement=hidden, moderation=Moderation.HIDDEN)
    for person, value in zip(people, (1, -1, 0), strict=True):
        services.statement_vote(participant=person, statement_id=seeded.pk, value=value)
    services.statement_vote(participant=people[0], statement_id=own.pk, value=1)
    exported = question_conversation(question=question)
    assert [(c.comment_id, c.body, c.moderated) for c in exported.comments] == [
        (0, "Fler bänkar", 1),
        (1, "Mer ljus", 1),
        (2, "Dold", -1),
    ]
    assert exported.comments[0].author_id == -1 and exported.comments[1].author_id == 2
    assert sorted((v.voter_id, v.comment_id, v.vote) for v in exported.votes) == [
        (0, 0, 1),
        (0, 1, 1),
        (1, 0, -1),
        (2, 0, 0),
    ]
    archive = tmp_path / "export.zip"
    archive.write_bytes(write_zip(exported))
    assert read_conversation(archive) == exported


@pytest.mark.django_db
def test_export_import_export_through_the_database_is_lossless(tmp_path, open_session) -> None:
    question = QuestionFactory(session=open_session, kind="statements", premoderated=True)
    people = [ParticipantFactory(session=open_session) for _ in range(4)]
    seeded = services.statement_seed(question=question, text="Fler bänkar, tack")
    waiting = services.statement_submit(question=question, participant=people[3], text="Mer ljus")
    shown = services.statement_seed(question=question, text="Ny lekplats")
    for n, person in enumerate(people):
        services.statement_vote(participant=person, statement_id=seeded.pk, value=(1, -1, 0)[n % 3])
        services.statement_vote(participant=person, statement_id=shown.pk, value=1)
    services.statement_moderate(statement=shown, moderation=Moderation.HIDDEN)
    archive = tmp_path / "export.zip"
    archive.write_bytes(write_zip(question_conversation(question=question)))
    target = QuestionFactory(session=ParticipantFactory().session, kind="statements")
    counts = services.question_import_polis(
        question=target, conversation=read_conversation(archive)
    )
    assert counts == {"statements": 3, "participants": 4, "votes": 8}
    before, after = question_conversation(question=question), question_conversation(question=target)
    assert (after.comments, after.votes) == (before.comments, before.votes)
    assert waiting.moderation == Moderation.PENDING
    assert target.statements.get(text="Mer ljus").moderation == Moderation.PENDING


@pytest.mark.django_db
def test_an_import_with_a_too_long_statement_stores_nothing(open_session) -> None:
    original = conversation()
    long_one = dataclasses.replace(original.comments[1], body="x" * 281, line=3)
    broken = dataclasses.replace(original, comments=(original.comments[0], long_one))
    target = QuestionFactory(session=open_session, kind="statements")
    with pytest.raises(
        PolisFormatError, match="comments.csv line 3: a statement must have 1 to 280"
    ):
        services.question_import_polis(question=target, conversation=broken)
    assert not target.statements.exists()
    assert not open_session.participants.exists()
