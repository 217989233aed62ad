"""Server time of the public search page for one- and two-word queries.

    python bench/search.py [--posts 100000] [--rounds 5] [--database-url URL]
        [--data-dir DIR] [--no-seed]

Seeds a data directory (kept in /tmp between runs) with `bulletin seed`, builds the
index with `bulletin reindex`, then requests /en/search/?q=… in this process through
Django's test client and reads the site's own Server-Timing header: the whole request
(URL routing, search, visibility filter, page rendering), without the network. The
cache is cleared before every request, so each one runs the search itself rather than
reading an earlier answer. Prints median and 95th percentile in milliseconds, with
the request thread's CPU time (Server-Timing's cpu entry) beside it: on a shared
machine the wall-clock Server-Timing also counts time spent waiting for a core.

`--no-seed` measures a site that is ready as it is (`--data-dir` and `--database-url`
of a seeded site, such as a shared 1,000,000-post database): nothing is seeded,
indexed or vacuumed, and no post is written; the static files are collected into
the data directory if it has none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BULLETIN, CPU_TIMING, TIMING, bulletin_env, percentile, prepare

# Words of the seeded posts: some in most posts, some in few, some in none.
ONE_WORD = [
    "report", "plan", "budget", "community", "water", "health", "transport", "housing",
    "culture", "education", "vacancy", "tender", "webinar", "roundtable", "auditorium",
    "diversions", "closure", "grants", "consultation", "pilot", "harbour", "library",
    "translator", "zebra", "municipality",
]  # fmt: skip
TWO_WORDS = [
    "water sanitation", "public consultation", "budget report", "transport plan",
    "road works", "health survey", "annual conference", "grants deadline",
    "central library", "data analyst", "open day", "office closure", "regional council",
    "funding projects", "digital services", "community support", "safety guidance",
    "jobs economy", "housing pilot", "zebra crossing", "riverside district",
    "legal adviser", "city hall", "quality review", "public hearing",
]  # fmt: skip


def index(data_dir: Path, posts: int, env: dict[str, str]) -> None:
    import subprocess

    # The manifest storage answers only for collected files.
    subprocess.run([BULLETIN, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    marker = data_dir / f"indexed-{posts}"
    if not marker.exists():
        subprocess.run([BULLETIN, "reindex"], env=env, check=True)
        marker.write_text("ok")


def run(
    queries: list[str], rounds: int, each: dict[str, list[float]] | None = None
) -> tuple[list[float], list[float]]:
    """Server-Timing's wall and CPU time of each request, in ms; `each` collects the
    wall times by query."""
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    client = Client(HTTP_HOST="localhost")
    with translation.override("en"):
        url = reverse("search:search")
    server, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            cache.clear()
            response = client.get(f"{url}?{urlencode({'q': query})}")
            if response.status_code != 200:
                raise RuntimeError(f"{query!r} answered {response.status_code}")
            timing = response["Server-Timing"]
            server.append(float(TIMING.search(timing).group(1)))
            cpu.append(float(CPU_TIMING.search(timing).group(1)))
            if each is not None:
                each.setdefault(query, []).append(server[-1])
    return server, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument(
        "--rounds", type=int, default=5, help="Times each query is asked."
    )
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL instead of SQLite."
    )
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument(
        "--no-seed", action="store_true", help="Measure the site as it is."
    )
    args = parser.parse_args()

    suffix = "pg" if args.database_url else "sqlite"
    data_dir = args.data_dir or (
        Path(tempfile.gettempdir()) / f"bulletin-bench-search-{suffix}-{args.posts}"
    )
    env = bulletin_env(data_dir, args.database_url)
    if not args.no_seed:
        data_dir.mkdir(parents=True, exist_ok=True)
        prepare(data_dir, args.posts, env)
        index(data_dir, args.posts, env)
    elif not (data_dir / "static" / "staticfiles.json").exists():
        import subprocess

        # A site seeded elsewhere may have no collected files: every page a 500.
        subprocess.run(
            [BULLETIN, "collectstatic", "--noinput", "-v0"], env=env, check=True
        )

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bulletin.settings.base"
    import django

    django.setup()
    from django.db import connection

    vacuumed = data_dir / "vacuumed"
    if connection.vendor == "postgresql" and not args.no_seed and not vacuumed.exists():
        # A running site's autovacuum would have done this after the bulk seed.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        vacuumed.write_text("ok")
    run(ONE_WORD[:5], 1)  # warm up connections, templates and the page cache
    from bulletin.posts.models import Post

    print(
        f"search, {Post.objects.count():,} posts, {connection.vendor}, "
        f"{args.rounds} rounds; ms"
    )
    print("load average before:", " ".join(f"{n:.2f}" for n in os.getloadavg()))
    print(f"{'':<18} {'Server-Timing (wall)':^26} {'CPU time':^26}")
    print(f"{'queries':<12} {'n':>5}" + f" {'median':>8} {'p95':>8} {'max':>8}" * 2)
    rows = []
    each: dict[str, list[float]] = {}
    for name, queries in (("one word", ONE_WORD), ("two words", TWO_WORDS)):
        rows.append((name, *run(queries, args.rounds, each)))
    rows.append(("all", rows[0][1] + rows[1][1], rows[0][2] + rows[1][2]))
    for name, server, cpu in rows:
        print(
            f"{name:<12} {len(server):>5} {statistics.median(server):>8.1f} "
            f"{percentile(server, 95):>8.1f} {max(server):>8.1f} "
            f"{statistics.median(cpu):>8.1f} {percentile(cpu, 95):>8.1f} "
            f"{max(cpu):>8.1f}"
        )
    slowest = sorted(each, key=lambda query: statistics.median(each[query]))[-5:]
    print(
        "slowest queries (median wall):",
        ", ".join(f"{q!r} {statistics.median(each[q]):.1f}" for q in reversed(slowest)),
    )
    print("load average after:", " ".join(f"{n:.2f}" for n in os.getloadavg()))


if __name__ == "__main__":
    main()
