"""The static mirror, as a reader and a feed reader meet it on a plain static host."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from jsonschema import Draft202012Validator

from bulletin.feeds.sitemaps import post_path
from bulletin.mirror.placements import list_placements
from bulletin.posts.listing import known_placements
from bulletin.posts.models import Post, Status

pytestmark = pytest.mark.django_db

JSON_FEED_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "feeds" / "jsonfeed-1.1.schema.json").read_text()
)
LIVE = "https://news.example.org"
LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action"}
REFRESH = re.compile(r"url=(.+)$", re.IGNORECASE)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def export(directory, base_url: str) -> str:
    """One run in this process: worker processes would not see the test's transaction."""
    out = io.StringIO()
    call_command(
        "export-static", str(directory), base_url=base_url, workers=1, stdout=out
    )
    return out.getvalue()


def crawl(start: str, inside: str) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """Every file reachable from `start` through links under `inside`, and broken links."""
    pages, broken, queue, seen = {}, [], [start], {start}
    while queue:
        url = queue.pop()
        status, body = fetch(url)
        if status != 200:
            continue
        pages[url] = body
        if not (url.endswith((".html", "/"))):
            continue
        soup = BeautifulSoup(body, "html.parser")
        hrefs = [
            tag.get(attr)
            for name, attr in LINKS.items()
            for tag in soup.find_all(name)
            if tag.get(attr) and tag.get("rel") != ["canonical"]
        ]
        for meta in soup.find_all("meta", attrs={"http-equiv": "refresh"}):
            hrefs.append(REFRESH.search(meta["content"]).group(1))
        for href in hrefs:
            target = urldefrag(urljoin(url, href)).url.split("?")[0]
            if not target.startswith(inside) or target in seen:
                continue
            seen.add(target)
            if fetch(target)[0] != 200:
                broken.append((url, href))
            else:
                queue.append(target)
    return pages, broken


def post_pages(pages: dict[str, bytes], inside: str) -> set[tuple[str, str]]:
    found = set()
    for url in pages:
        parts = url[len(inside) :].split("/")
        if len(parts) == 4 and parts[1] == "posts" and parts[3] == "index.html":
            found.add((parts[0], unquote(parts[2])))
    return found


def test_the_mirror_on_a_plain_static_host(site, static_server, settings):
    """One export, served by `python -m http.server`, checked as readers meet it.

    The live site is news.example.org; the mirror is published elsewhere, under a path.
    """
    settings.BULLETIN_SITE = {**settings.BULLETIN_SITE, "url": LIVE}
    base = f"{static_server.origin}/mirror/"
    export(static_server.root / "mirror", base)
    every_post_is_reachable_with_no_broken_link(site, base)
    lists_and_prev_next_lead_through_every_listed_post(base)
    feeds_and_calendars_parse_and_link_to_mirror_pages(base)
    documents_and_static_assets_are_copied(site, base)
    search_index_holds_public_posts_of_its_language_only(static_server.root / "mirror")
    the_not_found_page_links_from_the_root_to_every_language(base)


def every_post_is_reachable_with_no_broken_link(site, base: str) -> None:
    pages, broken = crawl(base, inside=base)
    assert broken == []
    # What only a server can do (alert sign-up) links to the live site.
    home = BeautifulSoup(pages[base + "en/index.html"], "html.parser")
    assert any(a["href"].startswith(LIVE + "/en/") for a in home.find_all("a"))
    public = set(Post.objects.public().values_list("language", "slug"))
    assert post_pages(pages, base) == public
    for hidden in ("draft", "future"):
        assert site[hidden].slug not in json.dumps(list(pages))
    # The expired notice is reached through its year, as on the site.
    assert ("en", site["expired"].slug) in public


def lists_and_prev_next_lead_through_every_listed_post(base: str) -> None:
    """From the home page, page links and Prev/Next alone reach every current post."""
    home = base + "en/index.html"
    seen, queue = set(), [home]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        assert status == 200, url
        soup = BeautifulSoup(body, "html.parser")
        links = soup.select("nav.pagination a, .post-list h2 a, .post-list h3 a")
        links += soup.select(".board-nav a[rel=prev], .board-nav a[rel=next]")
        queue += [urljoin(url, a["href"]) for a in links]
    listed = set(
        Post.objects.listed().filter(language="en").values_list("language", "slug")
    )
    assert listed <= post_pages(dict.fromkeys(seen, b""), base)
    assert len(listed) > 20  # more than one page of them


def feeds_and_calendars_parse_and_link_to_mirror_pages(base: str) -> None:
    for name in ("feed.rss", "feed.atom", "news/feed.rss", "topics/water/feed.atom"):
        # feedparser fetches it itself, so it sees the static host's Content-Type.
        parsed = feedparser.parse(base + "en/" + name)
        assert parsed.status == 200, name
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.entries
        for entry in parsed.entries[:5]:
            # Absolute links point into the mirror's own address, and answer there.
            assert entry.link.startswith(base), entry.link
            assert fetch(entry.link)[0] == 200, entry.link
    # feedparser 6.0 reads no JSON Feed: the JSON Feed 1.1 schema checks that one.
    status, body = fetch(base + "en/feed.json")
    document = json.loads(body)
    Draft202012Validator(JSON_FEED_SCHEMA).validate(document)
    for item in document["items"][:5]:
        assert item["url"].startswith(base) and fetch(item["url"])[0] == 200
    status, body = fetch(base + "en/events/calendar.ics")
    assert status == 200 and b"Public meeting on water" in body
    sitemap = fetch(base + "sitemap.xml")[1].decode()
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        assert loc.startswith(base) and fetch(loc)[0] == 200, loc


