"""Serving the image of a question: only a question's own stored image, under its random
name, with the content type checked at upload; never a path the request chooses."""

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from samrad.live.images import CONTENT_TYPES
from samrad.live.models import Question

FOLDER = "live/questions/"


@require_GET
def question_image(request: HttpRequest, question_id: int, name: str) -> FileResponse:
    question = (
        Question.objects.filter(pk=question_id, image=FOLDER + name)
        .only("image", "image_type")
        .first()
    )
    if question is None or question.image_type not in CONTENT_TYPES:
        raise Http404
    try:
        handle = question.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=question.image_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
