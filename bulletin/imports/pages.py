"""`bulletin import pages`: the pages of an existing board, from the web or a folder.

The content of each page (title, date, body, images) is taken by trafilatura, with
htmldate for the publication date, so the site's navigation, header, footer and
the board's own LIST / Prev / Next links stay behind. Documents the page offers for
download become attachments. With `--follow`, the crawl walks the list's pages and
the posts' Prev/Next links on the same host, politely: robots.txt, a delay between
requests, a page limit, and a saved frontier so the next run resumes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from zoneinfo import ZoneInfo

import htmldate
import lxml.html
import trafilatura
from django.conf import settings

from bulletin.imports.fetching import USER_AGENT, FetchError, fetch, read_file
from bulletin.imports.items import DOCUMENT_EXTENSIONS, FileRef, Item, Skip
from bulletin.imports.models import CrawlState
from bulletin.posts import clock

MAX_PAGE_BYTES = 5 * 1024 * 1024
# Words boards use on their Prev / Next buttons, in the languages Bulletin speaks.
PREV_WORDS = {
    "prev",
    "previous",
    "‹",
    "«",
    "<",
    "précédent",
    "anterior",
    "назад",
    "предыдущая",
    "السابق",
    "上一篇",
    "上一页",
    "이전",
    "이전글",
}
NEXT_WORDS = {
    "next",
    "›",
    "»",
    ">",
    "suivant",
    "siguiente",
    "далее",
    "следующая",
    "التالي",
    "下一篇",
    "下一页",
    "다음",
    "다음글",
}
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->")


@dataclass
class Source:
    url: str  # the page's address on the old site
    html: bytes
    local_dir: Path | None = None  # where relative files are, for saved pages


@dataclass
class Options:
    excludes: list[str] = field(default_factory=list)  # XPath of what else to leave out
    language: str = ""
    timeout: float = 20.0


def _tree(html: bytes):
    try:
        return lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _neighbour_links(tree, base: str) -> tuple[set[str], set[str]]:
    """(Prev/Next targets, every other link), absolute."""
    board, other = set(), set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(base, href).split("#", 1)[0]
        rel = set((anchor.get("rel") or "").lower().split())
        words = " ".join(anchor.text_content().split()).lower()
        if rel & {"prev", "next"} or words in PREV_WORDS | NEXT_WORDS:
            board.add(target)
        else:
            other.add(target)
    return board, other


def _date(html: str, url: str) -> datetime | None:
    found = htmldate.find_date(
        html, url=url, original_date=True, extensive_search=False
    )
    if not found:
        return None
    day = datetime.fromisoformat(found)
    return day.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def extract(source: Source, options: Options) -> Item | Skip:
    """One post from one page, or why the page is not one."""
    text = source.html.decode("utf-8", "replace")
    html = trafilatura.extract(
        text,
        url=source.url,
        output_format="html",
        include_images=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        favor_precision=True,
        prune_xpath=options.excludes or None,
    )
    metadata = trafilatura.extract_metadata(text, default_url=source.url)
    title = " ".join((metadata.title if metadata else "").split())
    if not html or not title:
        return Skip(source.url, title or source.url, "no article found on the page")
    body_tree = lxml.html.fromstring(html).find("body")
    body_tree = body_tree if body_tree is not None else lxml.html.fromstring(html)
    first = next(iter(body_tree), None)
    if (
        first is not None
        and first.tag in ("h1", "h2", "h3")
        and " ".join(first.text_content().split()) == title
    ):
        body_tree.remove(first)  # the title is shown by the post page itself
    files: dict[str, FileRef] = {}
    for image in body_tree.iter("img"):
        src = image.get("src") or ""
        if src:
            ref = files.setdefault(src, _ref(source, src, image.get("alt") or ""))
            ref.is_image = True
    body = "".join(lxml.html.tostring(child, encoding="unicode") for child in body_tree)
    if not body.strip():
        return Skip(source.url, title, "the page has no text")
    page = _tree(source.html)
    for anchor in page.iter("a") if page is not None else []:
        href = anchor.get("href") or ""
        if urlsplit(href).path.lower().endswith(DOCUMENT_EXTENSIONS):
            files.setdefault(
                href,
                _ref(
                    source, href, " ".join(anchor.text_content().split()), in_body=False
                ),
            )
    parts = urlsplit(source.url)
    return Item(
        source="pages",
        source_id=source.url,
        title=title,
        body_html=body,
        published_at=_date(text, source.url),
        language=options.language,
        old_urls=[parts.path + (f"?{parts.query}" if parts.query else "")],
        files=list(files.values()),
        source_url=source.url if parts.scheme in ("http", "https") else "",
    )


def _ref(source: Source, value: str, title: str, in_body: bool = True) -> FileRef:
    url = urljoin(source.url, value)
    path = ""
    folder = source.url.rsplit("/", 1)[0] + "/"
    if source.local_dir is not None and url.startswith(folder):
        # A saved page's files sit beside it, as they sat beside it on the site.
        relative = PurePosixPath(unquote(urlsplit(url[len(folder) :]).path))
        if ".." not in relative.parts:
            path = str(source.local_dir / relative)
    return FileRef(url=url, title=title, path=path, in_body=value if in_body else "")


# --- a folder of saved pages --------------------------------------------------------


def _saved_address(html: bytes, path: Path, base_url: str) -> str:
    """Where a saved page came from: the browser's note, the canonical link, or
    its name under --base-url."""
    note = SAVED_FROM.search(html[:2048])
    if note:
        return note.group(1).decode("ascii", "replace")
    tree = _tree(html)
    if tree is not None:
        for link in tree.iter("link"):
            if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
                return link.get("href")
    return urljoin(base_url or "file:///", path.name)


def folder(
    directory: Path, options: Options, base_url: str = ""
) -> Iterator[Item | Skip]:
    """Every saved page of the folder that is a post; list pages are recognised by
    linking to two or more of the other saved pages (posts link only to their
    neighbours and back to the list)."""
    sources = []
    for path in sorted(directory.glob("*.htm*")):
        try:
            html = read_file(path, max_bytes=MAX_PAGE_BYTES)
        except FetchError as error:
            yield Skip(path.name, path.name, str(error))
            continue
        sources.append(Source(_saved_address(html, path, base_url), html, directory))
    addresses = {s.url for s in sources}
    for source in sources:
        tree = _tree(source.html)
        if tree is None:
            yield Skip(source.url, source.url, "not an HTML page")
            continue
        neighbours, others = _neighbour_links(tree, source.url)
        if len((others - neighbours) & (addresses - {source.url})) >= 2:
            yield Skip(source.url, source.url, "a list page")
            continue
        yield extract(source, options)


# --- a polite crawl -----------------------------------------------------------------

# Query parameters that number a list's pages. ("p" is left out: WordPress uses it
# for a post's id.)
PAGE_PARAMETERS = {
    "page",
    "pg",
    "paged",
    "cpage",
    "pageindex",
    "pageno",
    "page_no",
    "start",
    "offset",
}


def _list_shape(url: str) -> tuple[str, frozenset[str]]:
    """A list page's path and query parameters, less those that number pages.

    Another page of the list has the same shape (`list.html?page=2`); a post on a
    board that serves both from one script does not
    (`board.php?bo=notice` against `board.php?bo=notice&id=3`).
    """
    parts = urlsplit(url)
    names = {name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return parts.path, frozenset(names - PAGE_PARAMETERS)


@dataclass
class Crawl:
    start: str
    options: Options
    delay: float = 1.0
    max_pages: int = 500
    restart: bool = False
    persist: bool = True
    fetched: int = 0
    _robots: RobotFileParser | None = None
    _last: float = 0.0

    def _wait(self) -> None:
        pause = self.delay - (time.monotonic() - self._last)
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def _allowed(self, url: str) -> bool:
        if self._robots is None:
            self._robots = RobotFileParser()
            try:
                robots = fetch(
                    urljoin(self.start, "/robots.txt"),
                    max_bytes=512 * 1024,
                    timeout=self.options.timeout,
                )
                self._robots.parse(robots.data.decode("utf-8", "replace").splitlines())
            except FetchError:
                self._robots.parse([])  # no robots.txt: everything is allowed
            wanted = self._robots.crawl_delay(USER_AGENT)
            if wanted:
                self.delay = max(self.delay, float(wanted))
        return self._robots.can_fetch(USER_AGENT, url)

    def _state(self) -> CrawlState:
        start = self.start[:1000]
        if self.persist:
            state, _ = CrawlState.objects.get_or_create(start_url=start)
        else:  # a dry run reads where a crawl stopped but keeps nothing
            state = CrawlState.objects.filter(start_url=start).first()
            state = state or CrawlState(start_url=start)
        if self.restart or state.finished or not (state.queue or state.seen):
            state.queue, state.seen, state.finished = [[self.start, "list"]], [], False
        return state

    def _save(self, state: CrawlState) -> None:
        if self.persist:
            state.updated_at = clock.now()
            state.save()

    def pages(self) -> Iterator[Item | Skip]:
        host = urlsplit(self.start).netloc
        state = self._state()
        seen = set(state.seen)
        list_shape = _list_shape(self.start)
        while state.queue and self.fetched < self.max_pages:
            url, role = state.queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            state.seen.append(url)
            if not self._allowed(url):
                yield Skip(url, url, "robots.txt asks crawlers to keep out")
                continue
            self._wait()
            self.fetched += 1
            try:
                page = fetch(
                    url, max_bytes=MAX_PAGE_BYTES, timeout=self.options.timeout
                )
            except FetchError as error:
                yield Skip(url, url, str(error))
                self._save(state)
                continue
            tree = _tree(page.data)
            if tree is None:
                yield Skip(url, url, "not an HTML page")
                self._save(state)
                continue
            neighbours, others = _neighbour_links(tree, url)
            queued = {u for u, _ in state.queue}
            follow = []
            if role == "list":
                for link in sorted(others | neighbours):
                    parts = urlsplit(link)
                    if parts.netloc != host or parts.path.lower().endswith(
                        DOCUMENT_EXTENSIONS
                    ):
                        continue
                    is_list = _list_shape(link) == list_shape
                    follow.append([link, "list" if is_list else "post"])
            else:
                follow = [
                    [link, "post"]
                    for link in sorted(neighbours)
                    if urlsplit(link).netloc == host
                ]
            for link, link_role in follow:
                if link not in seen and link not in queued:
                    state.queue.append([link, link_role])
                    queued.add(link)
            if role == "post":
                yield extract(Source(url, page.data), self.options)
            # Saved after the page's post was written: a stop loses at most one page.
            self._save(state)
        state.finished = not state.queue
        self._save(state)


def extract_url(url: str, options: Options) -> Item | Skip:
    """One page by its address, without following anything."""
    try:
        page = fetch(url, max_bytes=MAX_PAGE_BYTES, timeout=options.timeout)
    except FetchError as error:
        return Skip(url, url, str(error))
    return extract(Source(url, page.data), options)
