"""Feedback e-mails: preview, send once to each subscriber in their language, unsubscribe."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from samrad.feedback import services
from samrad.feedback.models import FeedbackDelivery, FeedbackSubscriber
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db

SITE = "https://dialog.storby.example"


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def subscribers(held):
    return [
        services.subscriber_add(session=held, email=email, language=lang, consent=True)
        for email, lang in (("anna@example.org", "sv"), ("ahmed@example.org", "en"))
    ]


def write(owner, dialogue):
    return services.mailing_create(
        actor=owner, dialogue=dialogue, subject="Resultat", body="Tack för att ni var med!"
    )


def test_each_subscriber_gets_one_mail_in_their_language(owner, held, subscribers):
    page = services.page_save(
        actor=owner, dialogue=held.dialogue, slug="storby", intro="", next_steps="", contact=""
    )
    services.page_publish(actor=owner, page=page, published=True)
    mailing = write(owner, held.dialogue)
    assert services.mailing_send(actor=owner, mailing=mailing, site_url=SITE) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"anna@example.org", "ahmed@example.org"}
    assert by_address["anna@example.org"].extra_headers["Content-Language"] == "sv"
    assert by_address["ahmed@example.org"].extra_headers["Content-Language"] == "en"
    for message in mail.outbox:
        assert message.subject == "Resultat"
        assert "Tack för att ni var med!" in message.body
        assert f"{SITE}/d/storby/" in message.body
        token = FeedbackSubscriber.objects.get(email=message.to[0]).token
        assert f"{SITE}/feedback/unsubscribe/{token}/" in message.body
        assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/feedback/")


def test_a_second_send_does_not_mail_anybody_twice(owner, held, subscribers):
    mailing = write(owner, held.dialogue)
    services.mailing_send(actor=owner, mailing=mailing, site_url=SITE)
    assert services.mailing_send(actor=owner, mailing=mailing, site_url=SITE) == 0
    assert len(mail.outbox) == 2
    services.subscriber_add(session=held, email="new@example.org", language="sv", consent=True)
    assert services.mailing_send(actor=owner, mailing=mailing, site_url=SITE) == 1
    assert [m.to for m in mail.outbox[2:]] == [["new@example.org"]]


def test_a_failed_mail_is_not_logged_and_goes_out_next_time(owner, held, subscribers, monkeypatch):
    mailing = write(owner, held.dialogue)
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def flaky(self, fail_silently=False):
        if self.to == ["ahmed@example.org"]:
            raise OSError("SMTP down")
        return real_send(self, fail_silently=fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with pytest.raises(OSError):
        services.mailing_send(actor=owner, mailing=mailing, site_url=SITE)
    assert FeedbackDelivery.objects.count() == 1
    monkeypatch.setattr(EmailMessage, "send", real_send)
    assert services.mailing_send(actor=owner, mailing=mailing, site_url=SITE) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ahmed@example.org", "anna@example.org"]


def test_unsubscribe_link_works_without_login_and_deletes_the_address(
    client, owner, held, subscribers
):
    mailing = write(owner, held.dialogue)
    services.mailing_send(actor=owner, mailing=mailing, site_url=SITE)
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    link = re.search(rf"{SITE}(/feedback/unsubscribe/\S+/)", message.body).group(1)
    page = client.get(link)
    assert page.status_code == 200 and held.dialogue.title in page.content.decode()
    assert FeedbackSubscriber.objects.filter(email="anna@example.org").exists()  # GET only asks
    done = client.post(link)
    assert done.status_code == 200 and "deleted" in done.content.decode()
    assert not FeedbackSubscriber.objects.filter(email="anna@example.org").exists()
    assert client.get(link).status_code == 404
    # the sent log keeps counting what went out
    assert mailing.deliveries.count() == 2
    mailing2 = write(owner, held.dialogue)
    services.mailing_send(actor=owner, mailing=mailing2, site_url=SITE)
    assert [m.to for m in mail.outbox[2:]] == [["ahmed@example.org"]]


def test_facilitator_writes_previews_and_sends_from_the_pages(client, owner, held, subscribers):
    client.force_login(owner)
    response = client.post(
        reverse("feedback:manage", args=[held.dialogue.pk]),
        {"subject": "Nu är resultaten klara", "body": "Läs mer.", "write_mailing": "1"},
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "Läs mer." in html and "/feedback/unsubscribe/" in html
    assert mail.outbox == []  # a preview sends nothing
    client.post(response["Location"])
    assert len(mail.outbox) == 2
    log = client.get(reverse("feedback:manage", args=[held.dialogue.pk])).content.decode()
    assert "Nu är resultaten klara" in log


def test_viewers_and_other_organisations_cannot_send(client, owner, held, subscribers):
    mailing = write(owner, held.dialogue)
    url = reverse("feedback:mailing", args=[mailing.pk])
    client.force_login(member_of(held.dialogue.organisation, role="viewer"))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403
    client.force_login(member_of(DialogueFactory().organisation))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert mail.outbox == []


def test_typed_html_in_a_mail_preview_stays_inert(client, owner, held, subscribers):
    mailing = services.mailing_create(
        actor=owner, dialogue=held.dialogue, subject="<b>x</b>", body="<script>alert(1)</script>"
    )
    client.force_login(owner)
    html = client.get(reverse("feedback:mailing", args=[mailing.pk])).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
