"""The probe's cases of issue 19 whose unit tests live with their apps, here end to end through
the pages, so that every item has its test in tests/security/:

- item 2: the 5 KB XLSX whose `<dimension>` claims A1:XFD1048576, uploaded to the board's
  import page, is read without padding rows to 16,384 columns; a row past the column cap is
  refused with a message naming its line (tests/core/test_tables.py tests the reader);
- item 4: one client signing up 100 addresses it does not own for feedback e-mails gets a
  few sign-ups, each waiting for its owner's confirmation, and no feedback e-mail reaches any
  of them (tests/feedback/test_subscribe.py tests the phone that joined);
- item 8: the public page's word cloud does not show a word only one person wrote
  (tests/feedback/test_public_page.py tests the threshold).
"""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samrad.feedback import selectors, services
from samrad.feedback.models import FeedbackSubscriber
from samrad.insights.models import ImportBatch, Input
from tests.core.test_tables import bomb_rows, crafted_xlsx, inline
from tests.feedback.conftest import dialogue, held, owner  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_the_dimension_bomb_through_the_import_page_is_read_without_padding(
    client,
    dialogue,  # noqa: F811
    owner,  # noqa: F811
):
    client.force_login(owner)
    bomb = crafted_xlsx(bomb_rows())
    assert len(bomb) < 6_000  # the probe's file: about 5 KB
    tracemalloc.start()
    response = client.post(
        reverse("insights:import", args=[dialogue.pk]),
        {"file": SimpleUploadedFile("bomb.xlsx", bomb)},
    )
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 302  # to the preview: 4,000 rows of one column
    assert peak < 100_000_000, peak  # padded, it took about 500 MB
    preview = client.get(response["Location"])
    assert preview.status_code == 200

    wide = crafted_xlsx(
        f'<row r="1">{inline("A1", "text")}</row><row r="2">{inline("XFD2", "b")}</row>'
    )
    page = client.post(
        reverse("insights:import", args=[dialogue.pk]),
        {"file": SimpleUploadedFile("wide.xlsx", wide)},
    )
    assert page.status_code in (200, 400)
    assert "Line 2 has more than 200 columns" in page.content.decode()
    assert ImportBatch.objects.count() == 1  # only the first file's batch
    assert not Input.objects.exists()  # nothing imported before the facilitator confirms


def test_one_client_signing_up_100_foreign_addresses_gets_a_few_unconfirmed(
    client,
    held,  # noqa: F811
    mailoutbox,
    settings,
):
    answers = []
    for n in range(100):  # the probe: 100 addresses in 4.4 s, from a client with no cookie
        client.cookies.clear()
        answers.append(
            client.post(
                reverse("feedback:subscribe", args=[held.code]),
                {"email": f"victim{n}@example.org", "consent": "1"},
            ).status_code
        )
    allowed = 4 * settings.SAMRAD_FOLLOW_SIGNUPS_PER_HOUR  # per client address and hour
    assert answers.count(200) == allowed and answers.count(400) == 100 - allowed
    stored = FeedbackSubscriber.objects.filter(email__startswith="victim")
    assert stored.count() == allowed
    assert not stored.filter(confirmed_at__isnull=False).exists()  # double opt-in
    assert not any(s in selectors.subscribers_of(held.dialogue) for s in stored)
    assert len(mailoutbox) == allowed  # one confirmation link each, nothing else
    assert all("/feedback/confirm/" in mail.body for mail in mailoutbox)


def test_the_public_word_cloud_hides_words_only_one_person_wrote(
    client,
    dialogue,  # noqa: F811
    owner,  # noqa: F811
    held,  # noqa: F811
):
    services.page_save(
        actor=owner, dialogue=dialogue, slug="storby-2030", intro="", next_steps="", contact=""
    )
    services.page_publish(actor=owner, page=dialogue.public_page, published=True)
    held.min_group_size = 2  # the cloud is shown: four people answered it
    held.save()
    html = client.get("/d/storby-2030/").content.decode()
    assert 'data-count="2">grön' in html  # two people wrote it
    for word in ("trygg", "levande"):  # one person each
        assert word not in html
