"""A results page's rows and options, worked out in Python (bulletin/search/rows.py):
they must print what the template asked of the model before, in as few queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone, translation

from bulletin.posts.models import Kind, Post, Status
from bulletin.search import rows
from bulletin.search.highlight import highlight, snippet
from bulletin.search.indexing import plain_text
from bulletin.search.query import parse

pytestmark = pytest.mark.usefixtures("now")


def _values(posts: list[Post]) -> list[dict]:
    by_id = {row["id"]: row for row in Post.objects.values(*rows.FIELDS)}
    return [by_id[post.pk] for post in posts]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_result_says_what_the_post_itself_says(now, make_post, language):
    posts = [
        make_post(
            title="Fish & <chips> at the lighthouse",
            summary="The <b>lighthouse</b> & more",
            body="<p>Keeper &amp; lighthouse.</p>",
            language="fr",
            slug="phare-été",
            published_at=now - timedelta(days=40, hours=3),
        ),
        make_post(kind=Kind.EVENT, title="Lighthouse open day", language=language),
        make_post(
            kind=Kind.NOTICE,
            title="Lighthouse closed",
            published_at=now - timedelta(days=400),
            expires_at=now - timedelta(days=1),
        ),
        make_post(title="Lighthouse draft", status=Status.DRAFT, published_at=None),
    ]
    query = parse("lighthouse")
    with translation.override(language):
        public = rows.results(
            _values(posts), query, rows.PublicAddresses(), staff=False
        )
        staff = rows.results(_values(posts), query, rows.staff_address, staff=True)
        for public_row, staff_row, post in zip(public, staff, posts, strict=True):
            with translation.override(post.language):
                url = post.get_absolute_url()
            text = " ".join(filter(None, [post.summary, plain_text(post.body)]))
            expected = {
                "url": url,
                "title": highlight(post.title, query),
                "snippet": snippet(text, query),
                "language": post.language,
                "kind": post.kind,
                "kind_label": post.get_kind_display(),
                "status_label": "",
                "iso": post.published_at.isoformat(timespec="seconds")
                if post.published_at
                else "",
                "day": date(timezone.localtime(post.published_at), "DATE_FORMAT")
                if post.published_at
                else "",
                "expired": post.is_expired(),
            }
            assert public_row == expected
            assert staff_row == {
                **expected,
                "url": reverse("editorial:post", args=[post.pk]),
                "status_label": post.get_status_display(),
            }
    assert public[0]["url"].startswith("/fr/") and "%C3%A9" in public[0]["url"]
    assert public[2]["expired"] and not public[3]["iso"]


def test_results_are_escaped_and_only_the_words_marked(client, make_post):
    make_post(
        title="<script>x</script> lighthouse & co",
        summary="<i>lighthouse</i> \"keeper\" & 'sons'",
    )
    html = client.get(reverse("search:search"), {"q": "lighthouse"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    result = soup.select_one("ol.search-results article")
    assert not result.select("script, i")
    assert [m.get_text() for m in result.select("mark")] == ["lighthouse"] * 2
    assert "&lt;script&gt;x&lt;/script&gt; <mark>lighthouse</mark> &amp; co" in html
    assert "&lt;i&gt;<mark>lighthouse</mark>&lt;/i&gt; &quot;keeper&quot;" in html


def test_the_filter_selects_mark_what_was_chosen(client, make_post, make_topic):
    water, roads = make_topic("Water"), make_topic("Roads")
    make_post(title="Flood notice", kind=Kind.NOTICE, topics=[water])
    soup = BeautifulSoup(
        client.get(
            reverse("search:search"),
            {"q": "flood", "kind": "notice", "topic": roads.slug, "language": "all"},
        ).content,
        "html.parser",
    )
    selected = [o["value"] for o in soup.select("select option[selected]")]
    assert selected == ["notice", roads.slug, "all"]
    topics = [o.get_text() for o in soup.select("#search-topic option")]
    assert topics == ["All topics", roads.local_name, water.local_name]  # by name
    languages = soup.select("#search-language option")
    assert [o["lang"] for o in languages][-1] == ""
    assert all(o["lang"] == o["value"] for o in languages[:-1])
    # No language chosen: the page's own.
    soup = BeautifulSoup(
        client.get("/fr/search/", {"q": "crue"}).content, "html.parser"
    )
    assert [o["value"] for o in soup.select("option[selected]")] == ["fr"]


def _queries_of_a_search(client, django_assert_num_queries, count: int) -> None:
    url = reverse("search:search")
    # The identity, the topics, the frame; on PostgreSQL the word frequencies.
    client.get(url, {"q": "warm up"})
    with django_assert_num_queries(count):
        response = client.get(url, {"q": "lighthouse"})
    assert response.status_code == 200


@pytest.mark.parametrize("posts", [3, 30])
def test_a_search_asks_the_same_few_queries_however_many_results(
    client, make_post, django_assert_num_queries, posts
):
    """This year's title matches (one query), older ones (one, none there), the
    rest this year and before (two, no visibility check when every one was a title
    match), the visibility of the title matches (one), the page's posts (one): 6,
    whether 3 or 30 posts match."""
    for n in range(posts):
        make_post(title=f"Lighthouse {n}")
    _queries_of_a_search(client, django_assert_num_queries, 6)


def test_a_search_that_finds_nothing_asks_for_no_posts(
    client, make_post, django_assert_num_queries
):
    make_post(title="Harbour")
    # Two tiers of two slices; no visibility check, no page of posts.
    _queries_of_a_search(client, django_assert_num_queries, 4)
