"""Write the public site into a folder, through the site's own views and templates.

Each address is rendered in-process by the site's own request handler (see
rendering.py), so the mirror shows exactly what the site shows. The addresses to
start from (seeds.py) are shared out between worker processes, each with its own
database connection; the links of every page lead to the rest (documents, images,
static files). A manifest of content hashes makes a second run write only the files
that changed and remove those of posts withdrawn or deleted since; a run that finds
the same public content, day, code and settings as the last one renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connections
from django.test import override_settings
from django.utils import translation

from bulletin.mirror.addresses import SiteAddress, Target, target_for
from bulletin.mirror.pages import NOT_FOUND_FILE, Batch, Job, PageWriter
from bulletin.mirror.placements import list_placements
from bulletin.mirror.rendering import connection_kept
from bulletin.mirror.rewrite import script_options
from bulletin.mirror.search_index import index_file, index_script
from bulletin.mirror.seeds import MIRROR_SCRIPT, seed_urls
from bulletin.posts import clock
from bulletin.posts.httpcache import CODE_VERSION
from bulletin.posts.listing import KIND_SEGMENTS
from bulletin.posts.state import content_state

MANIFEST = ".bulletin-mirror.json"
PAGE_CACHE = "bulletin.public.keepable.PublicPageCacheMiddleware"
# Addresses per task sent to a worker: enough to keep the queue cheap, few enough
# to share out the end of the run evenly.
CHUNK = 64
PROGRESS_EVERY = 5000  # files between two progress lines (verbosity 2)


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

    def __init__(
        self,
        directory: Path,
        base_url: str,
        workers: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.directory = directory
        self.progress = progress
        self.site = SiteAddress.parse(base_url, settings.BULLETIN_SITE["url"])
        self.workers = max(1, workers)
        self.report = Report()
        manifest = self._read_manifest()
        self.previous: dict[str, str] = manifest.get("files") or {}
        self.previous_state = manifest.get("state")
        self.hashes: dict[str, str] = {}
        self.queue: list[Target] = []
        self.queued: set[str] = set()

    def run(self) -> Report:
        self.directory.mkdir(parents=True, exist_ok=True)
        site_settings = {**settings.BULLETIN_SITE, "url": self.site.origin}
        with (
            override_settings(
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, self.site.host.split(":")[0]],
                BULLETIN_SITE=site_settings,
                # Rendering every page once must not fill the shared page cache.
                MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != PAGE_CACHE],
            ),
            connection_kept(),
        ):
            state = self._state()
            if state == self.previous_state and self._all_files_present():
                # Same content, day, code and settings as the last run: same files.
                self.hashes = dict(self.previous)
                self.report.unchanged = len(self.hashes)
            else:
                self._export_all()
        translation.deactivate()
        self._remove_withdrawn()
        self._write_manifest(state)
        return self.report

    def _export_all(self) -> None:
        job = Job(
            directory=self.directory,
            site=self.site,
            script=script_options(
                dict(KIND_SEGMENTS.items()),
                target_for(staticfiles_storage.url(MIRROR_SCRIPT)).file,
            ),
            previous=self.previous,
            placements={
                key: value
                for code, _name in settings.LANGUAGES
                for key, value in list_placements(code).items()
            },
        )
        for url in seed_urls():
            self._enqueue(_target(url))
        language = f"/{settings.LANGUAGE_CODE}/"
        self._enqueue(Target(url=language + "mirror-not-found/", file=NOT_FOUND_FILE))
        if self.workers == 1:
            writer = PageWriter(job)
            self._drain(lambda chunks: map(writer.export, chunks))
        else:
            self._export_in_workers(job)
        writer = PageWriter(job)
        for code, _name in settings.LANGUAGES:
            writer.store(index_file(code), index_script(code))
        self._merge(writer.batch)

    def _export_in_workers(self, job: Job) -> None:
        # Each worker opens its own connection: none may be shared across a fork.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(
            self.workers, initializer=_start_worker, initargs=(job,)
        ) as pool:
            self._drain(lambda chunks: pool.imap_unordered(_export_chunk, chunks))
            pool.close()
            pool.join()

    def _drain(self, run: Callable[[list[list[Target]]], Iterable[Batch]]) -> None:
        """Export the queue; the links found meanwhile make the next round."""
        while self.queue:
            targets, self.queue = self.queue, []
            chunks = [targets[i : i + CHUNK] for i in range(0, len(targets), CHUNK)]
            for batch in run(chunks):
                self._merge(batch)

    def _merge(self, batch: Batch) -> None:
        before = len(self.hashes)
        self.hashes.update(batch.hashes)
        if (
            self.progress
            and len(self.hashes) // PROGRESS_EVERY > before // PROGRESS_EVERY
        ):
            self.progress(len(self.hashes), len(self.queued))
        self.report.written += batch.written
        self.report.unchanged += batch.unchanged
        self.report.missing += batch.missing
        for target in batch.found:
            self._enqueue(target)

    def _enqueue(self, target: Target | None) -> None:
        if target is not None and target.file not in self.queued:
            self.queued.add(target.file)
            self.queue.append(target)

    # --- what the last run saw ---------------------------------------------------
    def _state(self) -> str:
        """Everything the files depend on, as the site's own ETags see it: the public
        content (and the next time it changes by itself), the day, the code, and the
        settings and static files pages are rendered with."""
        static = getattr(staticfiles_storage, "hashed_files", {})
        basis = repr(
            [
                CODE_VERSION,
                self.site,
                sorted(settings.BULLETIN_SITE.items()),
                settings.LANGUAGES,
                sorted(static.items()),
                content_state().token,
                clock.now().date().isoformat(),
            ]
        )
        return hashlib.blake2b(basis.encode(), digest_size=16).hexdigest()

    def _all_files_present(self) -> bool:
        return bool(self.previous) and all(
            (self.directory / file).is_file() for file in self.previous
        )

    # --- files ---------------------------------------------------------------------
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

    def _read_manifest(self) -> dict:
        try:
            data = json.loads((self.directory / MANIFEST).read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_manifest(self, state: str) -> None:
        data = {
            "base_url": self.site.base,
            "state": state,
            "files": dict(sorted(self.hashes.items())),
        }
        (self.directory / MANIFEST).write_text(json.dumps(data, indent=0))


# --- worker processes -------------------------------------------------------------
_writer: PageWriter | None = None


def _start_worker(job: Job) -> None:
    global _writer  # one writer per worker process
    _writer = PageWriter(job)


def _export_chunk(targets: list[Target]) -> Batch:
    assert _writer is not None
    return _writer.export(targets)


def _target(url: str) -> Target | None:
    parts = urlsplit(url)
    return target_for(parts.path, parts.query)


def export_static(
    directory: Path,
    base_url: str,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    return Exporter(directory, base_url, workers, progress).run()
