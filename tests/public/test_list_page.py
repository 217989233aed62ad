"""The list at the site root: order, pins, pages, filters."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone, translation

from bulletin.posts.listing import PostList
from bulletin.posts.models import Kind
from bulletin.public.summaries import event_when, summaries

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(soup, section="#posts-heading"):
    return [
        a.get_text(strip=True)
        for a in soup.select(f"section[aria-labelledby='{section[1:]}'] article h3 a")
    ]


def test_the_root_sends_readers_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_the_list_shows_newest_first_with_kind_date_and_summary(client, now, make_post):
    make_post(title="Older", published_at=now - timedelta(days=2))
    make_post(
        title="Newer",
        kind=Kind.EVENT,
        summary="Join us",
        published_at=now - timedelta(days=1),
    )
    soup = soup_of(client.get(reverse("public:list")))
    assert titles(soup) == ["Newer", "Older"]
    first = soup.select_one("main article")
    assert first.select_one(".badge--event").get_text(strip=True) == "Event"
    assert first.select_one("time")["datetime"].startswith(
        (now - timedelta(days=1)).date().isoformat()
    )
    assert first.select_one(".post-summary__text").get_text(strip=True) == "Join us"
    assert len(soup.select("h1")) == 1


def test_twenty_posts_a_page_with_numbered_links(client, now, make_post):
    for n in range(45):
        make_post(title=f"Post {n:02}", published_at=now - timedelta(hours=n))
    soup = soup_of(client.get(reverse("public:list"), {"page": 2}))
    assert titles(soup)[0] == "Post 20" and len(titles(soup)) == 20
    pager = soup.select_one("nav.pagination")
    assert pager.select_one("a[rel=prev]")["href"] == reverse("public:list")
    assert pager.select_one("a[rel=next]")["href"] == reverse("public:list") + "?page=3"
    assert pager.select_one("a[aria-current=page]").get_text(strip=True).endswith("2")
    assert soup.select_one("head link[rel=next]")["href"].endswith("?page=3")
    assert titles(soup_of(client.get(reverse("public:list"), {"page": 3}))) == [
        f"Post {n}" for n in range(40, 45)
    ]


def test_pinned_notices_stay_on_top_of_page_one_until_the_pin_ends(
    client, now, make_post, time_machine
):
    pinned = make_post(title="Office closed", kind=Kind.NOTICE, published_at=now - timedelta(days=5),
                       pinned_until=now + timedelta(days=1))  # fmt: skip
    make_post(title="Fresh news", published_at=now - timedelta(hours=1))
    soup = soup_of(client.get(reverse("public:list")))
    assert titles(soup, "#pinned-heading") == ["Office closed"]
    assert soup.select_one(".post-summary--pinned .badge--pinned")
    # The pinned notice also keeps its place in the numbered list, so pages and
    # Prev/Next are not disturbed by the pin.
    assert titles(soup) == ["Fresh news", "Office closed"]
    time_machine.move_to(pinned.pinned_until, tick=False)
    assert not soup_of(client.get(reverse("public:list"))).select(".pinned")


def test_filters_combine_in_clean_urls(client, now, make_post, make_topic):
    water = make_topic("Water")
    make_post(title="Water notice", kind=Kind.NOTICE, topics=[water])
    make_post(title="Water news", kind=Kind.NEWS, topics=[water])
    make_post(title="Other notice", kind=Kind.NOTICE)
    url = reverse("public:list", kwargs={"kind": "notices", "topic": water.slug})
    assert url == f"/en/notices/topics/{water.slug}/"
    assert titles(soup_of(client.get(url))) == ["Water notice"]
    response = client.get(
        reverse("public:filter"), {"kind": "notice", "topic": water.slug, "year": ""}
    )
    assert response.status_code == 302 and response["Location"] == url


def test_the_year_archive_counts_posts_and_keeps_expired_notices(
    client, now, make_post
):
    make_post(title="Expired", kind=Kind.NOTICE, published_at=now - timedelta(days=3),
              expires_at=now - timedelta(days=1))  # fmt: skip
    make_post(title="Last year", published_at=now.replace(year=now.year - 1))
    assert titles(soup_of(client.get(reverse("public:list")))) == ["Last year"]
    year_page = soup_of(client.get(reverse("public:list", kwargs={"year": now.year})))
    assert titles(year_page) == ["Expired"]
    assert year_page.select_one(".badge--expired")
    archive = soup_of(client.get(reverse("public:archive")))
    counts = [li.get_text(" ", strip=True) for li in archive.select(".year-list li")]
    assert counts == [f"{now.year} 1 post", f"{now.year - 1} 1 post"]


def test_the_list_costs_the_same_number_of_queries_at_any_size(
    client, now, make_post, django_assert_max_num_queries
):
    for n in range(50):
        make_post(published_at=now - timedelta(minutes=n))
    client.get(reverse("public:list"))  # warm the page keys
    with django_assert_max_num_queries(8):
        client.get(reverse("public:list"), {"page": 3})


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_list_row_says_what_the_post_itself_says(now, make_post, language):
    # The rows are worked out in Python (bulletin/public/summaries.py); they must
    # print what the template asked of the model before.
    posts = [
        make_post(
            kind=Kind.EVENT,
            language=language,
            title="Fish & <chips>",
            published_at=now - timedelta(days=40, hours=3),
            event_start=now + timedelta(days=3),
            event_end=now + timedelta(days=4, hours=2),
            event_timezone="America/New_York",
        ),
        make_post(kind=Kind.EVENT, language=language, event_start=None),
        make_post(
            kind=Kind.NOTICE,
            language=language,
            published_at=now - timedelta(days=400),
            expires_at=now - timedelta(days=1),
        ),
        make_post(language=language, summary=""),
    ]
    post_list = PostList(language=language, with_expired=True)
    with translation.override(language):
        rows = summaries(post_list, posts)
        for row, post in zip(rows, posts, strict=True):
            assert row == {
                "url": post_list.post_url(post),
                "title": post.title,
                "kind": post.kind,
                "kind_label": post.get_kind_display(),
                "iso": post.published_at.isoformat(timespec="seconds"),
                "day": date(timezone.localtime(post.published_at), "DATE_FORMAT"),
                "event": event_when(post) if post.event_start else "",
                "expired": post.is_expired(),
                "summary": post.summary,
            }
    assert rows[0]["event"] and "America/New_York" in rows[0]["event"]
    assert rows[2]["expired"]


def test_a_row_escapes_the_title_and_summary(client, make_post):
    make_post(title="Fish & <chips>", summary="<b>bold</b> & more")
    html = client.get(reverse("public:list")).content.decode()
    assert "Fish &amp; &lt;chips&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
