"""CPU time per file of `bulletin export-static`, by kind of page, on a seeded site.

    .venv/bin/python bench/export_costs.py [--posts 100000] [--data-dir DIR]

Renders a sample of list pages (at random depths), post pages (with and without the
placements the exporter computes) and event calendars in one process, through the
exporter's own renderer and link rewriting, and reports CPU milliseconds per file.
CPU time says what the export costs whatever else the machine is doing; multiply by
the number of files of each kind for the whole run (bench/export.py prints them).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BULLETIN, bulletin_env, prepare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = (
        args.data_dir or Path(tempfile.gettempdir()) / f"bulletin-bench-{args.posts}"
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir)
    prepare(data_dir, args.posts, env)
    # A data directory seeded by an older checkout gets this one's migrations.
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bulletin.settings.base")
    import django

    django.setup()
    measure()


def measure() -> None:
    from django.conf import settings
    from django.test import override_settings
    from django.urls import reverse
    from django.utils import translation

    from bulletin.feeds.sitemaps import post_path
    from bulletin.mirror.addresses import SiteAddress
    from bulletin.mirror.exporting import PAGE_CACHE
    from bulletin.mirror.placements import list_placements
    from bulletin.mirror.rendering import Renderer, connection_kept
    from bulletin.mirror.rewrite import rewrite_html, script_options
    from bulletin.posts.listing import (
        KIND_SEGMENTS,
        PostList,
        known_placements,
        page_keys,
    )
    from bulletin.posts.models import Kind, Post, Topic

    site = SiteAddress.parse("https://news.example.org/")
    script = script_options(dict(KIND_SEGMENTS.items()), "static/mirror/mirror.js")
    rng = random.Random(1)
    middleware = [m for m in settings.MIDDLEWARE if m != PAGE_CACHE]
    with (
        override_settings(ALLOWED_HOSTS=["*"], MIDDLEWARE=middleware),
        connection_kept(),
        translation.override("en"),
    ):
        renderer = Renderer(site)
        started = time.process_time()
        table = list_placements("en")
        print(
            f"placements: {time.process_time() - started:.1f} s CPU, {len(table)} posts"
        )
        public = Post.objects.public().filter(language="en")
        slugs = list(public.values_list("slug", flat=True))
        events = list(public.filter(kind=Kind.EVENT).values_list("slug", flat=True))
        full = PostList(language="en")
        topic = PostList(language="en", topic=Topic.objects.order_by("slug").first())
        lists = [
            posts_list.url(rng.randint(1, page_keys(posts_list).num_pages))
            for posts_list in [full] * 60 + [topic] * 60
        ]
        posts = [post_path("en", slug) for slug in rng.sample(slugs, 150)]
        calendars = [
            reverse("feeds:event_ics", kwargs={"slug": slug})
            for slug in rng.sample(events, min(100, len(events)))
        ]

        def cost(urls: list[str], placed: bool = True) -> float:
            for url in urls[:5]:
                renderer.get(url)  # warm caches and templates
            started = time.process_time()
            with known_placements(table if placed else {}):
                for url in urls[5:]:
                    answer = renderer.get(url)
                    if answer.content_type.startswith("text/html"):
                        rewrite_html(
                            answer.body.decode(), "en/x/index.html", site, id, script
                        )
            return (time.process_time() - started) / (len(urls) - 5) * 1000

        print(f"list page: {cost(lists):.1f} ms CPU")
        print(f"post page: {cost(posts):.1f} ms CPU")
        print(f"post page, neighbours queried: {cost(posts[::-1], False):.1f} ms CPU")
        print(f"event calendar: {cost(calendars):.1f} ms CPU")
        print(
            f"{len(slugs)} public posts, {len(events)} events, "
            f"{page_keys(full).num_pages} pages in the full list; load "
            + " ".join(f"{v:.1f}" for v in os.getloadavg())
        )


if __name__ == "__main__":
    main()
