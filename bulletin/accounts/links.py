"""Links sent by e-mail (password reset, invitations) point at the configured site.

Never at the request's Host: anyone can send a request with their own Host header
and so have a reset link to their server mailed to a victim.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

# Used only while BULLETIN_SITE_URL is unset (development); `check --deploy` refuses
# a production site without it.
DEVELOPMENT_SITE = "http://localhost:8000"


def site_address() -> str:
    """The site's own address, without a trailing slash."""
    return settings.BULLETIN_SITE.get("url") or DEVELOPMENT_SITE


def link_parts() -> dict[str, str]:
    """`protocol` and `domain` as Django's password-reset e-mail template uses them."""
    parts = urlsplit(site_address())
    return {"protocol": parts.scheme, "domain": parts.netloc + parts.path}
