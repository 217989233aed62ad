from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from bulletin.posts.models import Post
from bulletin.posts.progress import ProgressLine
from bulletin.search.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the search index from every post (after bulk loads such as `seed`)."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        total = Post.objects.count()
        progress = ProgressLine("Indexing posts", total=total)
        try:
            count = reindex(progress=progress)
        finally:
            progress.done()
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {count} posts in {elapsed:.1f} s.")
