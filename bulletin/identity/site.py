"""What every page says about the site, in the reader's language: `site_for()`.

The answer is kept in the cache under the content version, which any change to the
identity raises (receivers.py), so every process sees a change at once and cached
pages are made again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from bulletin.identity.models import Identity, IdentityText
from bulletin.posts import prepared
from bulletin.posts.state import content_state

TIMEOUT = 3600


def _snapshot() -> dict:
    # Read again after every change of content (the version is the key): prepared
    # shapes, so Django builds their SQL once (`bulletin.posts.prepared`).
    found = prepared.rows(("identity",), lambda: Identity.objects.filter(pk=1))
    identity = found[0] if found else Identity()
    texts = {
        text.language: text
        for text in prepared.rows(("identity texts",), IdentityText.objects.all)
    }
    stamp = identity.stamp
    return {
        "texts": {
            code: {
                "name": text.name,
                "tagline": text.tagline,
                "footer": text.footer,
                "logo_alt": text.logo_alt,
            }
            for code, text in texts.items()
        },
        "logo_url": reverse("identity:logo", kwargs={"stamp": stamp})
        if identity.logo
        else "",
        "theme_url": reverse("identity:theme", kwargs={"stamp": stamp})
        if identity.has_theme
        else "",
        "public_counts": identity.public_counts,
        "accessibility_email": identity.accessibility_email,
    }


def snapshot(version: int | None = None) -> dict:
    version = content_state().version if version is None else version
    key = f"identity:{version}"
    found = cache.get(key)
    if found is None:
        found = _snapshot()
        cache.set(key, found, TIMEOUT)
    return found


def site_for(language: str | None, version: int | None = None) -> dict:
    """Name, tagline, footer, logo and theme for pages in `language`.

    Each text falls back to the default language's, then to `BULLETIN_SITE`.
    """
    configured = settings.BULLETIN_SITE
    found = snapshot(version)
    texts = found["texts"]
    own = texts.get(language or "", {})
    default = texts.get(settings.LANGUAGE_CODE, {})

    def pick(name: str, fallback: str) -> str:
        return own.get(name) or default.get(name) or fallback

    name = pick("name", configured["name"])
    return {
        "name": name,
        "logo_text": pick("name", configured["logo_text"]),
        "description": pick("tagline", configured["description"]),
        "footer": pick("footer", configured["footer"]),
        "url": configured["url"],
        "logo_url": found["logo_url"],
        "logo_alt": pick("logo_alt", name),
        "theme_url": found["theme_url"],
        "public_counts": found["public_counts"],
        "accessibility_email": found["accessibility_email"]
        or settings.DEFAULT_FROM_EMAIL,
    }
