"""A participant's own data: the "My data" page and its JSON download, the API, and erasure
(answers, posts and upvotes go; counts and lists update for everyone). See live/privacy.py."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.urls import reverse

from samrad.live import events, privacy, services
from samrad.live.kinds import Answer
from samrad.live.models import Participant, Response, Upvote
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import (
    ChoiceQuestionFactory,
    OpenSessionFactory,
    ParticipantFactory,
    QuestionFactory,
    put_on_screen,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    """A session with a composition question, an open input and a Q&A; one phone (`me`)
    answered all three, posted a question and upvoted someone else's."""
    session = OpenSessionFactory()
    age = ChoiceQuestionFactory(session=session, options=["Under 30", "30–64", "65+"])
    age.role = "composition"
    age.save()
    idea = QuestionFactory(session=session, kind="open")
    qa = QuestionFactory(session=session, kind="qa")
    me, other = ParticipantFactory(session=session), ParticipantFactory(session=session)
    for question, answer in [
        (age, Answer(choices=[age.choices.first().pk])),
        (idea, Answer(text="Mer grönska på torget", kind="suggestion")),
    ]:
        put_on_screen(question)
        services.response_submit(question=question, participant=me, answer=answer)
    put_on_screen(qa)
    mine = services.response_submit(question=qa, participant=me, answer=Answer(text="Varför?"))
    theirs = services.response_submit(question=qa, participant=other, answer=Answer(text="När?"))
    services.qa_upvote(response=theirs, participant=me)
    services.qa_upvote(response=mine, participant=other)
    return {"session": session, "qa": qa, "me": me, "other": other, "theirs": theirs}


def test_export_holds_everything_stored_about_the_phone(room):
    data = privacy.participant_export(room["me"])
    assert data["participant"]["key"] == str(room["me"].key)
    assert data["session"]["code"] == room["session"].code
    texts = {r["question_kind"]: r for r in data["responses"]}
    assert texts["open"]["text"] == "Mer grönska på torget"
    assert texts["open"]["input_kind"] == "suggestion"
    assert texts["choice"]["choices"] == ["Under 30"]  # labels, not ids
    assert texts["qa"]["text"] == "Varför?" and texts["qa"]["upvotes"] == 1
    assert data["upvotes"] == [
        {
            "post_id": room["theirs"].pk,
            "question_id": room["qa"].pk,
            "created_at": data["upvotes"][0]["created_at"],
        }
    ]
    assert list(data["segments"].values()) == [["Under 30"]]
    assert "När?" not in json.dumps(data)  # others' text is not theirs to download
    json.dumps(data)  # plain JSON types only


def test_my_data_page_shows_and_downloads(room, client):
    session = room["session"]
    client.cookies[cookie_name(session.pk)] = participant_token(room["me"])
    phone = client.get(reverse("live:join_code", args=[session.code])).content.decode()
    assert reverse("live:my_data", args=[session.code]) in phone  # the footer link
    page = client.get(reverse("live:my_data", args=[session.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mer grönska på torget" in html and "Under 30" in html
    download = client.get(reverse("live:my_data_download", args=[session.code]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "no-store"
    assert json.loads(download.content)["participant"]["key"] == str(room["me"].key)


def test_erasure_needs_the_confirmation(room, client):
    session = room["session"]
    client.cookies[cookie_name(session.pk)] = participant_token(room["me"])
    page = client.post(reverse("live:my_data", args=[session.code]), {})
    assert page.status_code == 422
    assert "tick the box" in page.content.decode()
    assert Response.objects.filter(participant=room["me"]).count() == 3


def test_erasure_deletes_answers_posts_and_upvotes_and_updates_counts(room, client):
    session, me, theirs = room["session"], room["me"], room["theirs"]
    client.cookies[cookie_name(session.pk)] = participant_token(me)
    page = client.post(reverse("live:my_data", args=[session.code]), {"confirm": "yes"})
    assert page.status_code == 200
    assert "were deleted" in page.content.decode()
    assert page.cookies[cookie_name(session.pk)].value == ""  # the cookie is removed
    assert not Participant.objects.filter(pk=me.pk).exists()
    assert Response.objects.filter(question__session=session).count() == 1  # theirs only
    theirs.refresh_from_db()
    assert theirs.upvotes == 0 and Upvote.objects.count() == 0
    # Another phone is untouched; this phone joins afresh next time.
    assert Participant.objects.filter(pk=room["other"].pk).exists()
    again = client.get(reverse("live:my_data", args=[session.code]))
    assert "Nothing is stored about this phone" in again.content.decode()


def test_erasure_tells_presenter_and_phones(room, django_capture_on_commit_callbacks):
    layer = get_channel_layer()
    presenter = async_to_sync(layer.new_channel)()
    phones = async_to_sync(layer.new_channel)()
    session = room["session"]
    async_to_sync(layer.group_add)(events.presenter_group(session.pk), presenter)
    async_to_sync(layer.group_add)(events.session_group(session.pk), phones)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.participant_erase(participant=room["me"])

    async def drain(channel):
        kinds = []
        while True:
            try:
                message = await asyncio.wait_for(layer.receive(channel), 0.5)
            except TimeoutError:
                return kinds
            kinds.append(message["event"]["type"])

    presenter_kinds = async_to_sync(drain)(presenter)
    phone_kinds = async_to_sync(drain)(phones)
    assert "results" in presenter_kinds
    assert "qa" in phone_kinds


def test_the_api_exports_and_erases(room, client):
    token = participant_token(room["me"])
    exported = client.get("/api/v1/participate/data", HTTP_X_PARTICIPANT_TOKEN=token)
    assert exported.status_code == 200
    assert len(exported.json()["responses"]) == 3
    erased = client.delete("/api/v1/participate/data", HTTP_X_PARTICIPANT_TOKEN=token)
    assert erased.status_code == 200
    deleted = erased.json()["deleted"]  # one count per registered kind (core/personal_data.py)
    assert deleted["responses"] == 3 and deleted["upvotes"] == 1
    assert sum(deleted.values()) == 4
    # The token names nobody any more.
    assert client.get("/api/v1/participate/data", HTTP_X_PARTICIPANT_TOKEN=token).status_code == 401


def test_data_stays_reachable_after_the_session_ended(room, client):
    session = room["session"]
    services.session_close(session=session)
    client.cookies[cookie_name(session.pk)] = participant_token(room["me"])
    page = client.get(reverse("live:my_data", args=[session.code]))
    assert "Mer grönska på torget" in page.content.decode()
    token = participant_token(room["me"])
    assert client.get("/api/v1/participate/data", HTTP_X_PARTICIPANT_TOKEN=token).status_code == 200


def test_a_post_merged_into_an_erased_one_is_shown_again(room):
    qa, other, me = room["qa"], room["other"], room["me"]
    mine = Response.objects.get(participant=me, question=qa)
    services.qa_merge(target=mine, duplicate=room["theirs"])
    privacy.participant_erase(participant=me)
    room["theirs"].refresh_from_db()
    assert room["theirs"].merged_into is None
    assert Response.objects.filter(question=qa, participant=other).exists()


def test_unknown_code_is_404(client):
    assert client.get(reverse("live:my_data", args=["000000"])).status_code == 404
