"""The search pages as readers and staff see them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from bulletin.posts.models import Kind, Status
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("now")

HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    "*",
    "lighthouse*",
    "(",
    "lighthouse)",
    "[]{}",
    "NEAR(lighthouse keeper)",
    "lighthouse NEAR/3 keeper",
    "lighthouse OR keeper",
    "lighthouse AND NOT keeper",
    "-",
    "--",
    "- -lighthouse",
    "title:lighthouse",
    "{title}: lighthouse",
    "^lighthouse",
    "lighthouse:*",
    "'; DROP TABLE posts_post; --",
    "1' OR '1'='1",
    "\\",
    "!lighthouse & | <->",
    "\x00\x01\x1f",
    "%00",
    "lighthouse " * 2000,
    "灯" * 10_000,
    "a" * 10_240,
]


def page(client, **params):
    response = client.get(reverse("search:search"), params)
    return response, BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_an_empty_page(client, make_post, query):
    make_post(title="Lighthouse keeper")
    response, soup = page(client, q=query)
    assert response.status_code == 200
    assert soup.select_one("[role=status]")


@pytest.mark.parametrize(
    "raw",
    ["%ED%A0%80lighthouse%ED%BF%BF", "%FF%FE%00", "%C0%AF", "%F0%9F%98", "%25%25%25"],
)
def test_lone_surrogates_and_broken_utf8_give_a_page(client, make_post, raw):
    make_post(title="Lighthouse keeper")
    response = client.get(f"{reverse('search:search')}?q={raw}")
    assert response.status_code == 200


def test_the_page_says_what_was_searched_and_how_many_were_found(client, make_post):
    for n in range(3):
        make_post(title=f"Lighthouse {n}")
    _, soup = page(client, q="lighthouse")
    assert soup.select_one("main h1")
    status = soup.select_one("main [role=status]").get_text()
    assert "3 results" in status
    assert "lighthouse" in status
    assert (
        soup.select_one("main form[role=search] input[name=q]")["value"] == "lighthouse"
    )
    label = soup.select_one("main form[role=search] label[for=search-q]")
    assert label is not None
    assert len(soup.select("main ol.search-results > li article h3 a")) == 3


def test_no_results_and_no_query_are_said_plainly(client, make_post):
    make_post(title="Lighthouse")
    _, soup = page(client, q="windmill")
    assert "0 results" in soup.select_one("[role=status]").get_text()
    _, soup = page(client)
    assert soup.select_one("[role=status]").get_text().strip()
    assert not soup.select("ol.search-results")


def test_titles_and_snippets_are_escaped_then_marked(client, make_post):
    make_post(
        title="Fish & <chips> by the lighthouse",
        body="<p>The &lt;b&gt;lighthouse&lt;/b&gt; keeper.</p>",
    )
    response, soup = page(client, q="lighthouse")
    result = soup.select_one("ol.search-results article")
    assert [mark.get_text() for mark in result.select("h3 mark")] == ["lighthouse"]
    assert "<chips>" in result.select_one("h3").get_text()
    assert result.select_one("p.search-result__snippet mark").get_text() == "lighthouse"
    assert b"<chips>" not in response.content
    assert not result.select("b")


def test_cjk_snippets_mark_the_matched_characters(client, make_post):
    make_post(
        title="공지",
        body="<p>서울특별시는 새로운 민원 서비스를 시작합니다.</p>",
        language="ko",
    )
    _, soup = page(client, q="서울특별시", language="ko")
    assert soup.select_one("p.search-result__snippet mark").get_text() == "서울특별시"


def test_results_link_to_the_post_in_its_own_language(client, make_post):
    post = make_post(title="Phare restauré", language="fr")
    _, soup = page(client, q="phare", language="all")
    href = soup.select_one("ol.search-results h3 a")["href"]
    with translation.override("fr"):
        assert href == post.get_absolute_url()
    assert href.startswith("/fr/")
    assert client.get(href).status_code == 200


def test_results_come_in_numbered_pages(
    client, make_post, django_assert_max_num_queries
):
    for n in range(45):
        make_post(title=f"Lighthouse {n}", published_at=NOW - timedelta(hours=n + 1))
    # 12, and on the first page after a change: the content version, the
    # organisation's identity (2) and its footer pages, then kept in the cache.
    with django_assert_max_num_queries(16):
        _, soup = page(client, q="lighthouse", page="3")
    assert len(soup.select("ol.search-results > li")) == 5
    assert "45 results" in soup.select_one("[role=status]").get_text()
    current = soup.select_one("nav.pagination a[aria-current=page]")
    assert current.get_text(strip=True).endswith("3")
    assert "q=lighthouse" in current["href"]
    _, soup = page(
        client, q="lighthouse", page="999999999999"
    )  # Paginator gives the last page
    assert len(soup.select("ol.search-results > li")) == 5


def test_filters_are_applied_and_shown(client, make_post, make_topic):
    water = make_topic("Water")
    match = make_post(title="Flood notice", kind=Kind.NOTICE, topics=[water])
    make_post(title="Flood news", kind=Kind.NEWS, topics=[water])
    _, soup = page(client, q="flood", kind="notice", topic=water.slug, year="2026")
    links = soup.select("ol.search-results h3 a")
    assert [a.get_text() for a in links] == [match.title]
    assert soup.select_one("#search-kind option[selected]")["value"] == "notice"
    assert soup.select_one("#search-topic option[selected]")["value"] == water.slug


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "gossip"},
        {"topic": "no-such-topic"},
        {"year": "20x6"},
        {"year": "99999"},
        {"year": "0"},
        {"language": "xx"},
        {"kind": "news\x00"},
    ],
)
def test_unknown_filter_values_are_a_bad_request(client, db, params):
    response = client.get(reverse("search:search"), {"q": "flood", **params})
    assert response.status_code == 400


@pytest.mark.parametrize("page_number", ["0", "-1", "x", "1e9", "9" * 5000])
def test_any_page_number_gives_a_page(client, make_post, page_number):
    make_post(title="Lighthouse", published_at=NOW.replace(year=2025))
    response, soup = page(client, q="lighthouse", page=page_number, year="2025")
    assert response.status_code == 200
    assert len(soup.select("ol.search-results > li")) == 1


def test_the_last_possible_year_is_a_page_not_an_error(client, make_post):
    response, _ = page(client, q="lighthouse", year="9999")
    assert response.status_code == 200


def test_drafts_and_scheduled_posts_never_show_publicly(client, make_post):
    make_post(title="Lighthouse draft", status=Status.DRAFT, published_at=None)
    make_post(title="Lighthouse scheduled", published_at=NOW + timedelta(days=1))
    make_post(title="Lighthouse withdrawn", status=Status.WITHDRAWN, withdrawn_at=NOW)
    response, soup = page(client, q="lighthouse")
    assert "0 results" in soup.select_one("[role=status]").get_text()
    assert b"draft" not in response.content.lower().split(b"<main")[1].replace(
        b"-draft", b""
    )


def test_every_page_has_a_labelled_search_box(client, make_post):
    make_post(title="Lighthouse")
    soup = BeautifulSoup(client.get(reverse("public:list")).content, "html.parser")
    box = soup.select_one("header form[role=search]")
    assert box["action"] == reverse("search:search")
    field = box.select_one("input[name=q]")
    assert box.select_one(f"label[for={field['id']}]").get_text(strip=True)


def with_role(username: str, role: str):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_staff_search_needs_an_editorial_role(client, db):
    url = reverse("staff_search:search")
    assert client.get(url, {"q": "x"}).status_code == 302
    user = get_user_model().objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(url, {"q": "x"}).status_code == 403


def test_an_author_finds_only_their_own_drafts(client, make_post):
    author = with_role("alice", "Author")
    mine = make_post(
        title="Lighthouse mine", status=Status.DRAFT, published_at=None, author=author
    )
    make_post(title="Lighthouse theirs", status=Status.DRAFT, published_at=None)
    client.force_login(author)
    soup = BeautifulSoup(
        client.get(reverse("staff_search:search"), {"q": "lighthouse"}).content,
        "html.parser",
    )
    links = [a["href"] for a in soup.select("ol.search-results h3 a")]
    assert links == [reverse("editorial:post", args=[mine.pk])]
    assert "1 result" in soup.select_one("[role=status]").get_text()


def test_staff_search_finds_drafts_and_is_never_cached(client, make_post):
    draft = make_post(title="Lighthouse draft", status=Status.DRAFT, published_at=None)
    client.force_login(with_role("erin", "Editor"))
    response = client.get(reverse("staff_search:search"), {"q": "lighthouse"})
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert response.request["PATH_INFO"].startswith("/manage/")
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("ol.search-results h3 a")
    assert link["href"] == reverse("editorial:post", args=[draft.pk])


def test_past_the_cap_the_page_says_more_than(client, make_post, monkeypatch):
    from bulletin.search import searching, views

    monkeypatch.setattr(searching, "MAX_RESULTS", 3)
    monkeypatch.setattr(views, "MAX_RESULTS", 3)
    for n in range(5):
        make_post(title=f"Lighthouse {n}")
    _, soup = page(client, q="lighthouse")
    assert "More than 3 results" in soup.select_one("[role=status]").get_text()
    assert len(soup.select("ol.search-results > li")) == 3


def test_a_repeated_public_search_comes_from_the_page_cache(
    wsgi, make_post, django_assert_num_queries
):
    make_post(title="Lighthouse keeper")
    url = reverse("search:search") + "?q=lighthouse"
    first = wsgi(url)
    with django_assert_num_queries(0):
        again = wsgi(url + "&utm_source=mail")
    assert not again.rendered
    assert again.body == first.body and b"Lighthouse" in again.body
