"""The sitemap index, its sections and robots.txt, validated against the protocol's XSD."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.feeds import content
from bulletin.feeds.sitemaps import PostSitemap
from bulletin.posts.listing import KIND_SEGMENTS
from bulletin.posts.models import ChangeNote, Status

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
URLSET = xmlschema.XMLSchema(HERE / "sitemap.xsd")
INDEX = xmlschema.XMLSchema(HERE / "siteindex.xsd")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def valid(schema: xmlschema.XMLSchema, response) -> ElementTree.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    schema.validate(response.content.decode())
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


def test_the_schemas_reject_a_broken_sitemap():
    bad = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>/relative</loc><changefreq>often</changefreq></url></urlset>"
    )
    assert not URLSET.is_valid(bad)
    assert not INDEX.is_valid(bad)


def index_locs(client) -> list[str]:
    root = valid(INDEX, client.get(reverse("sitemaps:index")))
    return [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]


def section_entries(client, loc: str) -> dict[str, str | None]:
    root = valid(URLSET, client.get(loc.removeprefix("http://testserver")))
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_public_posts_in_every_language_with_lastmod(
    client, now, make_post
):
    post = make_post(title="Water", updated_at=now - timedelta(days=1))
    french = make_post(
        title="Eau", language="fr", translation_group=post.translation_group
    )
    ChangeNote.objects.create(
        post=french, note="Ajout", noted_at=now + timedelta(minutes=1)
    )
    locs = index_locs(client)
    assert "http://testserver/sitemap-posts.xml" in locs
    entries = section_entries(client, "http://testserver/sitemap-posts.xml")
    assert entries[f"http://testserver/en/posts/{post.slug}/"] == f"{now:%Y-%m-%d}"
    assert f"http://testserver/fr/posts/{french.slug}/" in entries
    # Translations name each other (xhtml:link), and the page still validates.
    raw = client.get("/sitemap-posts.xml").content.decode()
    assert 'hreflang="fr"' in raw
    lists = section_entries(client, "http://testserver/sitemap-lists.xml")
    assert lists["http://testserver/en/"] == f"{now:%Y-%m-%d}"
    assert "http://testserver/fr/events/" in lists


def test_sitemap_leaves_out_everything_unpublished(client, now, make_post):
    make_post(title="Draft", status=Status.DRAFT, published_at=None)
    make_post(title="Review", status=Status.IN_REVIEW, published_at=None)
    make_post(title="Scheduled", published_at=now + timedelta(hours=2))
    make_post(title="Withdrawn", status=Status.WITHDRAWN, withdrawn_at=now)
    public = make_post(title="Public")
    entries = section_entries(client, "http://testserver/sitemap-posts.xml")
    assert list(entries) == [f"http://testserver/en/posts/{public.slug}/"]


def test_past_the_limit_the_index_has_several_pages(
    client, now, make_post, monkeypatch
):
    monkeypatch.setattr(PostSitemap, "limit", 2)
    posts = [make_post() for _ in range(5)]
    pages = [loc for loc in index_locs(client) if "sitemap-posts" in loc]
    assert len(pages) == 3
    seen = {}
    for loc in pages:
        seen.update(section_entries(client, loc))
    assert set(seen) == {f"http://testserver/en/posts/{p.slug}/" for p in posts}
    assert (
        client.get(reverse("sitemaps:section", args=["posts"]) + "?p=9").status_code
        == 404
    )
    assert (
        client.get(reverse("sitemaps:section", args=["posts"]) + "?p=x").status_code
        == 404
    )


def test_unknown_section_is_404(client, now):
    assert client.get(reverse("sitemaps:section", args=["nope"])).status_code == 404


def test_sitemap_answers_304_to_its_etag(client, now, make_post):
    make_post()
    url = reverse("sitemaps:section", args=["posts"])
    first = client.get(url)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_robots_txt_points_to_the_sitemap(client, now):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_sitemap_queries_do_not_grow_with_posts(
    client, now, make_post, django_assert_max_num_queries
):
    url = reverse("sitemaps:section", args=["posts"])
    make_post()
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for _ in range(15):
        ChangeNote.objects.create(post=make_post(), note="x")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_sitemap_addresses_of_unicode_slugs_open_the_post(client, now, make_post):
    post = make_post(title="Écoles et 학교 — ouverture", language="fr")
    entries = section_entries(client, "http://testserver/sitemap-posts.xml")
    (loc,) = entries
    assert loc == "http://testserver" + content.post_path(post)
    assert client.get(loc.removeprefix("http://testserver")).status_code == 200


def test_the_sitemap_index_and_its_pages_never_count_or_skip_rows(
    client, now, make_post
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        make_post()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("sitemaps:index"))
        client.get(reverse("sitemaps:section", args=["posts"]))
        client.get(reverse("sitemaps:section", args=["lists"]))
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "COUNT(" not in sql
    assert "OFFSET" not in sql
    assert "GROUP BY" not in sql


def test_the_sitemaps_date_is_the_newest_public_note_behind_many_on_withdrawn_posts(
    now, make_post
):
    public = make_post(
        published_at=now - timedelta(days=9), updated_at=now - timedelta(days=9)
    )
    noted = now - timedelta(days=2)
    ChangeNote.objects.create(post=public, note="Corrected", noted_at=noted)
    gone = make_post(
        published_at=now - timedelta(days=9), updated_at=now - timedelta(days=9)
    )
    ChangeNote.objects.bulk_create(
        ChangeNote(post=gone, note=f"n{n}", noted_at=now - timedelta(minutes=n + 1))
        for n in range(450)
    )
    gone.status = Status.WITHDRAWN
    gone.updated_at = now - timedelta(days=9)
    gone.save()
    assert PostSitemap().get_latest_lastmod() == noted


def test_the_lists_section_asks_one_seek_per_language_and_listed_kind(
    client, now, make_post, settings
):
    make_post(title="Water works")
    url = reverse("sitemaps:section", args=["lists"])
    client.get(url)  # the content state, the site address: read once per process
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    seeks = [q["sql"] for q in seen.captured_queries if "published_at" in q["sql"]]
    assert len(seeks) == len(settings.LANGUAGES) * len(KIND_SEGMENTS)
