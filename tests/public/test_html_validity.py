"""Pages are valid HTML by the Nu HTML Checker (the validator that found the defects:
`action=""` on the search form, `<time datetime>` with microseconds)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from bulletin.posts.models import Kind, Status
from tests.htmlcheck import html_errors

pytestmark = pytest.mark.django_db


def test_public_pages_pass_the_nu_html_checker(client, now, make_post, tmp_path):
    # Published from the back office: a time with microseconds, as clock.now() gives.
    moment = now - timedelta(hours=1, microseconds=123456)
    news = make_post(title="Lighthouse repairs", published_at=moment,
                     updated_at=moment)  # fmt: skip
    event = make_post(
        kind=Kind.EVENT, title="Lighthouse open day", published_at=moment,
        event_start=now + timedelta(days=3, microseconds=5), event_timezone="Asia/Seoul",
        event_online_url="https://meet.example.org/x",
    )  # fmt: skip
    gone = make_post(title="Lighthouse closure", status=Status.WITHDRAWN,
                     withdrawn_at=moment, published_at=moment - timedelta(days=1))  # fmt: skip
    pages = {
        "list": reverse("public:list"),
        "news": news.get_absolute_url(),
        "event": event.get_absolute_url(),
        "withdrawn": gone.get_absolute_url(),
        "search": reverse("search:search") + "?q=lighthouse",
    }
    bodies = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 410), (name, response.status_code)
        bodies[name] = response.content
    errors = html_errors(bodies, tmp_path)
    assert errors == {name: [] for name in pages}
