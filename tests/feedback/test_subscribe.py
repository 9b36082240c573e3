"""Leaving an e-mail address for feedback: only with consent, kept apart from the answers."""

import pytest
from django.urls import reverse

from samrad.feedback import selectors, services
from samrad.feedback.models import FeedbackSubscriber
from samrad.live.models import Participant
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def url(session):
    return reverse("feedback:subscribe", args=[session.code])


def test_the_phone_page_links_to_the_subscribe_form(client, held):
    html = client.get(reverse("live:join_code", args=[held.code])).content.decode()
    assert url(held) in html


def test_the_form_explains_the_purpose_and_the_box_is_unchecked(client, held):
    html = client.get(url(held)).content.decode()
    assert "apart from my answers" in html and held.dialogue.title in html
    assert 'name="consent"' in html
    checkbox = html[html.index('name="consent"') - 60 : html.index('name="consent"') + 80]
    assert "checked" not in checkbox


def test_without_consent_nothing_is_saved_and_the_address_is_given_back(client, held):
    response = client.post(url(held), {"email": "anna@example.org"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved" in html and 'value="anna@example.org"' in html
    assert not FeedbackSubscriber.objects.exists()


def test_with_consent_the_address_is_kept_with_language_and_consent_text(client, held):
    response = client.post(
        url(held), {"email": "Anna@Example.ORG", "consent": "1"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    subscriber = FeedbackSubscriber.objects.get()
    assert subscriber.dialogue == held.dialogue
    assert subscriber.email == "Anna@example.org"
    assert subscriber.language == "en"
    assert "apart from my answers" in subscriber.consent_text
    assert subscriber.consented_at is not None and len(subscriber.token) >= 40


def test_the_address_cannot_be_joined_to_a_participant():
    fields = {f.name for f in FeedbackSubscriber._meta.get_fields()}
    assert not any(
        getattr(f, "related_model", None) is Participant
        for f in FeedbackSubscriber._meta.get_fields()
    )
    assert "participant" not in fields and "session" not in fields


def test_subscribing_twice_keeps_one_address_in_the_latest_language(held):
    services.subscriber_add(session=held, email="a@example.org", language="sv", consent=True)
    services.subscriber_add(session=held, email="A@EXAMPLE.org", language="da", consent=True)
    subscriber = FeedbackSubscriber.objects.get()
    assert subscriber.language == "da"


def test_a_wrong_address_is_refused(client, held):
    response = client.post(url(held), {"email": "not an address", "consent": "1"})
    assert response.status_code == 400
    assert not FeedbackSubscriber.objects.exists()


def test_unknown_codes_and_drafts_are_not_found(client, db):
    draft = SessionFactory()
    assert client.get(url(draft)).status_code == 404
    assert client.get("/feedback/subscribe/999999/").status_code == 404


def test_facilitator_deletes_every_address_when_done(client, held, django_user_model):
    from tests.factories import member_of

    for email in ("a@example.org", "b@example.org"):
        services.subscriber_add(session=held, email=email, language="sv", consent=True)
    viewer = member_of(held.dialogue.organisation, role="viewer")
    url = reverse("feedback:manage", args=[held.dialogue.pk])
    client.force_login(viewer)
    assert client.post(url, {"delete_subscribers": "1"}).status_code == 403
    client.force_login(member_of(held.dialogue.organisation))
    assert client.post(url, {"delete_subscribers": "1"}).status_code == 302
    assert not FeedbackSubscriber.objects.exists()


def joined_phone(client, session):
    """A phone that joined the session by its code: it has its device cookie."""
    response = client.post(reverse("live:join"), {"code": session.code})
    assert response.status_code == 302
    return client


def test_a_phone_sign_up_is_double_opt_in(client, held, mailoutbox):
    """The address waits for its owner (issue 19, item 4): unconfirmed, one e-mail with a
    confirmation link, and no feedback e-mail reaches it before the link is used."""
    from samrad.feedback import follow

    joined_phone(client, held)
    response = client.post(url(held), {"email": "other@example.org", "consent": "1"})
    assert response.status_code == 200
    assert "we have sent it a link" in response.content.decode()
    subscriber = FeedbackSubscriber.objects.get(email="other@example.org")
    assert subscriber.confirmed_at is None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["other@example.org"]
    assert "/feedback/confirm/" in mailoutbox[0].body
    assert subscriber not in selectors.subscribers_of(held.dialogue)
    follow.follow_confirm(token=follow.confirm_token(subscriber))
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert subscriber in selectors.subscribers_of(held.dialogue)


def test_a_hall_behind_one_address_can_sign_up_but_one_client_cannot_flood(
    client, held, settings, mailoutbox
):
    """Phones that joined are counted by their device cookie, not their shared address; a
    client without one is counted by its address (SAMRAD_FOLLOW_SIGNUPS_PER_HOUR × 4)."""
    settings.SAMRAD_FOLLOW_SIGNUPS_PER_HOUR = 2
    for n in range(12):  # twelve phones on the hall's Wi-Fi
        client.cookies.clear()
        joined_phone(client, held)
        response = client.post(url(held), {"email": f"p{n}@example.org", "consent": "1"})
        assert response.status_code == 200, n
    assert FeedbackSubscriber.objects.filter(email__startswith="p").count() == 12
    client.cookies.clear()  # a script that keeps no cookie
    answers = [
        client.post(url(held), {"email": f"x{n}@example.org", "consent": "1"}).status_code
        for n in range(10)
    ]
    assert answers[:8] == [200] * 8 and answers[8:] == [400, 400]
    assert FeedbackSubscriber.objects.filter(email__startswith="x").count() == 8