def documents_and_static_assets_are_copied(site, base: str) -> None:
    post = site["event"]
    status, body = fetch(f"{base}en/posts/{post.slug}/index.html")
    soup = BeautifulSoup(body, "html.parser")
    document = soup.find("a", string=re.compile("Agenda"))
    status, data = fetch(urljoin(f"{base}en/posts/{post.slug}/", document["href"]))
    assert status == 200 and data.startswith(b"%PDF")
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    assert not stylesheet.startswith("/")  # relative: works from disk too
    assert fetch(urljoin(f"{base}en/posts/{post.slug}/", stylesheet))[0] == 200


def test_a_second_run_writes_only_what_changed_and_removes_what_was_withdrawn(
    now, make_post, tmp_path
):
    site = {f"news-{n}": make_post(title=f"Water report {n}") for n in range(6)}
    mirror = tmp_path / "mirror"
    first = export(mirror, "https://news.example.org/")
    total = int(first.split()[0])
    assert f"{total} written" in first

    again = export(mirror, "https://news.example.org/")
    assert f"0 written, {total} unchanged, 0 removed" in again

    withdrawn = site["news-3"]
    withdrawn.status = Status.WITHDRAWN
    withdrawn.withdrawal_note = "Published in error."
    withdrawn.save()
    site["news-5"].delete()
    renamed = site["news-1"]
    old_slug, renamed.slug = renamed.slug, "water-report-one-renamed"
    renamed.save()
    page = mirror / "en" / "posts" / withdrawn.slug / "index.html"
    assert page.exists()
    third = export(mirror, "https://news.example.org/")
    written = int(re.search(r"(\d+) written", third).group(1))
    removed = int(re.search(r"(\d+) removed", third).group(1))
    assert not page.exists()
    assert not (mirror / "en" / "posts" / withdrawn.slug).exists()
    assert removed >= 2
    assert 0 < written < total
    home = (mirror / "en" / "index.html").read_text()
    assert withdrawn.title not in home
    # The old address of the renamed post sends readers to its new page.
    old = (mirror / "en" / "posts" / old_slug / "index.html").read_text()
    assert (
        'http-equiv="refresh" content="0; url=../water-report-one-renamed/index.html"'
        in old
    )
    assert (
        mirror / "en" / "posts" / "water-report-one-renamed" / "index.html"
    ).is_file()


def the_not_found_page_links_from_the_root_to_every_language(base: str) -> None:
    """A static host answers 404.html at any missing address, however deep, so its
    links must work from there: paths from the host's root, under the mirror's."""
    status, body = fetch(base + "404.html")
    assert status == 200
    soup = BeautifulSoup(body, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Page not found"
    prefix = urlsplit(base).path
    deep = base + "en/posts/no-such-post/at/all/"
    hrefs = [
        tag.get(attr)
        for name, attr in LINKS.items()
        for tag in soup.find_all(name)
        if tag.get(attr) and tag.get("rel") != ["canonical"]
    ]
    internal = [href for href in hrefs if not href.startswith(("http", "#"))]
    assert internal and all(href.startswith(prefix) for href in internal)
    for href in internal:
        assert fetch(urljoin(deep, href))[0] == 200, href
    languages = {
        a["hreflang"]: a["href"] for a in soup.select(".language-switcher a[hreflang]")
    }
    assert languages["fr"] == prefix + "fr/index.html"
    assert len(languages) == 7


def search_index_holds_public_posts_of_its_language_only(mirror: Path) -> None:
    script = (mirror / "en" / "search" / "posts.js").read_text()
    data = json.loads(script.removeprefix("window.BULLETIN_SEARCH=").rstrip(";\n"))
    titles = {row[0] for row in data["posts"]}
    assert "Water report 4" in titles and "Old road closure" in titles
    assert "Secret draft" not in titles and "Rapport sur l’eau" not in titles
    for row in data["posts"]:
        assert (mirror / unquote(row[2])).is_file()


def test_a_base_url_that_is_not_http_is_refused(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an http"):
        export(tmp_path, "ftp://example.org/")


def test_post_pages_placed_from_one_walk_of_the_list_are_the_pages_the_site_renders(
    site, client
):
    """Prev, Next and LIST computed once for the whole list give the very same pages,
    including an expired notice (placed in its year) and posts published at one time."""
    same_time = Post.objects.public().filter(language="en").order_by("-published_at")
    tied = list(same_time[3:6])
    Post.objects.filter(pk__in=[post.pk for post in tied]).update(
        published_at=tied[0].published_at
    )
    table = {**list_placements("en"), **list_placements("fr")}
    public = set(Post.objects.public().values_list("pk", flat=True))
    assert {pk for _list, pk in table} == public  # each in the one list it is shown in
    for post in Post.objects.public():
        address = post_path(post.language, post.slug)
        queried = client.get(address)
        with known_placements(table):
            placed = client.get(address)
        assert queried.status_code == placed.status_code == 200
        assert placed.content == queried.content, address
