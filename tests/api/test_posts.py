"""The posts and topics the API answers with: shapes, filters and addresses."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from bulletin.posts.models import Kind
from tests.api.conftest import ids, post_url, posts_url, topics_url

pytestmark = pytest.mark.django_db


def test_list_is_newest_first_ties_broken_by_id(client, now, make_post):
    at = now - timedelta(hours=2)
    older = make_post(published_at=now - timedelta(days=1))
    tie_a = make_post(published_at=at)
    tie_b = make_post(published_at=at)
    newest = make_post(published_at=now - timedelta(minutes=5))
    data = client.get(posts_url()).json()
    assert ids([data]) == [newest.pk, tie_b.pk, tie_a.pk, older.pk]
    assert data["next"] is None
    assert data["next_cursor"] is None


def test_a_post_carries_its_page_topics_attachments_and_notes(
    client, now, make_post, make_topic, make_attachment
):
    water = make_topic("Water")
    post = make_post(
        title="Pipes & <valves>",
        body='<p>Fixed.</p><script>alert("x")</script>',
        topics=[water],
        language="fr",
    )
    attachment = make_attachment(post, title="Map", filename="map.pdf")
    post.change_notes.create(note="Map added", noted_at=now)
    data = client.get(post_url(post.pk)).json()

    assert data["title"] == "Pipes & <valves>"
    assert "<script>" not in data["body"] and "<p>Fixed.</p>" in data["body"]
    assert data["language"] == "fr"
    assert urlsplit(data["url"]).path == f"/fr/posts/{post.slug}/"
    assert data["topics"] == [{"id": water.pk, "slug": "water", "name": "Water"}]
    assert data["change_notes"] == [
        {"noted_at": "2026-06-15T12:00:00Z", "note": "Map added"}
    ]
    assert data["event"] is None
    [item] = data["attachments"]
    assert item["id"] == attachment.pk
    assert (item["filename"], item["content_type"], item["size"]) == (
        "map.pdf",
        "application/pdf",
        len(b"%PDF-1.4\n%%EOF\n"),
    )
    assert urlsplit(item["url"]).path == f"/fr/attachments/{attachment.pk}/map.pdf"


def test_attachment_url_downloads_the_file_through_the_public_view(
    client, now, make_post, make_attachment
):
    post = make_post()
    make_attachment(post, data=b"%PDF-1.4 real bytes")
    url = client.get(post_url(post.pk)).json()["attachments"][0]["url"]
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 real bytes"


def test_event_details_are_given_for_events(client, now, make_post):
    post = make_post(
        kind=Kind.EVENT,
        event_start=now + timedelta(days=3),
        event_end=now + timedelta(days=3, hours=2),
        event_timezone="Europe/Paris",
        event_location="Town hall",
    )
    event = client.get(post_url(post.pk)).json()["event"]
    assert event["start"] == "2026-06-18T12:00:00Z"
    assert event["end"] == "2026-06-18T14:00:00Z"
    assert (event["timezone"], event["location"]) == ("Europe/Paris", "Town hall")


def test_updated_at_is_the_later_of_update_and_publication(client, now, make_post):
    updated = make_post(
        published_at=now - timedelta(days=2), updated_at=now - timedelta(hours=3)
    )
    backdated = make_post(
        published_at=now - timedelta(hours=1), updated_at=now - timedelta(days=9)
    )
    assert (
        client.get(post_url(updated.pk)).json()["updated_at"] == "2026-06-15T09:00:00Z"
    )
    assert (
        client.get(post_url(backdated.pk)).json()["updated_at"]
        == "2026-06-15T11:00:00Z"
    )


@pytest.mark.parametrize("kind", [Kind.NEWS, Kind.NOTICE, Kind.EVENT])
def test_kind_filter_keeps_only_that_kind(client, now, make_post, kind):
    expected = {make_post(kind=k).pk: k for k in Kind}
    data = client.get(posts_url(), {"kind": kind}).json()
    assert [expected[pk] for pk in ids([data])] == [kind]


def test_topic_filter_uses_the_slug(client, now, make_post, make_topic):
    water, roads = make_topic("Water"), make_topic("Roads")
    wet = make_post(topics=[water])
    both = make_post(topics=[water, roads])
    make_post(topics=[roads])
    make_post()
    data = client.get(posts_url(), {"topic": "water"}).json()
    assert ids([data]) == [both.pk, wet.pk]


def test_language_filter(client, now, make_post):
    french = make_post(language="fr")
    make_post(language="en")
    data = client.get(posts_url(), {"language": "fr"}).json()
    assert ids([data]) == [french.pk]


def test_filters_combine(client, now, make_post, make_topic):
    water = make_topic("Water")
    hit = make_post(kind=Kind.NOTICE, language="fr", topics=[water])
    make_post(kind=Kind.NEWS, language="fr", topics=[water])
    make_post(kind=Kind.NOTICE, language="en", topics=[water])
    make_post(kind=Kind.NOTICE, language="fr")
    params = {"kind": "notice", "language": "fr", "topic": "water"}
    assert ids([client.get(posts_url(), params).json()]) == [hit.pk]


def test_updated_since_lists_changes_oldest_first(client, now, make_post):
    make_post(published_at=now - timedelta(days=5), updated_at=now - timedelta(days=5))
    edited = make_post(
        published_at=now - timedelta(days=5), updated_at=now - timedelta(hours=2)
    )
    fresh = make_post(
        published_at=now - timedelta(hours=3), updated_at=now - timedelta(hours=3)
    )
    since = (now - timedelta(days=1)).isoformat()
    data = client.get(posts_url(), {"updated_since": since}).json()
    assert ids([data]) == [fresh.pk, edited.pk]


@pytest.mark.parametrize(
    "value",
    ["2026-06-14T12:00:00Z", "2026-06-14T14:00:00+02:00", "2026-06-14T12:00:00"],
)
def test_updated_since_accepts_offsets_and_reads_none_as_utc(
    client, now, make_post, value
):
    just_before, exactly = now - timedelta(days=1, seconds=1), now - timedelta(days=1)
    before = make_post(published_at=just_before, updated_at=just_before)
    at = make_post(published_at=exactly, updated_at=exactly)
    data = client.get(posts_url(), {"updated_since": value}).json()
    assert before.pk not in ids([data])
    assert ids([data]) == [at.pk]


def test_topics_list_counts_public_posts_only(client, now, make_post, make_topic):
    water = make_topic("Water")
    make_topic("Roads")
    make_post(topics=[water])
    make_post(topics=[water], status="draft", published_at=None)
    make_post(topics=[water], published_at=now + timedelta(days=1))
    data = client.get(topics_url()).json()["results"]
    assert [(t["slug"], t["post_count"]) for t in data] == [("roads", 0), ("water", 1)]
    water_data = data[1]
    assert urlsplit(water_data["url"]).path == reverse(
        "public:list", kwargs={"topic": "water"}
    )
    following = client.get(water_data["posts"]).json()
    assert len(following["results"]) == 1


def test_the_openapi_document_allows_only_iana_zone_names(client):
    document = client.get(reverse("api:openapi-json")).json()
    zone = document["components"]["schemas"]["TimeZoneName"]
    assert {"Asia/Seoul", "Europe/Zurich", "America/New_York"} <= set(zone["enum"])
    assert not {"Seoul", "Mars/Olympus", "../../etc/localtime"} & set(zone["enum"])
    event = document["components"]["schemas"]["EventOut"]["properties"]["timezone"]
    assert event.get("$ref", str(event.get("allOf"))).endswith("TimeZoneName") or (
        "TimeZoneName" in str(event)
    )
