"""The facilitator's report of a statements question: groups, sizes, statements, common
ground, divisive, the map; CSV and Excel exports; statements sent to the input board with
their agree votes."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from samrad.insights.models import Input
from samrad.live.models import Moderation
from samrad.opinions import services
from tests.factories import FacilitatorFactory, ParticipantFactory, member_of
from tests.opinions.test_statements_kind import planted_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted():
    return planted_question()


def url(name, question, *extra):
    return reverse(f"opinions:{name}", args=[question.session_id, question.pk, *extra])


def test_the_report_shows_groups_common_ground_divisive_and_every_statement(client, planted):
    question, statements = planted
    client.force_login(member_of(question.session.dialogue.organisation))
    moderation = client.get(url("moderation", question)).content.decode()
    assert url("report", question) in moderation
    page = client.get(url("report", question), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    groups = re.search(r'data-testid="report-groups">(.*?)</table>', page, re.S).group(1)
    assert groups.count("<tr>") == 3  # the header and two groups
    assert page.count('data-testid="report-group"') == 2
    consensus = re.search(r'data-testid="report-consensus">(.*?)</ol>', page, re.S).group(1)
    assert "Påstående 0" in consensus and "Påstående 1" in consensus
    assert "Påstående 5" not in consensus
    assert 'data-testid="report-divisive"' in page
    table = re.search(r'data-testid="report-statements"(.*?)</table>', page, re.S).group(1)
    assert all(f"Påstående {i}<" in table or f"Påstående {i} " in table for i in range(12))
    assert "Group A agrees" in table and "Group B agrees" in table
    assert "<svg" in page


def test_small_groups_are_not_in_the_report(client, planted):
    question, _ = planted
    question.session.min_group_size = 30
    question.session.save()
    client.force_login(member_of(question.session.dialogue.organisation))
    page = client.get(url("report", question), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="report-group"' not in page
    assert "2 small groups are not shown" in page
    assert "Group A agrees" not in page


def test_the_csv_has_every_statement_with_its_counts(client, planted):
    question, statements = planted
    services.statement_seed(question=question, text="=HYPERLINK(1)")
    client.force_login(member_of(question.session.dialogue.organisation))
    response = client.get(url("report_export", question, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 13
    first = rows[0]
    votes = statements[0].votes
    assert first["text"] == "Påstående 0"
    assert int(first["agree"]) == votes.filter(value=1).count()
    assert int(first["disagree"]) == votes.filter(value=-1).count()
    assert int(first["votes"]) == votes.count()
    assert first["common_ground"] == "true" and first["author"] == "facilitator"
    assert {"group_A_agree_percent", "group_B_agree_percent"} <= set(first)
    assert rows[-1]["text"] == "'=HYPERLINK(1)"  # never a formula


def test_the_excel_export_has_statements_and_groups(client, planted):
    question, _ = planted
    client.force_login(member_of(question.session.dialogue.organisation))
    response = client.get(url("report_export", question, "xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    statements, groups = workbook.worksheets
    assert statements.max_row == 13
    assert [row[0] for row in groups.iter_rows(values_only=True)].count("A") == 1


def test_statements_go_to_the_input_board_with_their_agree_votes_once(client, planted):
    question, statements = planted
    client.force_login(member_of(question.session.dialogue.organisation))
    chosen = [statements[0].pk, statements[3].pk]
    response = client.post(url("to_board", question), {"statement": chosen})
    assert response.status_code == 302
    inputs = Input.objects.filter(dialogue=question.session.dialogue).order_by("created_at")
    assert [i.text for i in inputs] == ["Påstående 0", "Påstående 3"]
    assert inputs[0].upvotes == statements[0].votes.filter(value=1).count()
    assert inputs[0].session == question.session
    newcomer = ParticipantFactory(session=question.session)
    services.statement_vote(participant=newcomer, statement_id=statements[0].pk, value=1)
    client.post(url("to_board", question), {"statement": chosen})
    assert Input.objects.filter(dialogue=question.session.dialogue).count() == 2
    again = Input.objects.get(text="Påstående 0")
    assert again.upvotes == statements[0].votes.filter(value=1).count()
    page = client.get(url("report", question), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("On the input board") == 2


def test_hidden_statements_and_foreign_ids_are_not_sent(client, planted):
    question, statements = planted
    other, _ = planted_question(participants=5)
    services.statement_moderate(statement=statements[1], moderation=Moderation.HIDDEN)
    client.force_login(member_of(question.session.dialogue.organisation))
    foreign = other.statements.first().pk
    client.post(url("to_board", question), {"statement": [statements[1].pk, foreign, "x"]})
    assert not Input.objects.exists()


def test_another_organisation_sees_no_report_and_sends_nothing(client, planted):
    question, statements = planted
    client.force_login(FacilitatorFactory())
    assert client.get(url("report", question)).status_code in (403, 404)
    assert client.get(url("report_export", question, "csv")).status_code in (403, 404)
    client.post(url("to_board", question), {"statement": [statements[0].pk]})
    assert not Input.objects.exists()
