"""Links people type or scan: an absolute URL (SITE_URL when set, else the request's own
host) and its QR code as inline SVG. Used by live sessions, workshops and story surveys."""

import segno
from django.conf import settings
from django.http import HttpRequest


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` on the site's public address: SITE_URL when configured (behind a proxy the
    request's host may be an internal one), else the host this request came to."""
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


def qr_svg(url: str, title: str, *, scale: int = 4) -> str:
    """The QR code of `url` as inline SVG with a <title> for screen readers (error level M)."""
    return str(
        segno.make(url, error="m").svg_inline(
            scale=scale, title=title, svgclass="qr", omitsize=True
        )
    )
