"""Write the public site into a folder, through the site's own views and templates.

Each address is requested in-process with Django's test client, so the mirror shows
exactly what the site shows (same URLconf, middleware, templates and catalogues).
A manifest of content hashes makes a second run write only the files that changed
and remove the files of posts that were withdrawn or deleted since.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client, override_settings
from django.utils import translation

from bulletin.mirror.addresses import SiteAddress, Target, target_for
from bulletin.mirror.rewrite import redirect_page, rewrite_html, script_options
from bulletin.mirror.search_index import index_file, index_script
from bulletin.mirror.seeds import MIRROR_SCRIPT, seed_urls
from bulletin.posts.listing import KIND_SEGMENTS

MANIFEST = ".bulletin-mirror.json"
PAGE_CACHE = "bulletin.public.pagecache.PublicPageCacheMiddleware"
SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")


@dataclass
class Report:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return self.written + self.unchanged


class Exporter:
    """One run of `bulletin export-static DIR`."""

    def __init__(self, directory: Path, base_url: str) -> None:
        self.directory = directory
        self.site = SiteAddress.parse(base_url, settings.BULLETIN_SITE["url"])
        self.report = Report()
        self.previous = self._read_manifest()
        self.hashes: dict[str, str] = {}
        self.queue: deque[Target] = deque()
        self.queued: set[str] = set()

    def run(self) -> Report:
        self.directory.mkdir(parents=True, exist_ok=True)
        site_settings = {**settings.BULLETIN_SITE, "url": self.site.origin}
        with override_settings(
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, self.site.host.split(":")[0]],
            BULLETIN_SITE=site_settings,
            # Rendering every page once must not fill the shared page cache.
            MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != PAGE_CACHE],
        ):
            # Behind the TLS proxy the site learns the scheme from this header.
            self.client = Client(
                HTTP_HOST=self.site.host,
                HTTP_X_FORWARDED_PROTO=self.site.scheme,
                secure=self.site.scheme == "https",
            )
            self.script = script_options(
                dict(KIND_SEGMENTS.items()),
                target_for(staticfiles_storage.url(MIRROR_SCRIPT)).file,
            )
            for url in seed_urls():
                self._enqueue(_target(url))
            while self.queue:
                self._export(self.queue.popleft())
            for language, _name in settings.LANGUAGES:
                self._store(index_file(language), index_script(language))
        translation.deactivate()
        self._remove_withdrawn()
        self._write_manifest()
        return self.report

    # --- one address ---------------------------------------------------------------
    def _enqueue(self, target: Target | None) -> None:
        if target is not None and target.file not in self.queued:
            self.queued.add(target.file)
            self.queue.append(target)

    def _export(self, target: Target) -> None:
        response = self.client.get(target.url)
        if response.status_code in (301, 302, 307, 308):
            self._redirect(target, response["Location"])
            return
        if response.status_code != 200:
            self.report.missing.append(f"{target.url} ({response.status_code})")
            return
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html"):
            text = rewrite_html(
                body.decode(), target.file, self.site, self._enqueue, self.script
            )
            body = self.site.absolute(text).encode()
        elif target.file.endswith(".xml") and "sitemap" in target.file:
            body = self._sitemap(body.decode()).encode()
        elif content_type.startswith(("application/", "text/")) and _is_text(
            content_type
        ):
            body = self.site.absolute(body.decode()).encode()
        self._store(target.file, body)

    def _redirect(self, target: Target, location: str) -> None:
        parts = urlsplit(location)
        path = self.site.local_path(location) or ""
        goal = target_for(path, parts.query) if path else None
        if goal is None or not target.file.endswith(".html"):
            self.report.missing.append(f"{target.url} (redirect to {location})")
            return
        self._enqueue(goal)
        self._store(target.file, redirect_page(target.file, goal.file))

    def _sitemap(self, text: str) -> str:
        """Follow a sitemap's pages; name each page as the mirror stores it."""

        def replace(match: re.Match) -> str:
            loc = match.group(1).replace("&amp;", "&")
            path = self.site.local_path(loc)
            parts = urlsplit(loc)
            if path is None or "sitemap" not in path:
                return match.group(0)
            goal = target_for(path, parts.query)
            if goal is None:
                return match.group(0)
            self._enqueue(goal)
            return f"<loc>{self.site.origin}/{goal.file}</loc>"

        return self.site.absolute(SITEMAP_LOC.sub(replace, text))

    # --- files ---------------------------------------------------------------------
    def _store(self, file: str, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()
        self.hashes[file] = digest
        path = self.directory / file
        if self.previous.get(file) == digest and path.is_file():
            self.report.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # A reader (or a sync to the host) never sees half a file.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        self.report.written += 1

    def _remove_withdrawn(self) -> None:
        for file in sorted(set(self.previous) - set(self.hashes)):
            path = self.directory / file
            if path.is_file():
                path.unlink()
                self.report.removed += 1
            parent = path.parent
            while (
                parent != self.directory
                and parent.is_dir()
                and not any(parent.iterdir())
            ):
                parent.rmdir()
                parent = parent.parent

    def _read_manifest(self) -> dict[str, str]:
        try:
            return json.loads((self.directory / MANIFEST).read_text())["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def _write_manifest(self) -> None:
        data = {"base_url": self.site.base, "files": dict(sorted(self.hashes.items()))}
        (self.directory / MANIFEST).write_text(json.dumps(data, indent=0))


def _target(url: str) -> Target | None:
    parts = urlsplit(url)
    return target_for(parts.path, parts.query)


def _is_text(content_type: str) -> bool:
    return any(
        kind in content_type
        for kind in ("xml", "json", "text/plain", "text/calendar", "javascript", "css")
    )


def export_static(directory: Path, base_url: str) -> Report:
    return Exporter(directory, base_url).run()
