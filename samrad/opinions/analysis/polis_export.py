"""Pol.is's open data export, both ways: four CSV files in a folder or a zip.

``comments.csv`` and ``votes.csv`` carry everything (texts, authors, moderation, every
vote with its time); ``participants-votes.csv`` (one row per participant, their group
and a column per comment) and ``summary.csv`` (``key,value`` rows) are derived from
them, as in Pol.is's export. Reading checks the files against each other and refuses the
whole export at the first problem, naming the file and line.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samrad.core.tables import decode

from .polis import (
    COMMENT_COLUMNS,
    VOTE_COLUMNS,
    PolisComment,
    PolisFormatError,
    PolisVote,
    latest_votes,
    parse_comments,
    parse_votes,
)

FILES = ("comments.csv", "votes.csv", "participants-votes.csv", "summary.csv")
# A zip whose Pol.is files unpack to more than this is refused (a zip bomb, or not a
# conversation one would analyse here).
MAX_UNPACKED = 256 * 2**20
PARTICIPANT_COLUMNS = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")


@dataclass(frozen=True)
class PolisConversation:
    """A conversation as Pol.is exports it; ``groups`` maps voter-id → group id."""

    topic: str
    description: str
    comments: tuple[PolisComment, ...]
    votes: tuple[PolisVote, ...]
    groups: Mapping[int, int] = field(default_factory=dict, compare=False)


def pol_is_datetime(timestamp: float) -> str:
    """The ``datetime`` column as Pol.is writes it, from a timestamp in milliseconds."""
    moment = time.gmtime(timestamp / 1000)
    return time.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)", moment)


def export_files(conversation: PolisConversation) -> dict[str, str]:
    """The four files' texts, keyed by file name."""
    latest = latest_votes(list(conversation.votes))
    agrees: dict[int, int] = {}
    disagrees: dict[int, int] = {}
    for vote in latest:
        if vote.vote == 1:
            agrees[vote.comment_id] = agrees.get(vote.comment_id, 0) + 1
        elif vote.vote == -1:
            disagrees[vote.comment_id] = disagrees.get(vote.comment_id, 0) + 1
    comments = _csv(
        COMMENT_COLUMNS,
        (
            [
                _time(c.timestamp),
                c.datetime,
                c.comment_id,
                c.author_id,
                agrees.get(c.comment_id, 0),
                disagrees.get(c.comment_id, 0),
                c.moderated,
                c.body,
            ]
            for c in conversation.comments
        ),
    )
    votes = _csv(
        VOTE_COLUMNS,
        (
            [_time(v.timestamp), v.datetime, v.comment_id, v.voter_id, v.vote]
            for v in conversation.votes
        ),
    )
    comment_ids = [c.comment_id for c in conversation.comments]
    authored: dict[int, int] = {}
    for c in conversation.comments:
        if c.author_id >= 0:  # -1: written by the facilitator, not by a participant
            authored[c.author_id] = authored.get(c.author_id, 0) + 1
    by_voter: dict[int, dict[int, int]] = {}
    for vote in latest:
        by_voter.setdefault(vote.voter_id, {})[vote.comment_id] = vote.vote
    people = sorted(set(by_voter) | set(authored))
    rows = []
    for person in people:
        own = by_voter.get(person, {})
        values = list(own.values())
        group = conversation.groups.get(person)
        rows.append(
            [
                person,
                "" if group is None else group,
                authored.get(person, 0),
                len(values),
                values.count(1),
                values.count(-1),
                *(own.get(i, "") for i in comment_ids),
            ]
        )
    participants = _csv((*PARTICIPANT_COLUMNS, *map(str, comment_ids)), rows)
    summary = _csv(
        None,
        [
            ["topic", conversation.topic],
            ["url", ""],
            ["voters", len(by_voter)],
            ["voters-in-conv", len(conversation.groups)],
            ["commenters", len(authored)],
            ["comments", len(conversation.comments)],
            ["groups", len(set(conversation.groups.values()))],
            ["conversation-description", conversation.description],
        ],
    )
    return dict(zip(FILES, (comments, votes, participants, summary), strict=True))


