"""Where a form may send the browser next: the one check for a posted or queried `next`.

A `next` from the request is the visitor's to choose, so it may point anywhere
("https://evil.example", "//evil.example", "javascript:…"): only a URL on this site is followed,
anything else falls back to the page the view names.
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_or(request: HttpRequest, default: str) -> str:
    """The request's `next` (POST, then GET) if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # a path on this site ("/…", not "//…"); a bare word would be taken for a view's name
    return target if allowed and target.startswith("/") else default
