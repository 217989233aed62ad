"""RSS 2.0 and Atom 1.0 feeds, read back with feedparser."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse

from bulletin.posts.models import ChangeNote, Kind

pytestmark = pytest.mark.django_db

XML_FORMATS = ["rss", "atom"]


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_feed_lists_public_posts_newest_first(fmt, now, make_post, fetch_feed):
    old = make_post(title="Oldest", published_at=now - timedelta(days=3))
    new = make_post(title="Newest", published_at=now - timedelta(hours=1))
    mid = make_post(title="Middle", published_at=now - timedelta(days=1))
    feed = fetch_feed(fmt)
    assert [e.title for e in feed.entries] == ["Newest", "Middle", "Oldest"]
    assert feed.feed.title.endswith("All posts")
    assert {e.id for e in feed.entries} == {
        f"tag:testserver,{p.created_at:%Y-%m-%d}:post/{p.pk}" for p in (old, new, mid)
    }


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_entries_have_absolute_links_full_content_and_dates(
    fmt, now, make_post, fetch_feed
):
    post = make_post(
        title="Water",
        summary="Short",
        body='<p>Read <a href="/en/topics/">the topics</a> <img src="/static/x.png" alt="x"></p>',
    )
    entry = fetch_feed(fmt).entries[0]
    assert entry.link == f"http://testserver/en/posts/{post.slug}/"
    html = entry.content[0].value if fmt == "atom" else entry.description
    assert 'href="http://testserver/en/topics/"' in html
    assert 'src="http://testserver/static/x.png"' in html
    assert "Short" in html
    assert entry.published_parsed[:5] == (now - timedelta(hours=1)).timetuple()[:5]
    if fmt == "atom":
        assert entry.summary == "Short"
        assert entry.updated_parsed


def test_atom_updated_moves_when_the_post_changes(
    now, make_post, fetch_feed, time_machine
):
    post = make_post(title="Road works")
    before = fetch_feed("atom").entries[0].updated_parsed
    time_machine.shift(timedelta(days=2))
    ChangeNote.objects.create(post=post, note="Diversion added")
    entry = fetch_feed("atom").entries[0]
    assert entry.updated_parsed > before
    assert "Diversion added" in entry.content[0].value


def test_attachments_are_enclosures(now, make_post, make_attachment, fetch_feed):
    post = make_post(title="With files")
    first = make_attachment(post, title="Agenda", filename="agenda.pdf")
    make_attachment(
        post, title="Minutes", filename="minutes.pdf", data=b"%PDF-1.4 longer\n"
    )
    atom = fetch_feed("atom").entries[0]
    links = [link for link in atom.links if link.rel == "enclosure"]
    assert [link.href for link in links] == [
        f"http://testserver/en/attachments/{first.pk}/agenda.pdf",
        f"http://testserver/en/attachments/{first.pk + 1}/minutes.pdf",
    ]
    assert links[0].type == "application/pdf"
    assert int(links[0].length) == first.size
    # RSS allows one enclosure; every file is still linked from the content.
    rss = fetch_feed("rss").entries[0]
    assert [e.href for e in rss.enclosures] == [links[0].href]
    assert "minutes.pdf" in rss.description


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_kind_and_topic_feeds_follow_their_lists(
    fmt, now, make_post, make_topic, fetch_feed
):
    water = make_topic("Water")
    make_post(title="News on water", topics=[water])
    make_post(title="Notice on water", kind=Kind.NOTICE, topics=[water])
    make_post(title="Other notice", kind=Kind.NOTICE)
    notices = fetch_feed(fmt, kind="notices")
    assert {e.title for e in notices.entries} == {"Notice on water", "Other notice"}
    topic = fetch_feed(fmt, topic=water.slug)
    assert {e.title for e in topic.entries} == {"News on water", "Notice on water"}
    both = fetch_feed(fmt, kind="notices", topic=water.slug)
    assert [e.title for e in both.entries] == ["Notice on water"]
    assert both.feed.link.endswith(f"/en/notices/topics/{water.slug}/")


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_feed_language_follows_the_address(fmt, now, make_post, fetch_feed):
    make_post(title="In English")
    make_post(title="En français", language="fr")
    french = fetch_feed(fmt, language="fr")
    assert [e.title for e in french.entries] == ["En français"]
    assert french.feed.language == "fr"
    assert french.entries[0].link.startswith("http://testserver/fr/posts/")


# (NUL is left out: PostgreSQL cannot store it, and forms refuse it on the way in.)
HOSTILE = "Tom & Jerry <b>bold</b> ]]> \x01\x07\x1b 😀 مرحبا \u202eevil\ufffe"


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_hostile_text_still_gives_a_well_formed_feed(fmt, now, make_post, fetch_feed):
    make_post(
        title=HOSTILE,
        summary=HOSTILE,
        body="<p>]]&gt; &amp; \x0b &lt;script&gt; 😀 שלום</p><script>alert(1)</script>",
    )
    entry = fetch_feed(fmt).entries[0]
    assert entry.title == "Tom & Jerry <b>bold</b> ]]>  😀 مرحبا \u202eevil"
    html = entry.content[0].value if fmt == "atom" else entry.description
    assert "<script>" not in html
    assert "שלום" in html


def test_unknown_topic_or_format_is_404(client, now):
    assert client.get("/en/topics/nope/feed.atom").status_code == 404
    assert client.get("/en/feed.xml").status_code == 404
    assert client.get("/en/bogus/feed.rss").status_code == 404


def test_feed_answers_304_to_its_etag(client, now, make_post):
    make_post()
    url = reverse("feeds:feed", kwargs={"fmt": "atom"})
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    later = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert later.status_code == 304


def test_feed_if_modified_since_uses_the_answered_last_modified(
    client, now, make_post, time_machine
):
    make_post(
        published_at=now - timedelta(days=30), updated_at=now - timedelta(days=30)
    )
    url = reverse("feeds:feed", kwargs={"fmt": "rss"})
    first = client.get(url)
    time_machine.shift(timedelta(hours=1))
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_feed_queries_do_not_grow_with_items(
    fmt,
    client,
    now,
    make_post,
    make_topic,
    make_attachment,
    django_assert_max_num_queries,
):
    topic = make_topic()
    url = reverse("feeds:feed", kwargs={"fmt": fmt, "topic": topic.slug})

    def add_posts(n):
        for _ in range(n):
            post = make_post(topics=[topic])
            make_attachment(post)
            ChangeNote.objects.create(post=post, note="Changed")

    add_posts(2)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    add_posts(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    if fmt == "json":
        assert len(json.loads(response.content)["items"]) == 22
    else:
        assert len(feedparser.parse(response.content).entries) == 22


def test_feeds_answer_head_and_refuse_post(client, now, make_post):
    make_post()
    url = reverse("feeds:feed", kwargs={"fmt": "rss"})
    head = client.head(url)
    assert head.status_code == 200
    assert head["ETag"] == client.get(url)["ETag"]
    assert client.post(url).status_code == 405
    assert client.post(reverse("feeds:calendar")).status_code == 405
    assert client.post(reverse("sitemaps:index")).status_code == 405
