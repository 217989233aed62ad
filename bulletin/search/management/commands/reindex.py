from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bulletin.posts.models import Post
from bulletin.posts.progress import ProgressLine
from bulletin.search.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the search index from every post (after bulk loads such as `seed`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes preparing batches side by side (PostgreSQL; default 2).",
        )

    def handle(self, *args, workers: int | None, **options) -> None:
        if workers is not None and workers < 1:
            raise CommandError("--workers must be one or more")
        started = time.monotonic()
        total = Post.objects.count()
        progress = ProgressLine("Indexing posts", total=total)
        try:
            count = reindex(
                progress=progress,
                workers=workers or (2 if connection.vendor == "postgresql" else 1),
            )
        finally:
            progress.done()
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {count} posts in {elapsed:.1f} s.")
