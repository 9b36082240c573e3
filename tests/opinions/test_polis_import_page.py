"""Importing a Pol.is conversation from the dialogue page: a zip or the CSV files become a
statements question of a live session, all or nothing, with the problem named (file and
line) in the facilitator's language."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samrad.live.models import QuestionKind
from samrad.opinions.analysis.polis import MESSAGES
from samrad.opinions.analysis.polis_export import export_files, write_zip
from samrad.opinions.models import Statement, StatementVote
from tests.factories import FacilitatorFactory, OpenSessionFactory, member_of
from tests.opinions.test_polis_export import conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return OpenSessionFactory()


def upload(client, session, files, **fields):
    client.force_login(member_of(session.dialogue.organisation))
    url = reverse("opinions:import_polis", args=[session.dialogue_id])
    data = {"session": session.pk, "prompt": "", "files": files, **fields}
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="sv")


def test_the_dialogue_page_links_to_the_import(client, session):
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("dialogues:detail", args=[session.dialogue_id])).content.decode()
    assert reverse("opinions:import_polis", args=[session.dialogue_id]) in page


def test_a_zip_becomes_a_statements_question_of_the_session(client, session):
    zipped = SimpleUploadedFile("export.zip", write_zip(conversation()), "application/zip")
    response = upload(client, session, [zipped])
    question = session.questions.get(kind=QuestionKind.STATEMENTS)
    assert response.status_code == 302
    assert response["Location"] == reverse("opinions:moderation", args=[session.pk, question.pk])
    assert question.prompt == "Parken"  # the conversation's topic
    assert [s.text for s in question.statements.order_by("id")] == [
        c.body for c in conversation().comments
    ]
    assert StatementVote.objects.filter(statement__question=question).count() == 18
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Importerade 4 påståenden" in page


def test_the_csv_files_can_be_uploaded_without_a_zip(client, session):
    files = export_files(conversation())
    uploads = [
        SimpleUploadedFile(name, files[name].encode(), "text/csv")
        for name in ("comments.csv", "votes.csv")
    ]
    response = upload(client, session, uploads, prompt="Vad vill du med parken?")
    assert response.status_code == 302
    question = session.questions.get(kind=QuestionKind.STATEMENTS)
    assert question.prompt == "Vad vill du med parken?"
    assert question.statements.count() == 4


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("votes.csv", "\n1,x,1,77,1"), "votes.csv rad 21: voter-id 77 finns inte i"),
        (("votes.csv", "\n1,x,9,0,1"), "votes.csv rad 21: comment-id 9 finns inte i"),
        (("comments.csv", f'\n9,x,9,0,0,0,1,"{"x" * 281}"'), "comments.csv rad 7:"),
    ],
)
def test_a_bad_export_stores_nothing_and_names_the_line_in_swedish(client, session, change, words):
    files = export_files(conversation())
    name, extra = change
    files[name] = files[name].rstrip("\n") + extra + "\n"
    uploads = [SimpleUploadedFile(n, text.encode(), "text/csv") for n, text in files.items()]
    participants = session.participants.count()
    response = upload(client, session, uploads)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Inget importerades." in page and words in page
    assert not session.questions.filter(kind=QuestionKind.STATEMENTS).exists()
    assert not Statement.objects.exists()
    assert session.participants.count() == participants


def test_a_file_that_is_not_from_pol_is_is_refused(client, session):
    junk = SimpleUploadedFile("svar.xlsx", b"PK not really", "application/octet-stream")
    page = upload(client, session, [junk]).content.decode()
    assert "Inget importerades." in page and "svar.xlsx" in page
    assert not Statement.objects.exists()


def test_another_organisation_cannot_import(client, session):
    client.force_login(FacilitatorFactory())
    url = reverse("opinions:import_polis", args=[session.dialogue_id])
    assert client.get(url).status_code in (403, 404)


def test_a_facilitator_made_viewer_of_this_dialogue_cannot_import(client, session):
    from samrad.accounts.models import DialogueRole, Role
    from tests.factories import MembershipFactory

    membership = MembershipFactory(
        organisation=session.dialogue.organisation, role=Role.FACILITATOR
    )
    DialogueRole.objects.create(membership=membership, dialogue=session.dialogue, role=Role.VIEWER)
    client.force_login(membership.user)
    url = reverse("opinions:import_polis", args=[session.dialogue_id])
    assert client.get(url).status_code == 403
    zipped = write_zip(conversation())
    files = SimpleUploadedFile("polis.zip", zipped, content_type="application/zip")
    response = client.post(url, {"session": session.pk, "prompt": "", "files": files})
    assert response.status_code == 403
    assert not Statement.objects.exists()


@pytest.mark.parametrize("language", ["sv", "nb", "da"])
def test_every_pol_is_problem_is_translated(language):
    with translation.override(language):
        missing = [t for t in MESSAGES.values() if translation.gettext(t) == t]
    assert not missing
