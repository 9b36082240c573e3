"""Images of questions: what is accepted (PNG, JPEG, WebP, GIF, read by Pillow, never judged
by the name), up to SAMRAD_MAX_IMAGE_MB, and always with a description (alt text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Pillow's format name → (content type served, file extension stored).
FORMATS = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
CONTENT_TYPES = {content_type for content_type, _ext in FORMATS.values()}


@dataclass(frozen=True)
class CheckedImage:
    content_type: str
    extension: str


def image_check(upload: Any, *, alt: str) -> CheckedImage:
    """Raise ValidationError (a message in the reader's language) unless `upload` is an image
    of an accepted type within the size limit and `alt` describes it."""
    limit = settings.SAMRAD_MAX_IMAGE_MB
    if upload.size > limit * 1024 * 1024:
        raise ValidationError(
            _("The image is too large: at most %(limit)s MB."),
            code="image_too_large",
            params={"limit": limit},
        )
    wrong_type = ValidationError(
        _("This is not an image we accept. Use PNG, JPEG, WebP or GIF."), code="image_type"
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise wrong_type from None
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise wrong_type
    if not (alt or "").strip():
        raise ValidationError(
            _("Describe the image in a few words (alt text) for people who cannot see it."),
            code="image_alt",
        )
    content_type, extension = FORMATS[kind]
    return CheckedImage(content_type=content_type, extension=extension)