def write_zip(conversation: PolisConversation) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_files(conversation).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def read_conversation(path: str | Path) -> PolisConversation:
    """A Pol.is export from a folder or a zip (files may sit in one sub-folder of it).

    ``comments.csv`` and ``votes.csv`` are required. Every vote must be on a comment of
    ``comments.csv``, and, when ``participants-votes.csv`` is there, by one of its
    participants; the first problem raises :class:`PolisFormatError` naming file and line.
    """
    path = Path(path)
    if path.is_dir():
        files = {p.name: decode(p.read_bytes()) for p in path.iterdir() if p.name in FILES}
    else:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PolisFormatError("file_not_found", file=str(path)) from None
        except OSError:
            raise PolisFormatError("not_a_zip", file=str(path)) from None
        files = _unzip(data, str(path))
    return _conversation(files, str(path))


def read_upload(uploads: Sequence[tuple[str, bytes]]) -> PolisConversation:
    """A Pol.is export uploaded as one zip or as its CSV files (named as Pol.is names them:
    ``comments.csv``, ``votes.csv``, optionally ``participants-votes.csv`` and
    ``summary.csv``). Checked as ``read_conversation`` checks a folder."""
    if len(uploads) == 1 and zipfile.is_zipfile(io.BytesIO(uploads[0][1])):
        name, data = uploads[0]
        return _conversation(_unzip(data, name), name)
    files: dict[str, str] = {}
    for name, data in uploads:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if base not in FILES:
            raise PolisFormatError("unknown_file", file=name, files=", ".join(FILES))
        if base in files:
            raise PolisFormatError("file_twice", file=base)
        files[base] = decode(data)
    return _conversation(files, ", ".join(name for name, _ in uploads))


def _conversation(files: Mapping[str, str], where: str) -> PolisConversation:
    for name in ("comments.csv", "votes.csv"):
        if name not in files:
            raise PolisFormatError("export_file_missing", file=where, name=name)
    comments = parse_comments(files["comments.csv"])
    votes = parse_votes(files["votes.csv"])
    known_comments = {c.comment_id for c in comments}
    groups: dict[int, int] = {}
    voters: set[int] | None = None
    if "participants-votes.csv" in files:
        voters, groups = _participants(files["participants-votes.csv"])
    for vote in votes:
        if vote.comment_id not in known_comments:
            raise PolisFormatError(
                "unknown_comment",
                file="votes.csv",
                line=vote.line,
                id=vote.comment_id,
                comments="comments.csv",
            )
        if voters is not None and vote.voter_id not in voters:
            raise PolisFormatError(
                "unknown_voter", file="votes.csv", line=vote.line, id=vote.voter_id
            )
    summary = _summary(files.get("summary.csv", ""))
    return PolisConversation(
        summary.get("topic", ""),
        summary.get("conversation-description", ""),
        tuple(comments),
        tuple(votes),
        groups,
    )


def _unzip(data: bytes, where: str) -> dict[str, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PolisFormatError("not_a_zip", file=where) from None
    found: dict[str, str] = {}
    with archive:
        wanted = [
            info
            for info in archive.infolist()
            if info.filename.rsplit("/", 1)[-1] in FILES and not info.is_dir()
        ]
        if sum(info.file_size for info in wanted) > MAX_UNPACKED:
            raise PolisFormatError("zip_too_large", file=where, limit=MAX_UNPACKED // 2**20)
        for info in wanted:
            name = info.filename.rsplit("/", 1)[-1]
            if name in found:
                raise PolisFormatError("zip_twice", file=where, name=name)
            try:
                found[name] = decode(archive.read(info))
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                raise PolisFormatError("not_a_zip", file=where) from None
    return found


def _participants(text: str) -> tuple[set[int], dict[int, int]]:
    name = "participants-votes.csv"
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    for column in PARTICIPANT_COLUMNS[:2]:
        if column not in header:
            raise PolisFormatError(
                "column_missing",
                file=name,
                line=1,
                column=repr(column),
                columns=",".join(PARTICIPANT_COLUMNS),
            )
    at, group_at = header.index("participant"), header.index("group-id")
    voters: set[int] = set()
    groups: dict[int, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        try:
            voter = int(row[at])
            group = row[group_at].strip() if group_at < len(row) else ""
            if group:
                groups[voter] = int(group)
        except (ValueError, IndexError):
            raise PolisFormatError("participant_numbers", file=name, line=line) from None
        voters.add(voter)
    return voters, groups


def _summary(text: str) -> dict[str, str]:
    return {
        row[0].strip(): row[1] for row in csv.reader(io.StringIO(text, newline="")) if len(row) >= 2
    }


def _time(timestamp: float) -> int | float:
    return int(timestamp) if float(timestamp).is_integer() else timestamp


def _csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
