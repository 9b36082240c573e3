"""Images of questions: accepted by what Pillow reads (not the name), within the size limit,
with alt text; stored under a random name and served only as a question's image."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samrad.live.models import Question, SessionStatus
from tests.factories import QuestionFactory, SessionFactory, member_of, put_on_screen
from tests.live.kind_helpers import stage_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def picture(fmt="PNG", name="bild.png", size=(40, 20)) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(data, format=fmt)
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def add(client, session, **fields):
    data = {"kind": "info", "prompt": "Kvällens program", "max_entries": 3, "max_words": 3}
    return client.post(reverse("live:session_edit", args=[session.pk]), {**data, **fields})


@pytest.fixture
def facilitator(client):
    session = SessionFactory()
    client.force_login(member_of(session.dialogue.organisation))
    return session


def test_the_empty_form_offers_its_defaults(client, facilitator):
    html = client.get(reverse("live:session_edit", args=[facilitator.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="max_entries" value="3"' in html
    assert "errorlist" not in html


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_an_image_with_alt_text_is_stored_under_a_random_name_and_served(client, facilitator, fmt):
    add(client, facilitator, image=picture(fmt, name="../../etc/passwd.png"), image_alt="En karta")
    question = Question.objects.get(session=facilitator)
    assert question.image_alt == "En karta"
    assert question.image.name.startswith("live/questions/")
    assert "passwd" not in question.image.name
    expected = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp", "GIF": "gif"}[fmt]
    assert question.image_type == f"image/{expected}"
    url = reverse("live:question_image", args=[question.pk, question.image_name])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"image/{expected}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == question.image.open("rb").read(2)


def test_too_large_is_refused_with_the_limit(client, facilitator, settings):
    settings.SAMRAD_MAX_IMAGE_MB = 1
    big = picture(size=(1200, 1200))
    big = SimpleUploadedFile("big.png", big.read() + b"\0" * (1024 * 1024), "image/png")
    html = add(client, facilitator, image=big, image_alt="Stor").content.decode()
    assert "The image is too large: at most 1 MB." in html
    assert not Question.objects.filter(session=facilitator).exists()
    assert "Kvällens program" in html  # what was typed is kept


def test_a_wrong_type_is_refused_whatever_its_name(client, facilitator):
    fake = SimpleUploadedFile("bild.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png")
    html = add(client, facilitator, image=fake, image_alt="Falsk").content.decode()
    assert "This is not an image we accept. Use PNG, JPEG, WebP or GIF." in html
    tiff = picture("TIFF", name="bild.png")
    html = add(client, facilitator, image=tiff, image_alt="Tiff").content.decode()
    assert "Use PNG, JPEG, WebP or GIF." in html
    assert not Question.objects.filter(session=facilitator).exists()


def test_an_image_without_alt_text_is_refused(client, facilitator):
    html = add(client, facilitator, image=picture(), image_alt="  ").content.decode()
    assert "(alt text) for people who cannot see it." in html
    assert not Question.objects.filter(session=facilitator).exists()


def test_the_refusals_are_in_the_users_language(client, facilitator, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = add(client, facilitator, image=picture(), image_alt="").content.decode()
    assert "alternativtext" in html
    settings.SAMRAD_MAX_IMAGE_MB = 0
    html = add(client, facilitator, image=picture(), image_alt="Karta").content.decode()
    assert "Bilden är för stor: högst 0 MB." in html


def test_only_a_questions_own_image_is_served(client, facilitator):
    add(client, facilitator, image=picture(), image_alt="En karta")
    question = Question.objects.get(session=facilitator)
    other = QuestionFactory()
    for args in [
        [other.pk, question.image_name],
        [question.pk, "secret.png"],
        [question.pk, "..%2F..%2Fsettings.py"],
    ]:
        assert client.get(reverse("live:question_image", args=args)).status_code == 404


def test_phone_and_projector_show_the_image_with_its_alt_text(client, facilitator):
    add(client, facilitator, image=picture(), image_alt="En karta över parken")
    facilitator.status = SessionStatus.OPEN
    facilitator.save()
    question = put_on_screen(Question.objects.get(session=facilitator))
    src = reverse("live:question_image", args=[question.pk, question.image_name])
    client.logout()
    client.get(reverse("live:join_code", args=[question.session.code]))
    phone = client.get(reverse("live:participant_question", args=[question.session.code]))
    assert f'<img src="{src}" alt="En karta över parken">' in phone.content.decode()
    assert f'<img src="{src}" alt="En karta över parken">' in stage_html(question)
