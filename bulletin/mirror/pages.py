"""One process's share of an export: render addresses, rewrite them, write the files.

A `PageWriter` lives in each worker process (or in the command's own process when it
runs alone). It renders through the site's handler (rendering.py), turns each answer
into the mirror's file (rewrite.py), and writes it only when its content changed
since the last run. What it learns (hashes, new addresses found in links, addresses
that did not answer) goes back to the exporter as a `Batch`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bulletin.mirror.addresses import SiteAddress, Target, target_for
from bulletin.mirror.rendering import Renderer
from bulletin.mirror.rewrite import redirect_page, rewrite_html
from bulletin.posts.listing import Placement, known_placements

SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")
REDIRECTS = (301, 302, 307, 308)
NOT_FOUND_FILE = "404.html"


@dataclass
class Batch:
    """What one worker reports about the targets it was given."""

    hashes: dict[str, str] = field(default_factory=dict)
    found: list[Target] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to know, fixed for the whole run."""

    directory: Path
    site: SiteAddress
    script: dict[str, str]
    previous: dict[str, str]
    placements: Mapping[tuple[str, int], Placement] = field(default_factory=dict)


class PageWriter:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.site = job.site
        self.renderer = Renderer(job.site)
        # Each address is reported once per process: pages repeat the same links.
        self.reported: set[str] = set()
        self.batch = Batch()

    def export(self, targets: list[Target]) -> Batch:
        self.batch = Batch()
        with known_placements(self.job.placements):
            for target in targets:
                self._export(target)
        return self.batch

    # --- one address -----------------------------------------------------------
    def _found(self, target: Target) -> None:
        if target.file not in self.reported:
            self.reported.add(target.file)
            self.batch.found.append(target)

    def _export(self, target: Target) -> None:
        answer = self.renderer.get(target.url)
        if target.file == NOT_FOUND_FILE and answer.status == 404:
            # The site's own not-found page; static hosts answer it for any address,
            # so its links start at the mirror's root instead of being relative.
            text = rewrite_html(
                answer.body.decode(),
                target.file,
                self.site,
                self._found,
                self.job.script,
                from_root=True,
            )
            self.store(target.file, self.site.absolute(text).encode())
            return
        if answer.status in REDIRECTS:
            self._redirect(target, answer.location)
            return
        if answer.status != 200:
            self.batch.missing.append(f"{target.url} ({answer.status})")
            return
        body = answer.body
        content_type = answer.content_type
        if content_type.startswith("text/html"):
            text = rewrite_html(
                body.decode(), target.file, self.site, self._found, self.job.script
            )
            body = self.site.absolute(text).encode()
        elif target.file.endswith(".xml") and "sitemap" in target.file:
            body = self._sitemap(body.decode()).encode()
        elif content_type.startswith(("application/", "text/")) and _is_text(
            content_type
        ):
            body = self.site.absolute(body.decode()).encode()
        self.store(target.file, body)

    def _redirect(self, target: Target, location: str) -> None:
        parts = urlsplit(location)
        path = self.site.local_path(location) or ""
        goal = target_for(path, parts.query) if path else None
        if goal is None or not target.file.endswith(".html"):
            self.batch.missing.append(f"{target.url} (redirect to {location})")
            return
        self._found(goal)
        self.store(target.file, redirect_page(target.file, goal.file))

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
            self._found(goal)
            return f"<loc>{self.site.origin}/{goal.file}</loc>"

        return self.site.absolute(SITEMAP_LOC.sub(replace, text))

    # --- files -------------------------------------------------------------------
    def store(self, file: str, body: bytes) -> None:
        digest = hashlib.sha256(body).hexdigest()
        self.batch.hashes[file] = digest
        path = self.job.directory / file
        if self.job.previous.get(file) == digest and path.is_file():
            self.batch.unchanged += 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # A reader (or a sync to the host) never sees half a file.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        self.batch.written += 1


def _is_text(content_type: str) -> bool:
    return any(
        kind in content_type
        for kind in ("xml", "json", "text/plain", "text/calendar", "javascript", "css")
    )
