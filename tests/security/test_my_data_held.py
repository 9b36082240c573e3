""" "My data" on a phone finds what the database deliberately does not link to the phone's
participant (issue 18, item 4): the e-mail address it left for feedback and its story in a
story survey of the same dialogue, through the keys in the phone's own cookies. It shows them,
downloads them and erases them; another phone sees none of it, and another dialogue's address
stays."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from samrad.feedback.models import FeedbackSubscriber
from samrad.signification.models import Story, Survey, SurveyStatus
from tests.factories import OpenSessionFactory

pytestmark = pytest.mark.django_db

EMAIL = "per.persson@example.org"
STORY = "Bussen till Storby gick aldrig i tid"


@pytest.fixture
def phone_with_everything():
    session = OpenSessionFactory()
    elsewhere = OpenSessionFactory()  # another dialogue
    survey = Survey.objects.create(
        dialogue=session.dialogue, title="Resor", prompt="Berätta …", status=SurveyStatus.OPEN
    )
    phone = Client(HTTP_ACCEPT_LANGUAGE="sv")
    assert phone.get(reverse("live:join_code", args=[session.code])).status_code == 200
    for code in (session.code, elsewhere.code):
        answer = phone.post(
            reverse("feedback:subscribe", args=[code]), {"email": EMAIL, "consent": "1"}
        )
        assert answer.status_code == 200
    story = phone.post(
        reverse("signification:public", args=[survey.code]),
        {"text": STORY, "title": "Bussen", "client_id": str(uuid.uuid4())},
    )
    assert story.status_code == 200
    return phone, session, elsewhere


def test_my_data_shows_and_downloads_the_address_and_the_story(phone_with_everything):
    phone, session, _elsewhere = phone_with_everything
    page = phone.get(reverse("live:my_data", args=[session.code])).content.decode()
    assert EMAIL in page and "Bussen" in page
    assert "Din e-postadress för återkoppling" in page and "Din berättelse" in page
    data = json.loads(phone.get(reverse("live:my_data_download", args=[session.code])).content)
    assert [s["email"] for s in data["feedback.subscriptions"]] == [EMAIL]  # this dialogue's
    assert data["signification.stories"][0]["text"] == STORY


def test_another_phone_sees_none_of_it(phone_with_everything):
    _phone, session, _elsewhere = phone_with_everything
    other = Client()
    other.get(reverse("live:join_code", args=[session.code]))
    page = other.get(reverse("live:my_data", args=[session.code])).content.decode()
    assert EMAIL not in page and "Bussen" not in page


def test_erasing_deletes_the_address_and_the_story_of_this_dialogue(phone_with_everything):
    phone, session, elsewhere = phone_with_everything
    answer = phone.post(reverse("live:my_data", args=[session.code]), {"confirm": "yes"})
    assert answer.status_code == 200
    assert not FeedbackSubscriber.objects.filter(dialogue=session.dialogue).exists()
    assert not Story.objects.filter(text=STORY).exists()
    # The address left in another dialogue is that dialogue's: its own page erases it.
    assert FeedbackSubscriber.objects.filter(dialogue=elsewhere.dialogue, email=EMAIL).exists()


def test_the_database_still_cannot_join_an_address_to_answers():
    """The link lives only on the phone: no column of the subscriber or the story names a
    participant."""
    for model in (FeedbackSubscriber, Story):
        related = {
            field.related_model._meta.label
            for field in model._meta.get_fields()
            if field.is_relation and field.concrete
        }
        assert "live.Participant" not in related, model


def _survey_phone():
    survey = Survey.objects.create(
        dialogue=OpenSessionFactory().dialogue,
        title="Resor",
        prompt="Berätta …",
        status=SurveyStatus.OPEN,
    )
    phone = Client(HTTP_ACCEPT_LANGUAGE="sv")
    phone.post(
        reverse("signification:public", args=[survey.code]),
        {"text": STORY, "client_id": str(uuid.uuid4())},
    )
    assert Story.objects.filter(survey=survey).count() == 1
    return survey, phone


@pytest.mark.parametrize("status", [SurveyStatus.OPEN, SurveyStatus.CLOSED])
def test_a_storyteller_deletes_their_story_on_the_survey_page(status):
    """A phone that wrote a story without joining any session erases it where it wrote it,
    through the same registry entry; also after the survey closed."""
    survey, phone = _survey_phone()
    Story.objects.create(survey=survey, text="Någon annans berättelse")
    survey.status = status
    survey.save()
    page = phone.get(reverse("signification:public", args=[survey.code])).content.decode()
    assert "Radera min berättelse" in page
    delete = reverse("signification:story_delete", args=[survey.code])
    unconfirmed = phone.post(delete, follow=True)
    assert Story.objects.filter(text=STORY).exists()
    assert "Kryssa i rutan" in unconfirmed.content.decode()
    done = phone.post(delete, {"confirm": "yes"}, follow=True)
    assert done.status_code == 200
    assert "Din berättelse har raderats." in done.content.decode()
    assert not Story.objects.filter(text=STORY).exists()
    assert Story.objects.filter(text="Någon annans berättelse").exists()  # only its own


def test_a_phone_without_a_story_deletes_nothing():
    survey, _phone = _survey_phone()
    stranger = Client()
    stranger.post(reverse("signification:story_delete", args=[survey.code]), {"confirm": "yes"})
    assert Story.objects.filter(text=STORY).exists()
    missing = stranger.post(reverse("signification:story_delete", args=["nope1234"]))
    assert missing.status_code == 404
