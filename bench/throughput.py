"""Throughput of Bulletin's pages against a hello-world app and a static file, with wrk.

    python bench/throughput.py [--posts 100000] [--database-url URL] [--seconds 5]
                               [--server-workers 2] [--threads 4]

In one invocation, under the same gunicorn settings as `bulletin serve` (workers,
threads, gthread): a bare WSGI hello-world app; a static file served by Bulletin;
Bulletin's cached pages (post page, list pages at several depths, feed, calendar,
sitemap, a repeated search); the first view of pages after a change; and uncached
pages (each request a page never rendered before). `wrk` (Debian's, installed when
missing) drives 16 connections on 2 threads. Every figure is printed with its ratio
to hello-world. Figures, not tests: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BULLETIN, bulletin_env, free_port, percentile, prepare, server

WRK = re.compile(r"Requests/sec:\s+([0-9.]+)")
P99 = re.compile(r"99%\s+([0-9.]+)(us|ms|s)")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def wrk(port: int, path: str, seconds: int) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) at 16 connections."""
    out = subprocess.run(
        [ensure_wrk(), "-t2", "-c16", f"-d{seconds}s", "--latency",
         "-H", "Host: localhost", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in out:
        raise RuntimeError(f"{path}: non-2xx answers\n{out}")
    p99 = P99.search(out)
    return float(WRK.search(out).group(1)), float(p99.group(1)) * UNITS[p99.group(2)]


def timed_get(port: int, path: str) -> float:
    """One request on a new connection; ms."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def shell(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [BULLETIN, "shell", "-c", code], env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


FACTS = """
import json
from django.templatetags.static import static
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import Post, Topic
keys = page_keys(PostList(language="en"))
posts = list(Post.objects.listed().filter(language="en").order_by("-published_at")
             .values_list("slug", flat=True)[20000:20400])
topic = Topic.objects.order_by("id").first()
print(json.dumps({"pages": keys.num_pages, "posts": posts, "topic": topic.slug,
                  "css": static("public/site.css")}))
"""
PUBLISH = """
from bulletin.posts.models import Post
import time
p = Post.objects.create(kind="news", title=f"Bench change {time.time()}", status="published")
print(p.get_absolute_url())
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    label = "postgresql" if args.database_url else "sqlite"
    data_dir = Path(args.data_dir or f"/tmp/bulletin-bench-{label}-{args.posts}")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir, args.database_url)
    env["BULLETIN_SERVER_TIMING"] = "0"
    prepare(data_dir, args.posts, env)
    facts = json.loads(shell(env, FACTS))
    gunicorn_options = ["-w", str(args.server_workers), "--threads", str(args.threads),
                        "-k", "gthread" if args.threads > 1 else "sync"]  # fmt: skip
    rows: list[tuple[str, float, float | None]] = []  # name, req/s or ms, p99

    port = free_port()
    hello = [sys.executable, "-m", "gunicorn", "--chdir", str(Path(__file__).parent),
             "-b", f"127.0.0.1:{port}", *gunicorn_options, "hello:app"]  # fmt: skip
    with server(hello, dict(os.environ), port):
        rows.append(("hello-world WSGI app", *wrk(port, "/", args.seconds)))

    port = free_port()
    serve = [BULLETIN, "serve", "--port", str(port), "--workers",
             str(args.server_workers), "--threads", str(args.threads), "--no-worker"]  # fmt: skip
    deep, middle = facts["pages"], facts["pages"] // 2
    cached = [
        ("static file (site.css)", facts["css"]),
        ("post page", f"/en/posts/{facts['posts'][0]}/"),
        ("list page 1", "/en/"),
        (f"list page {middle:,}", f"/en/?page={middle}"),
        (f"list page {deep:,} (last)", f"/en/?page={deep}"),
        ("filtered list (kind + topic)", f"/en/news/topics/{facts['topic']}/"),
        ("Atom feed", "/en/feed.atom"),
        ("events calendar", "/en/events/calendar.ics"),
        ("sitemap index", "/sitemap.xml"),
        ("archive", "/en/archive/"),
        ("repeated search", "/en/search/?q=water"),
    ]
    with server(serve, env, port):
        for name, path in cached:
            timed_get(port, path)  # the first view fills the cache
            rows.append((f"{name}, cached", *wrk(port, path, args.seconds)))
        # Uncached: every request a page never rendered before.
        uncached = {
            "post page": [f"/en/posts/{slug}/" for slug in facts["posts"][100:160]],
            "list pages, deep": [f"/en/?page={n}" for n in range(middle, middle + 60)],
        }
        for name, paths in uncached.items():
            times = [timed_get(port, path) for path in paths]
            rows.append((f"{name}, uncached p50 ms", statistics.median(times),
                         percentile(times, 95)))  # fmt: skip
        # First views after a change: publish, then ask for pages at once.
        after = {"list page 1": [], "post page": [], "list page (middle)": []}
        for n in range(5):
            url = shell(env, PUBLISH)
            time.sleep(
                0.6
            )  # every worker sees the new version (it reads twice a second)
            after["list page 1"].append(timed_get(port, "/en/"))
            after["post page"].append(timed_get(port, url))
            after["list page (middle)"].append(
                timed_get(port, f"/en/?page={middle + n}")
            )
        for name, times in after.items():
            rows.append((f"{name}, first view after a change, p50 ms",
                         statistics.median(times), max(times)))  # fmt: skip

    hello_rps = rows[0][1]
    print(f"\nBulletin, {args.posts:,} posts on {label}; gunicorn "
          f"{' '.join(gunicorn_options)}; wrk -t2 -c16 -d{args.seconds}s\n")  # fmt: skip
    print(
        f"| {'what':<52} | {'req/s or ms':>12} | {'p99 / p95 ms':>12} | {'vs hello':>8} |"
    )
    print(f"|{'-' * 54}|{'-' * 14}:|{'-' * 14}:|{'-' * 10}:|")
    for name, value, spread in rows:
        is_rate = not name.endswith("ms")
        ratio = (
            f"{value / hello_rps:.0%}"
            if is_rate
            else f"{value * hello_rps / 1000 * 1 / 16:.0f}×"
        )
        spread_s = f"{spread:.2f}" if spread is not None else "–"
        print(f"| {name:<52} | {value:>12,.1f} | {spread_s:>12} | {ratio:>8} |")
    print(
        "\nRates are requests/s with p99 latency; 'ms' rows are single requests"
        " (p50, then p95 or max) and their 'vs hello' is the time of one such request"
        " in hello-world requests at 16 connections."
    )


if __name__ == "__main__":
    main()
