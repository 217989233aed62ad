from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bulletin.posts import seeding
from bulletin.posts.progress import ProgressLine


class Command(BaseCommand):
    help = "Add generated, realistic demo posts of every kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--posts", type=int, default=200, help="How many posts to add."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same posts)."
        )
        parser.add_argument("--language", default=None, help="Language of the posts.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes writing batches side by side (PostgreSQL; default 2).",
        )

    def handle(
        self,
        *args,
        posts: int,
        seed: int,
        language: str | None,
        workers: int | None,
        **options,
    ) -> None:
        if posts < 0:
            raise CommandError("--posts must be zero or more")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be one or more")
        if language and language not in dict(settings.LANGUAGES):
            raise CommandError(
                f"--language must be one of {', '.join(dict(settings.LANGUAGES))}"
            )
        started = time.monotonic()
        progress = ProgressLine("Seeding posts", total=posts)
        try:
            written = seeding.seed(
                posts,
                random_seed=seed,
                language=language,
                progress=progress,
                workers=workers or (2 if connection.vendor == "postgresql" else 1),
            )
        finally:
            progress.done()
        elapsed = time.monotonic() - started
        self.stdout.write(f"Seeded {written} posts in {elapsed:.1f} s.")
