"""Server time of list page 1, a deep list page and a post page, against references.

    python bench/pages.py [--posts 100000] [--requests 300] [--database-url URL]

Seeds a data directory (kept in /tmp between runs), serves it with `bulletin serve`
(one worker, one thread, so requests do not compete), and a bare WSGI hello-world app
on the same server; prints a table in milliseconds. Server time is Bulletin's own
Server-Timing header; client time includes the loopback HTTP round trip.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
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
    args = parser.parse_args()

    label = "postgresql" if args.database_url else "sqlite"
    data_dir = Path(args.data_dir or f"/tmp/bulletin-bench-{label}-{args.posts}")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir, args.database_url)
    prepare(data_dir, args.posts, env)
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
            ("list page 2,500", "/en/?page=2500"),
            ("post page", facts["post"]),
            ("filtered list, topic + kind, page 50", facts["filtered"]),
        ]
        for name, path in pages:
            rows.append(
                (f"{name}, rendered", measure(port, path, args.requests, uncached=True))
            )
        for name, path in pages:
            rows.append(
                (f"{name}, repeated (page cache)", measure(port, path, args.requests))
            )

    print(
        f"\nBulletin pages with {args.posts:,} posts on {label} ({args.requests} requests each, ms)\n"
    )
    print(f"| {'what':<56} | server p50 | server p95 | client p50 | client p95 |")
    print(f"|{'-' * 58}|-----------:|-----------:|-----------:|-----------:|")
    for name, r in rows:
        s50 = f"{r['server_p50']:.2f}" if "server_p50" in r else "–"
        s95 = f"{r['server_p95']:.2f}" if "server_p95" in r else "–"
        print(
            f"| {name:<56} | {s50:>10} | {s95:>10} | {r['client_p50']:>10.2f} | {r['client_p95']:>10.2f} |"
        )
    reference = rows[0][1]["client_p50"]
    print(f"\nClient p50 as a multiple of the hello-world app ({reference:.2f} ms):")
    for name, r in rows[1:]:
        print(f"  {name}: {r['client_p50'] / reference:.1f}x")


SHELL_FACTS = """
import json
from django.templatetags.static import static
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import Post, Topic
keys = page_keys(PostList(language="en"))
post = Post.objects.listed().filter(language="en").order_by("-published_at")[30000]
topic = Topic.objects.order_by("id").first()
print(json.dumps({
    "deep": keys.num_pages,
    "post": post.get_absolute_url(),
    "filtered": f"/en/news/topics/{topic.slug}/?page=50",
    "css": static("public/site.css"),
}))
"""

if __name__ == "__main__":
    main()
