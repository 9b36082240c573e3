"""Entering paper forms and interviews on behalf of respondents."""

import pytest
from django.urls import reverse

from samrad.accounts.models import Role
from samrad.live import selectors, services
from samrad.live.models import Channel, Participant, Response, SessionStatus
from tests.factories import ChoiceQuestionFactory, FacilitatorFactory, QuestionFactory, member_of

pytestmark = pytest.mark.django_db


def test_paper_form_is_one_respondent_counted_with_everyone(client):
    choice = ChoiceQuestionFactory(position=1)
    session = choice.session
    open_q = QuestionFactory(session=session, kind="open", position=2)
    session.status = SessionStatus.CLOSED  # typed in after the meeting
    session.save()
    client.force_login(member_of(session.dialogue.organisation))
    response = client.post(reverse("live:entry_list", args=[session.pk]), {"channel": "paper"})
    assert response["Location"] == reverse("live:entry_new", args=[session.pk, "paper"])
    assert not Participant.objects.exists()  # a new form is nobody yet
    page = client.get(response["Location"]).content.decode()
    assert choice.prompt in page and open_q.prompt in page
    picked = choice.choices.first()
    saved = client.post(
        reverse("live:entry_save", args=[session.pk]),
        {
            "channel": "paper",
            f"q{choice.pk}-choice": [picked.pk],
            f"q{open_q.pk}-text": "Skriven på papper",
            f"q{open_q.pk}-kind": "suggestion",
        },
    )
    respondent = Participant.objects.get(channel=Channel.PAPER)
    assert saved["Location"] == reverse("live:entry_form", args=[session.pk, respondent.pk])
    stored = Response.objects.filter(participant=respondent)
    assert {r.channel for r in stored} == {Channel.PAPER}
    assert stored.count() == 2
    assert selectors.question_results(choice)["rows"][0]["count"] == 1
    listing = client.get(reverse("live:entry_list", args=[session.pk])).content.decode()
    assert f"#{respondent.pk}" in listing


def test_paper_forms_of_a_draft_session_show_their_questions_not_the_lobby(client):
    choice = ChoiceQuestionFactory(position=1)
    session = choice.session
    session.status = SessionStatus.DRAFT  # paper forms typed in before the meeting opens
    session.save()
    client.force_login(member_of(session.dialogue.organisation))
    response = client.post(reverse("live:entry_list", args=[session.pk]), {"channel": "paper"})
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert choice.prompt in page.content.decode()


def test_entry_refuses_bad_answers_and_strangers(client):
    choice = ChoiceQuestionFactory()
    session = choice.session
    client.force_login(member_of(session.dialogue.organisation))
    respondent = services.proxy_participant_create(session=session, channel="interview")
    url = reverse("live:entry_respond", args=[session.pk, respondent.pk, choice.pk])
    body = client.post(url, {"choice": ["999999"]}, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in body
    assert not Response.objects.exists()
    # A phone's participant cannot be used as a paper respondent.
    phone = Participant.objects.create(session=session)
    phone_url = reverse("live:entry_respond", args=[session.pk, phone.pk, choice.pk])
    assert client.post(phone_url, {"choice": [choice.choices.first().pk]}).status_code == 404
    assert (
        client.post(reverse("live:entry_list", args=[session.pk]), {"channel": "live"}).status_code
        == 403
    )
    client.force_login(member_of(session.dialogue.organisation, Role.VIEWER))
    assert client.get(reverse("live:entry_list", args=[session.pk])).status_code == 403
    client.force_login(FacilitatorFactory())
    assert client.get(reverse("live:entry_list", args=[session.pk])).status_code == 404


def test_entry_section_is_swapped_whole_and_a_refusal_keeps_what_was_typed(client):
    words = QuestionFactory(kind="wordcloud", max_words=3, max_entries=3)
    session = words.session
    client.force_login(member_of(session.dialogue.organisation))
    respondent = services.proxy_participant_create(session=session, channel="paper")
    url = reverse("live:entry_respond", args=[session.pk, respondent.pk, words.pk])
    refused = client.post(url, {"words": "en två tre fyra"}, HTTP_HX_REQUEST="true")
    # The fragment is the section itself, so htmx replaces the section (no section in it).
    assert refused["HX-Reswap"] == "outerHTML"
    body = refused.content.decode()
    assert body.lstrip().startswith(f'<section id="entry-q{words.pk}"')
    assert 'role="alert"' in body and 'value="en två tre fyra"' in body
    saved = client.post(url, {"words": "levande"}, HTTP_HX_REQUEST="true").content.decode()
    # "You sent" sits under the question's <h2>.
    assert '<h3 class="small-heading">' in saved and "levande" in saved


def test_an_empty_form_is_nobody_and_a_refusal_saves_nothing_of_the_form(client):
    choice = ChoiceQuestionFactory(position=1)
    session = choice.session
    words = QuestionFactory(session=session, kind="wordcloud", max_words=3, position=2)
    client.force_login(member_of(session.dialogue.organisation))
    save = reverse("live:entry_save", args=[session.pk])
    empty = client.post(
        save,
        {"channel": "paper", f"q{words.pk}-words": " ", f"q{choice.pk}-client_id": "x"},
        follow=True,
    )
    assert "Nothing entered" in empty.content.decode()
    assert not Participant.objects.exists()

    picked = choice.choices.last()
    refused = client.post(
        save,
        {
            "channel": "paper",
            f"q{choice.pk}-choice": [picked.pk],
            f"q{words.pk}-words": "en två tre fyra",
        },
    )
    assert refused.status_code == 200
    body = refused.content.decode()
    assert 'role="alert"' in body and 'value="en två tre fyra"' in body
    # The accepted answer is given back too, and its section is marked to be sent again.
    assert f'value="{picked.pk}" checked' in body
    assert body.count("data-dirty") == 2
    assert not Participant.objects.exists() and not Response.objects.exists()


def test_the_same_form_sent_twice_is_saved_once(client):
    words = QuestionFactory(kind="wordcloud", max_entries=3)
    session = words.session
    client.force_login(member_of(session.dialogue.organisation))
    data = {"channel": "interview", "once": "form-1", f"q{words.pk}-words": "hamnen"}
    first = client.post(reverse("live:entry_save", args=[session.pk]), data)
    second = client.post(reverse("live:entry_save", args=[session.pk]), data)
    assert first["Location"] == second["Location"]
    assert Participant.objects.count() == 1 and Response.objects.count() == 1


def test_without_javascript_a_new_form_saves_one_question_and_becomes_a_respondent(client):
    choice = ChoiceQuestionFactory()
    session = choice.session
    client.force_login(member_of(session.dialogue.organisation))
    page = client.get(reverse("live:entry_new", args=[session.pk, "paper"])).content.decode()
    url = reverse("live:entry_save", args=[session.pk]) + f"?channel=paper&amp;question={choice.pk}"
    assert f'action="{url}"' in page
    response = client.post(url.replace("&amp;", "&"), {"choice": [choice.choices.first().pk]})
    respondent = Participant.objects.get()
    assert response["Location"] == reverse("live:entry_form", args=[session.pk, respondent.pk])
    assert respondent.channel == Channel.PAPER and Response.objects.count() == 1
