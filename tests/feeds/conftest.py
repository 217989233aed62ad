"""Helpers for the channel tests: fetch a feed and parse it with a real parser."""

from __future__ import annotations

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request to /fr/… leaves French active in this thread; later tests expect none."""
    yield
    translation.deactivate()


@pytest.fixture
def fetch_feed(client):
    """GET a feed by format and list segments; return the parsed feed (bozo checked)."""

    def fetch(fmt: str, language: str = "en", **segments):
        with translation.override(language):
            url = reverse("feeds:feed", kwargs={"fmt": fmt, **segments})
        response = client.get(url)
        assert response.status_code == 200, response.content[:500]
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        return parsed

    return fetch
