from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bulletin.mirror.exporting import export_static

MAX_WORKERS = 4


class Command(BaseCommand):
    help = (
        "Write the whole public site as static files into DIR (see docs/deploy.md); "
        "a second run rewrites only what changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory")
        parser.add_argument(
            "--base-url",
            default=settings.BULLETIN_SITE["url"] or "http://localhost/",
            help="Where the mirror will be published (absolute links in feeds, "
            "sitemaps and metadata). Default: BULLETIN_SITE_URL.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=min(os.cpu_count() or 1, MAX_WORKERS),
            help="Processes rendering pages at once, each with its own database "
            "connection (default: one per CPU, at most %(default)s here).",
        )

    def handle(
        self, *args, directory: str, base_url: str, workers: int, **options
    ) -> None:
        if workers < 1:
            raise CommandError("--workers is a whole number of processes, 1 or more.")
        # The pages link to collected, versioned static files, as `bulletin serve` does.
        call_command("collectstatic", interactive=False, verbosity=0)
        try:
            report = export_static(
                Path(directory), base_url, workers, self._progress(options)
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {directory}: {error.strerror}") from error
        self.stdout.write(
            f"{report.files} files: {report.written} written, "
            f"{report.unchanged} unchanged, {report.removed} removed."
        )
        for address in report.missing:
            self.stderr.write(f"Not exported: {address}")

    def _progress(self, options: dict) -> Callable[[int, int], None] | None:
        """With -v 2, a line every few thousand files: how far, and how fast."""
        if options["verbosity"] < 2:
            return None
        started = time.monotonic()

        def report(files: int, known: int) -> None:
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"{files} of {known} files known so far, in {elapsed:.0f} s "
                f"({files / elapsed:.1f} files/s)"
            )
            self.stdout.flush()

        return report
