"""Results of Mentimeter and Slido (shapes in tests/insights/foreign_files.py): the readers,
how word-cloud rows are split, the import as a session (all or nothing), the pages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samrad.insights import foreign, services_foreign
from samrad.insights.models import ImportBatch, ImportStatus, Input, InputChannel
from samrad.live.kinds import kind_of
from samrad.live.models import Channel, LiveSession, Response, SessionStatus
from tests.insights import foreign_files as files


def test_mentimeter_results_sheet_is_read_question_by_question():
    found = foreign.read(files.mentimeter(), "menti.xlsx")
    assert found.tool == "mentimeter"
    assert [(q.kind, q.prompt) for q in found.questions] == [
        ("wordcloud", "Vad gör staden trygg för dig?"),
        ("choice", "Hur tar du dig till jobbet?"),
        ("open", "Vad vill du ändra i parken?"),
        ("qa", "Frågor till politikerna"),
    ]
    cloud, choice, open_, qa = found.questions
    assert [(i.line, i.text) for i in cloud.items][0] == (3, "grön_stad trygghet cykel")
    assert [(i.text, i.count) for i in choice.items] == [("Cykel", 12), ("Buss", 7), ("Bil", 3)]
    assert [i.text for i in open_.items] == [
        "Fler lampor längs gångvägen",
        "Säkrare övergångsställe vid skolan",
    ]
    assert [(i.text, i.count) for i in qa.items] == [
        ("När byggs cykelbanan till Norrby?", 9),
        ("Varför stängs biblioteket på lördagar?", 4),
    ]


def test_mentimeter_one_sheet_per_question():
    rows = files.MENTIMETER_RESULTS
    data = files.xlsx({"Q1": rows[1:5], "Q2": rows[6:10]})
    found = foreign.read(data, "menti.xlsx")
    assert found.tool == "mentimeter"
    assert [(q.kind, q.sheet, len(q.items)) for q in found.questions] == [
        ("wordcloud", "Q1", 3),
        ("choice", "Q2", 3),
    ]


def test_word_cloud_rows_are_split_as_chosen():
    cloud = foreign.read(files.mentimeter(), "menti.xlsx").questions[0]
    assert cloud.entries("words")[0] == (3, ["grön stad", "trygghet", "cykel"], 1)
    assert cloud.entries("entries")[0] == (3, ["grön_stad trygghet cykel"], 1)
    assert cloud.answers("words") == 7
    assert cloud.answers("entries") == 3


def test_a_row_of_500_words_counts_each_word():
    words = " ".join(f"ord{i}" for i in range(500))
    data = files.xlsx({"Results": [["Ett ord", "Word Cloud"], [words]]})
    assert foreign.read(data, "m.xlsx").questions[0].answers("words") == 500


def test_a_10000_character_row_is_refused_with_its_row():
    data = files.xlsx({"Results": [["Ett ord", "Word Cloud"], ["ok"], ["x" * 10_000]]})
    with pytest.raises(foreign.ForeignProblem) as problem:
        foreign.read(data, "m.xlsx")
    assert "“Results”, row 3" in str(problem.value)


def test_votes_that_are_not_a_number_name_the_sheet_and_row():
    rows = [["Val", "Multiple Choice"], ["Ja", "12"], ["Nej", "många"]]
    with pytest.raises(foreign.ForeignProblem) as problem:
        foreign.read(files.xlsx({"Omröstning": rows}), "m.xlsx")
    assert "Sheet “Omröstning”, row 3" in str(problem.value)
    assert "många" in str(problem.value)


def test_slido_polls_and_questions():
    found = foreign.read(files.slido(), "slido.xlsx")
    assert found.tool == "slido"
    assert [(q.kind, q.prompt) for q in found.questions] == [
        ("choice", "Hvordan kom du hit i dag?"),
        ("wordcloud", "Ett ord om sentrum"),
        ("open", "Hva bør kommunen gjøre først?"),
        ("qa", "Questions"),
    ]
    choice, cloud, open_, qa = found.questions
    assert [(i.text, i.count) for i in choice.items] == [("Sykkel", 10), ("Buss", 5)]
    assert cloud.entries("words") == [(4, ["trygghet"], 4), (5, ["grønne lunger"], 2)]
    assert cloud.answers("words") == 6
    assert [i.text for i in open_.items] == ["Flere benker ved torget"]
    assert [(i.text, i.count) for i in qa.items] == [
        ("Når åpner den nye skolen?", 7),
        ("Hvorfor kuttes bussruten?", 3),
    ]
    # The authors' names stay behind.
    assert "Kari" not in repr(found)


def test_slido_csv_of_questions():
    found = foreign.read(files.csv_bytes(files.SLIDO_QUESTIONS), "slido-questions.csv")
    assert found.tool == "slido"
    assert [(q.kind, len(q.items)) for q in found.questions] == [("qa", 2)]


def test_an_unknown_shape_is_neither_tool():
    data = files.csv_bytes([["Text", "Tema"], ["Fler bänkar", "Parker"]])
    assert foreign.read(data, "inspel.csv").tool == ""


def test_a_broken_file_is_a_clear_problem():
    with pytest.raises(foreign.ForeignProblem):
        foreign.read(b"PK\x03\x04 not really a zip", "menti.xlsx")


# --- Storing ---------------------------------------------------------------------------------


def test_import_creates_a_closed_imported_session(dialogue, owner):
    found = foreign.read(files.mentimeter(), "menti.xlsx")
    session = services_foreign.foreign_import(
        dialogue=dialogue, found=found, split="words", title="Mars 2024", actor=owner
    )
    assert session.status == SessionStatus.CLOSED
    assert session.participants.exclude(channel=Channel.IMPORTED).count() == 0
    assert not Response.objects.filter(question__session=session).exclude(channel=Channel.IMPORTED)
    cloud, choice, open_, qa = session.questions.order_by("position")
    results = kind_of(cloud).results(cloud, cloud.responses.all())
    counts = {t["text"]: t["count"] for t in results["terms"]}
    assert counts["trygghet"] == 3 and counts["grön stad"] == 1
    assert results["entries"] == 7 and results["respondents"] == 3
    choice_results = kind_of(choice).results(choice, choice.responses.all())
    assert choice_results["respondents"] == 22
    inputs = Input.objects.filter(dialogue=dialogue, session=session)
    assert {(i.text, i.kind, i.upvotes, i.channel) for i in inputs} == {
        ("Fler lampor längs gångvägen", "input", 0, InputChannel.IMPORTED),
        ("Säkrare övergångsställe vid skolan", "input", 0, InputChannel.IMPORTED),
        ("När byggs cykelbanan till Norrby?", "question", 9, InputChannel.IMPORTED),
        ("Varför stängs biblioteket på lördagar?", "question", 4, InputChannel.IMPORTED),
    }


def test_import_is_all_or_nothing(dialogue, owner, monkeypatch):
    found = foreign.read(files.mentimeter(), "menti.xlsx")
    real = services_foreign._store_question

    def fail_on_third(session, position, question, split):
        if position == 3:
            raise RuntimeError("disk full")
        return real(session, position, question, split)

    monkeypatch.setattr(services_foreign, "_store_question", fail_on_third)
    with pytest.raises(RuntimeError):
        services_foreign.foreign_import(
            dialogue=dialogue, found=found, split="words", title="x", actor=owner
        )
    assert not LiveSession.objects.filter(dialogue=dialogue).exists()
    assert not Response.objects.exists() and not Input.objects.exists()


# --- Pages -----------------------------------------------------------------------------------


def _upload(client, dialogue, data, name, **headers):
    return client.post(
        reverse("insights:foreign_import", args=[dialogue.pk]),
        {"file": SimpleUploadedFile(name, data)},
        **headers,
    )


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def test_upload_preview_and_import(logged_in, dialogue):
    response = _upload(logged_in, dialogue, files.mentimeter(), "menti.xlsx")
    batch = ImportBatch.objects.get(dialogue=dialogue)
    assert response.url == reverse("insights:foreign_preview", args=[batch.pk])
    page = logged_in.get(response.url).content.decode()
    assert "Mentimeter" in page and "Hur tar du dig till jobbet?" in page
    assert "3 entries from row 3: grön stad · trygghet · cykel" in _text(page)
    page = logged_in.get(response.url, {"split": "entries", "title": "x"}).content.decode()
    assert "1 entry from row 3: grön_stad trygghet cykel" in _text(page)
    assert not LiveSession.objects.filter(dialogue=dialogue).exists()  # nothing yet
    done = logged_in.post(response.url, {"split": "words", "title": "Mars 2024", "run": "1"})
    assert done.url == reverse("insights:board", args=[dialogue.pk])
    session = LiveSession.objects.get(dialogue=dialogue)
    assert session.title == "Mars 2024" and session.questions.count() == 4
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.DONE
    # A second click imports nothing more.
    logged_in.post(response.url, {"split": "words", "title": "Mars 2024", "run": "1"})
    assert LiveSession.objects.filter(dialogue=dialogue).count() == 1


def test_unknown_shape_goes_to_the_column_mapping(logged_in, dialogue):
    data = files.csv_bytes([["Text", "Tema"], ["Fler bänkar", "Parker"]])
    response = _upload(logged_in, dialogue, data, "inspel.csv")
    batch = ImportBatch.objects.get(dialogue=dialogue)
    assert response.url == reverse("insights:import_preview", args=[batch.pk])


def test_broken_file_message_in_swedish(logged_in, dialogue):
    rows = [["Val", "Multiple Choice"], ["Ja", "många"]]
    data = files.xlsx({"Blad1": rows})
    response = _upload(logged_in, dialogue, data, "m.xlsx", HTTP_ACCEPT_LANGUAGE="sv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Blad “Blad1”, rad 2" in page
    assert not ImportBatch.objects.exists()


def test_only_facilitators_import(client, viewer, dialogue):
    client.force_login(viewer)
    response = _upload(client, dialogue, files.mentimeter(), "menti.xlsx")
    assert response.status_code == 403


def test_the_imported_word_cloud_shows_on_the_control_page(logged_in, dialogue, owner):
    found = foreign.read(files.mentimeter(), "menti.xlsx")
    session = services_foreign.foreign_import(
        dialogue=dialogue, found=found, split="words", title="Mars 2024", actor=owner
    )
    page = logged_in.get(reverse("live:session_control", args=[session.pk])).content.decode()
    assert 'data-count="3">trygghet<' in page
    assert ">grön stad<" in page


def test_the_preview_of_a_general_upload_is_its_column_mapping(logged_in, dialogue):
    data = files.csv_bytes([["Text", "Tema"], ["Fler bänkar", "Parker"]])
    batch = ImportBatch.objects.create(dialogue=dialogue, filename="inspel.csv", data=data)
    response = logged_in.get(reverse("insights:foreign_preview", args=[batch.pk]))
    assert response.url == reverse("insights:import_preview", args=[batch.pk])


def test_a_huge_vote_count_is_refused_before_it_is_counted_out():
    rows = [["Poll", "Poll type", "Option", "Votes"], ["Hva?", "Open text", "Benker", "1e18"]]
    with pytest.raises(foreign.ForeignProblem, match="more than 100000 answers"):
        foreign.read(files.csv_bytes(rows), "slido.csv")
