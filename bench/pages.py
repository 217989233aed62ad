"""Server time of public and back-office pages, and of first views after a change.

    python bench/pages.py [--posts 100000] [--requests 200] [--database-url URL]
                          [--data-dir DIR] [--no-changes]

Seeds a data directory (kept in /tmp between runs), serves it with `bulletin serve`
(one worker, one thread, so requests do not compete), and a bare WSGI hello-world app
on the same server; prints a table in milliseconds. Server time is Bulletin's own
Server-Timing header (wall time, and the request thread's CPU time, which a busy
machine inflates much less); client time includes the loopback HTTP round trip.

Back-office pages are asked with a signed-in administrator's session (a user
"bench-staff" is made if missing). "After a change" publishes a post, waits until
every worker sees the new version, and asks each page once, five times over: the
first view of a page after a change, set against the same page's ordinary rendering.
`--no-changes` leaves the content alone (a shared database): it never migrates or
seeds, and stops when the data directory has no seeded-N marker.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BULLETIN,
    bulletin_env,
    free_port,
    hello_command,
    measure,
    prepare,
    server,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--no-changes", action="store_true")
    args = parser.parse_args()

    label = "postgresql" if args.database_url else "sqlite"
    data_dir = Path(args.data_dir or f"/tmp/bulletin-bench-{label}-{args.posts}")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir, args.database_url)
    prepare(data_dir, args.posts, env, may_write=not args.no_changes)
    facts = json.loads(
        subprocess.run(
            [BULLETIN, "shell", "-c", SHELL_FACTS],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    rows = []
    port = free_port()
    hello = hello_command(port, workers=1, threads=1)
    with server(hello, dict(os.environ), port):
        rows.append(
            ("hello-world WSGI app (reference)", measure(port, "/", args.requests))
        )

    port = free_port()
    serve = [BULLETIN, "serve", "--port", str(port), "--workers", "1", "--threads", "1"]
    with server(serve, env, port):
        rows.append(
            (
                "static file /static/public/site.css",
                measure(port, facts["css"], args.requests),
            )
        )
        pages = [
            ("list page 1", "/en/"),
            (f"list page {facts['deep']:,} (the last)", f"/en/?page={facts['deep']}"),
            (f"list page {facts['middle']:,}", f"/en/?page={facts['middle']}"),
            ("post page", facts["post"]),
            (
                f"filtered list, topic + kind, page {facts['filtered_page']}",
                facts["filtered"],
            ),
        ]
        rendered = {}
        for name, path in pages:
            rendered[name] = measure(port, path, args.requests, uncached=True)
            rows.append((f"{name}, rendered", rendered[name]))
        for name, path in pages:
            rows.append(
                (f"{name}, repeated (page cache)", measure(port, path, args.requests))
            )
        staff = facts["session"]
        back_office = [
            ("back office: dashboard", "/manage/"),
            ("back office: all posts, page 1", "/manage/posts/"),
            (f"back office: all posts, page {facts['staff_deep']:,}",
             f"/manage/posts/?page={facts['staff_deep']}"),
            ("back office: all posts, last page", "/manage/posts/?page=last"),
            ("back office: all posts, title search", "/manage/posts/?q=water"),
            ("back office: all posts, status + kind",
             "/manage/posts/?status=published&kind=notice"),
            ("back office: translations overview", "/manage/translations/"),
            (f"back office: translations, page {facts['staff_deep']:,}",
             f"/manage/translations/?page={facts['staff_deep']}"),
        ]  # fmt: skip
        count = max(10, args.requests // 10)
        for name, path in back_office:
            rows.append((name, measure(port, path, count, warmup=2, session=staff)))
        if not args.no_changes:
            rows += first_views_after_a_change(port, env, pages, rendered)

    print(
        f"\nBulletin pages with {args.posts:,} posts on {label} ({args.requests} requests each, ms)\n"
    )
    columns = ("server_p50", "server_p95", "cpu_p50", "client_p50", "client_p95")
    print(
        f"| {'what':<56} | server p50 | server p95 | CPU p50 | client p50 | client p95 |"
    )
    print(f"|{'-' * 58}|-----------:|-----------:|--------:|-----------:|-----------:|")
    for name, r in rows:
        cells = [f"{r[c]:.2f}" if c in r else "–" for c in columns]
        widths = (10, 10, 7, 10, 10)
        print(
            f"| {name:<56} | "
            + " | ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
            + " |"
        )
    reference = rows[0][1]["client_p50"]
    print(f"\nClient p50 as a multiple of the hello-world app ({reference:.2f} ms):")
    for name, r in rows[1:]:
        print(f"  {name}: {r['client_p50'] / reference:.1f}x")
    print("\nFirst view after a change as a multiple of the page's ordinary rendering:")
    for name, r in rows:
        if "ratio" in r:
            print(f"  {name}: {r['ratio']:.2f}x (server p50)")


def first_views_after_a_change(
    port: int, env: dict[str, str], pages: list[tuple[str, str]], rendered: dict
) -> list[tuple[str, dict]]:
    """Publish a post, wait for every worker to see it, ask each page once; 5 rounds."""
    changer = subprocess.Popen(
        [BULLETIN, "shell", "-c", CHANGER],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    times: dict[str, list[dict]] = {name: [] for name, _path in pages}
    try:
        for _round in range(5):
            changer.stdin.write("publish\n")
            changer.stdin.flush()
            while not changer.stdout.readline().startswith("published"):
                pass
            time.sleep(0.6)  # every worker reads the version twice a second
            for name, path in pages:
                times[name].append(measure(port, path, 1, warmup=0, uncached=True))
    finally:
        changer.stdin.close()
        changer.wait(timeout=60)
    rows = []
    for name, found in times.items():
        server = [t["server_p50"] for t in found]
        result = {
            "server_p50": statistics.median(server),
            "server_p95": max(server),
            "cpu_p50": statistics.median(t["cpu_p50"] for t in found),
            "client_p50": statistics.median(t["client_p50"] for t in found),
            "client_p95": max(t["client_p50"] for t in found),
        }
        result["ratio"] = result["server_p50"] / rendered[name]["server_p50"]
        rows.append((f"{name}, first view after a publication (5)", result))
    return rows


SHELL_FACTS = """
import json
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.templatetags.static import static
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import Post, Topic
keys = page_keys(PostList(language="en"))
# 30,000 posts down where the list reaches it; a third of the way down a smaller one.
listed = Post.objects.listed().filter(language="en").order_by("-published_at")
post = listed[30000 if keys.count > 30000 else keys.count // 3]
topic = Topic.objects.order_by("id").first()
filtered = page_keys(PostList(language="en", kind="news", topic=topic))
filtered_page = min(50, filtered.num_pages)
staff = get_user_model().objects.filter(username="bench-staff").first()
if staff is None:
    staff = get_user_model().objects.create_superuser("bench-staff", "", None)
session = SessionStore()
session["_auth_user_id"] = str(staff.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = staff.get_session_auth_hash()
session.create()
print(json.dumps({
    "deep": keys.num_pages,
    "post": post.get_absolute_url(),
    "middle": 2500 if keys.num_pages >= 2500 else max(1, keys.num_pages // 2),
    "filtered": f"/en/news/topics/{topic.slug}/?page={filtered_page}",
    "filtered_page": filtered_page,
    "css": static("public/site.css"),
    "session": session.session_key,
    # The last numbered page: past 10,000 posts the list goes on by Next/Previous.
    "staff_deep": max(1, min(Post.objects.count(), 10_000) // 50),
}))
"""
CHANGER = """
import sys, time
from bulletin.posts.models import Post
for line in sys.stdin:
    Post.objects.create(kind="news", title=f"Bench change {time.time()}",
                        status="published")
    print("published", flush=True)
"""

if __name__ == "__main__":
    main()
