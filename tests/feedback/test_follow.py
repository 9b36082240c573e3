"""Following a dialogue from its public page: double opt-in, the rate limit on sign-ups, the
e-mails when an action's status changes or an answer is published (only what public.py
shows, once each, unsubscribe link in every mail), mailings in the subscriber's language and
the dialogue's own sender."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samrad.concerns import services as concerns
from samrad.feedback import follow, services
from samrad.feedback.models import FeedbackDelivery, FeedbackSubscriber
from samrad.insights import services as insights
from samrad.insights.models import Input, InputChannel
from tests.feedback.test_public_surfaces import CHOSEN_ACTION, NEVER
from tests.feedback.test_public_surfaces import walk as walk  # the fixture, used by name

pytestmark = pytest.mark.django_db

EMAIL = "foljare@example.org"


@pytest.fixture
def page(dialogue, owner):
    page = services.page_save(
        actor=owner, dialogue=dialogue, slug="storby", intro="", next_steps="", contact=""
    )
    return services.page_publish(actor=owner, page=page, published=True)


def sign_up(client, page, email=EMAIL, language="en", consent=True):
    data = {"email": email}
    if consent:
        data["consent"] = "1"
    return client.post(
        reverse("feedback:follow", args=[page.slug]), data, HTTP_ACCEPT_LANGUAGE=language
    )


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/feedback/confirm/\S+/)", message.body).group(1)


def confirmed(client, page, email=EMAIL, language="en"):
    sign_up(client, page, email=email, language=language)
    client.post(confirm_path(mail.outbox[-1]))
    return FeedbackSubscriber.objects.get(email=email)


def test_the_public_page_offers_to_follow(client, page):
    html = client.get(reverse("feedback:public", args=[page.slug])).content.decode()
    assert reverse("feedback:follow", args=[page.slug]) in html
    assert 'name="consent"' in html


def test_without_consent_nothing_is_kept(client, page):
    response = sign_up(client, page, consent=False)
    assert response.status_code == 400 and "Nothing was saved" in response.content.decode()
    assert not FeedbackSubscriber.objects.exists() and mail.outbox == []


def test_double_opt_in(client, page, owner):
    response = sign_up(client, page, language="en")
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    subscriber = FeedbackSubscriber.objects.get()
    assert subscriber.confirmed_at is None and subscriber.language == "en"
    message = mail.outbox[0]
    assert message.to == [EMAIL] and "Confirm that you want to follow" in message.subject
    assert f"/feedback/unsubscribe/{subscriber.token}/" in message.body
    # unconfirmed: not counted, not mailed
    mailing = services.mailing_create(actor=owner, dialogue=page.dialogue, subject="S", body="B")
    assert services.mailing_send(actor=owner, mailing=mailing, site_url="http://x") == 0
    path = confirm_path(message)
    assert client.get(path).status_code == 200  # a mail scanner's GET confirms nothing
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    response = client.post(path, HTTP_ACCEPT_LANGUAGE="en")
    assert "You follow" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert services.mailing_send(actor=owner, mailing=mailing, site_url="http://x") == 1


def test_an_expired_or_broken_confirmation_link_says_so(client, page, monkeypatch):
    sign_up(client, page)
    path = confirm_path(mail.outbox[0])
    monkeypatch.setattr(follow, "CONFIRM_DAYS", -1)
    response = client.post(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410 and "has expired" in response.content.decode()
    monkeypatch.setattr(follow, "CONFIRM_DAYS", 7)
    response = client.post(path[:-3] + "xx/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410 and "not valid" in response.content.decode()
    assert FeedbackSubscriber.objects.get().confirmed_at is None


def test_a_follower_signing_up_again_gets_nothing_new(client, page):
    confirmed(client, page)
    sent = len(mail.outbox)
    response = sign_up(client, page)
    assert response.status_code == 200 and len(mail.outbox) == sent
    assert FeedbackSubscriber.objects.count() == 1


def test_sign_ups_are_rate_limited(client, page, settings):
    settings.SAMRAD_FOLLOW_SIGNUPS_PER_HOUR = 2
    for _ in range(2):
        assert sign_up(client, page).status_code == 200
    response = sign_up(client, page)
    assert response.status_code == 400 and "Too many sign-ups" in response.content.decode()
    assert len(mail.outbox) == 2


def published_input(dialogue, owner, text, answer):
    item = Input.objects.create(
        dialogue=dialogue, text=text, channel=InputChannel.IMPORT, created_at=timezone.now()
    )
    insights.input_answer(input=item, answer=answer, actor=owner)
    insights.input_publish(input=item, actor=owner)
    return item


def test_followers_hear_of_new_statuses_and_published_answers_once(
    client, page, owner, django_capture_on_commit_callbacks
):
    dialogue = page.dialogue
    before = published_input(dialogue, owner, "Gammal fråga", "Gammalt svar")
    with django_capture_on_commit_callbacks(execute=True):
        follower = confirmed(client, page, language="en")
    assert len(mail.outbox) == 1  # only the confirmation: what was public before is not news
    with django_capture_on_commit_callbacks(execute=True):
        action = concerns.action_create(
            dialogue=dialogue, what="Ny belysning vid skolan", public=True, actor=owner
        )
        concerns.action_create(dialogue=dialogue, what="INTERN åtgärd", actor=owner)
    news = mail.outbox[-1]
    assert len(mail.outbox) == 2 and news.to == [follower.email]
    assert "News from the dialogue" in news.subject
    assert "Ny belysning vid skolan: Proposed" in news.body
    assert "INTERN" not in news.body and "Gammal fråga" not in news.body
    assert f"/feedback/unsubscribe/{follower.token}/" in news.body
    assert news.extra_headers["List-Unsubscribe"].endswith(
        f"/feedback/unsubscribe/{follower.token}/>"
    )

    with django_capture_on_commit_callbacks(execute=True):
        concerns.action_update(action=action, status="done", actor=owner)
    assert "Ny belysning vid skolan: Done" in mail.outbox[-1].body
    assert len(mail.outbox) == 3
    # a draft answer is no news; a published one is
    draft = Input.objects.create(
        dialogue=dialogue, text="Utkast", channel=InputChannel.IMPORT, created_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        insights.input_answer(input=draft, answer="UTKASTSVAR", actor=owner)
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        insights.inputs_bulk(dialogue=dialogue, input_ids=[draft.pk], action="publish", actor=owner)
    assert len(mail.outbox) == 4
    assert "“Utkast”" in mail.outbox[-1].body and "UTKASTSVAR" in mail.outbox[-1].body
    # nothing new: nothing sent
    assert follow.followers_notify(dialogue=dialogue) == 0
    assert before.pk  # still public, never repeated
    assert len(mail.outbox) == 4


def test_an_unconfirmed_address_gets_no_news(
    client, page, owner, django_capture_on_commit_callbacks
):
    sign_up(client, page)
    with django_capture_on_commit_callbacks(execute=True):
        concerns.action_create(dialogue=page.dialogue, what="Åtgärd", public=True, actor=owner)
    assert len(mail.outbox) == 1


def test_a_mailing_in_the_subscribers_language_where_written(client, page, owner):
    dialogue = page.dialogue  # Swedish
    english = confirmed(client, page, email="en@example.org", language="en")
    norwegian = confirmed(client, page, email="nb@example.org", language="nb")
    mailing = services.mailing_create(
        actor=owner, dialogue=dialogue, subject="Resultaten", body="Tack för att du var med."
    )
    services.mailing_version_save(
        actor=owner, mailing=mailing, language="en", subject="The results", body="Thank you."
    )
    mail.outbox.clear()
    services.mailing_send(actor=owner, mailing=mailing, site_url="http://x")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[english.email].subject == "The results"
    assert "Thank you." in by_address[english.email].body
    assert by_address[norwegian.email].subject == "Resultaten"
    assert "Tack för att du var med." in by_address[norwegian.email].body
    languages = dict(FeedbackDelivery.objects.values_list("subscriber__email", "language"))
    assert languages == {"en@example.org": "en", "nb@example.org": "sv"}


def test_the_mailing_page_saves_a_version(client, page, owner):
    mailing = services.mailing_create(actor=owner, dialogue=page.dialogue, subject="S", body="B")
    client.force_login(owner)
    url = reverse("feedback:mailing", args=[mailing.pk])
    response = client.post(
        url, {"save_version": "1", "language": "da", "subject": "Resultater", "body": "Tak."}
    )
    assert response.status_code == 302
    assert "Resultater" in client.get(url).content.decode()
    assert mailing.versions.get().language == "da"


def test_the_sender_is_the_dialogues(client, page, owner, settings):
    follower = confirmed(client, page)
    mailing = services.mailing_create(actor=owner, dialogue=page.dialogue, subject="S", body="B")
    assert (
        services.mail_for(mailing, follower, site_url="").from_email == settings.DEFAULT_FROM_EMAIL
    )
    client.force_login(owner)
    client.post(
        reverse("feedback:manage", args=[page.dialogue.pk]),
        {
            "save_page": "1",
            "slug": page.slug,
            "sender_name": "Storby kommun",
            "sender_email": "dialog@storby.example",
        },
    )
    message = services.mail_for(mailing, follower, site_url="")
    assert message.from_email == "Storby kommun <dialog@storby.example>"
    mail.outbox.clear()
    sign_up(client, page, email="ny@example.org")
    assert mail.outbox[0].from_email == "Storby kommun <dialog@storby.example>"


def test_addresses_never_confirmed_are_forgotten(client, page):
    sign_up(client, page, email="gammal@example.org")
    FeedbackSubscriber.objects.update(consented_at=timezone.now() - timezone.timedelta(days=8))
    sign_up(client, page, email="ny@example.org")
    assert list(FeedbackSubscriber.objects.values_list("email", flat=True)) == ["ny@example.org"]


def test_a_notification_carries_only_what_is_public(walk):
    """The public-surface walk (draft answer, hidden post, action not chosen …): a follower
    who has heard nothing yet is told only of what public.py shows."""
    dialogue = walk.dialogue
    follower = FeedbackSubscriber.objects.create(
        dialogue=dialogue,
        email="walk@example.org",
        language="sv",
        consent_text="ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
        site_url="https://x.example",
    )
    mail.outbox.clear()
    assert follow.followers_notify(dialogue=dialogue) == 1
    body = mail.outbox[0].body
    assert CHOSEN_ACTION in body and "Ny belysning 2026." in body
    assert f"https://x.example/feedback/unsubscribe/{follower.token}/" in body
    for word in NEVER:
        assert word not in body
