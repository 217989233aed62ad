"""JSON Feed 1.1, validated against a JSON Schema written from the specification."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from jsonschema import Draft202012Validator

from bulletin.posts.models import ChangeNote, Kind

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
validator = Draft202012Validator(SCHEMA)


@pytest.fixture
def fetch_json(client):
    def fetch(language: str = "en", **segments) -> dict:
        with translation.override(language):
            url = reverse("feeds:feed", kwargs={"fmt": "json", **segments})
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/feed+json")
        data = json.loads(response.content)
        errors = [
            f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)
        ]
        assert errors == []
        return data

    return fetch


def test_the_schema_rejects_what_the_spec_forbids():
    assert not validator.is_valid(
        {"version": "https://jsonfeed.org/version/1.1", "title": "x"}
    )
    item_without_content = {"id": "1", "title": "x"}
    assert not validator.is_valid(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "x",
            "items": [item_without_content],
        }
    )


def test_json_feed_lists_posts_newest_first_with_everything(
    now, make_post, make_topic, make_attachment, fetch_json
):
    water = make_topic("Water")
    old = make_post(title="Old", published_at=now - timedelta(days=2), topics=[water])
    new = make_post(title="New", summary="Fresh", body='<p><a href="/en/">home</a></p>')
    make_attachment(old, title="Map", filename="map.pdf")
    ChangeNote.objects.create(post=old, note="Map added", noted_at=now)
    data = fetch_json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["language"] == "en"
    assert data["feed_url"] == "http://testserver/en/feed.json"
    assert [item["title"] for item in data["items"]] == ["New", "Old"]
    first, second = data["items"]
    assert first["id"] == f"tag:testserver,{new.created_at:%Y-%m-%d}:post/{new.pk}"
    assert first["url"] == f"http://testserver/en/posts/{new.slug}/"
    assert first["summary"] == "Fresh"
    assert 'href="http://testserver/en/"' in first["content_html"]
    assert second["tags"] == ["News", "Water"]
    assert second["attachments"][0]["url"].endswith("/map.pdf")
    assert second["attachments"][0]["mime_type"] == "application/pdf"
    assert "Map added" in second["content_html"]
    assert datetime.fromisoformat(second["date_modified"]) == now
    assert datetime.fromisoformat(second["date_published"]) == old.published_at


def test_json_feed_per_kind_topic_and_language(now, make_post, make_topic, fetch_json):
    roads = make_topic("Roads")
    make_post(title="Roundtable", kind=Kind.EVENT, topics=[roads])
    make_post(title="Notice", kind=Kind.NOTICE)
    make_post(title="Réunion", kind=Kind.EVENT, language="fr", topics=[roads])
    assert [i["title"] for i in fetch_json(kind="events")["items"]] == ["Roundtable"]
    assert [i["title"] for i in fetch_json(topic=roads.slug)["items"]] == ["Roundtable"]
    french = fetch_json(language="fr", kind="events", topic=roads.slug)
    assert [i["title"] for i in french["items"]] == ["Réunion"]
    assert french["language"] == "fr"


def test_hostile_text_stays_valid_json_feed(now, make_post, fetch_json):
    make_post(title="A & B <i> ]]> \x01 😀 עברית", summary="\x0c\u202e")
    item = fetch_json()["items"][0]
    assert item["title"] == "A & B <i> ]]>  😀 עברית"
