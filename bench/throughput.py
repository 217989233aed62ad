"""Throughput of Bulletin's pages against a hello-world app and a static file, with wrk.

    python bench/throughput.py [--posts 100000] [--database-url URL] [--data-dir DIR]
                               [--server granian|gunicorn] [--workers 2] [--threads 2]
                               [--seconds 5] [--quick] [--no-compare]
                               [--accept-encoding "gzip, deflate, br, zstd"]

In one invocation, under the server code of `bulletin serve` with the same workers
and threads (`bulletin.server.runner`): a bare WSGI hello-world app (12 bytes, and a
body of a list page's size); a static file; Bulletin's cached pages (post page, list
pages at several depths, filtered list, feed, calendar, sitemap, archive, a repeated
search); uncached pages (each request a page never rendered before); and first views
right after a publication. Then the proportional memory (PSS, from
/proc/<pid>/smaps_rollup) of the server's master and workers after all that. Then,
unless --no-compare, the same few rows under each server (gunicorn sync, gunicorn
gthread, Granian) with the same worker count. `wrk` (Debian's, installed when missing)
drives 16 connections on 2 threads, sending what a browser sends (`Accept-Encoding:
gzip, deflate, br, zstd`) to the references and to Bulletin alike; two rows repeat the
post page and list page 1 without it. Every rate is printed with its p99 and its ratio
to hello-world measured in the same run. Figures, not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
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

import common
from common import (
    BULLETIN,
    bulletin_env,
    free_port,
    hello_command,
    percentile,
    prepare,
    pss_of_tree,
    request_headers,
    server,
    timed_get,
)

from bulletin.server.runner import DEFAULT_SERVER, SERVERS, worker_class

WRK = re.compile(r"Requests/sec:\s+([0-9.]+)")
P99 = re.compile(r"99%\s+([0-9.]+)(us|ms|s)\b")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
IDLE_SECONDS = 35
# name, req/s (or ms), p99 (or p95/max), ratio to the hello-world run just before
Row = tuple[str, float, float | None, float | None]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def wrk(
    port: int, path: str, seconds: float, accept_encoding: str | None = None
) -> tuple[float, float]:
    """Requests per second and p99 latency (ms) at 16 connections."""
    headers = request_headers(accept_encoding)
    out = subprocess.run(
        [ensure_wrk(), "-t2", "-c16", f"-d{seconds}s", "--latency",
         *[arg for k, v in headers.items() for arg in ("-H", f"{k}: {v}")],
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if "Non-2xx" in out:
        raise RuntimeError(f"{path}: error answers under load\n{out}")
    for line in out.splitlines():
        if "Socket errors" in line:  # wrk gives up on an answer after 2 s
            print(f"{path}: {line.strip()}", file=sys.stderr)
    p99 = P99.search(out)
    return float(WRK.search(out).group(1)), float(p99.group(1)) * UNITS[p99.group(2)]


def shell(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [BULLETIN, "shell", "-c", code], env=env, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


FACTS = """
import json
from django.templatetags.static import static
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import Post, Topic
keys = page_keys(PostList(language="en"))
# 400 posts from 20,000 down where the list reaches it; a fifth of the way otherwise.
start = 20000 if keys.count > 20400 else keys.count // 5
posts = list(Post.objects.listed().filter(language="en").order_by("-published_at")
             .values_list("slug", flat=True)[start:start + 400])
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


def serve_command(port: int, name: str, workers: int, threads: int) -> list[str]:
    return [BULLETIN, "serve", "--port", str(port), "--server", name, "--workers",
            str(workers), "--threads", str(threads), "--no-worker"]  # fmt: skip


def references(hello_port: int, seconds: float, sizes: dict[str, object]) -> list[Row]:
    rows = [("hello-world WSGI app (12 B)", *wrk(hello_port, "/", seconds))]
    for label, size in sizes.items():
        rows.append((f"hello-world, {label}", *wrk(hello_port, f"/{size}", seconds)))
    return rows


def paired(
    hello_port: int, port: int, path: str, seconds: float, accept_encoding=None
) -> tuple:
    """A page's rate and p99, and its ratio to hello-world measured just before.

    On a shared machine the load moves from minute to minute; a ratio taken against
    the reference of the same minute moves much less than the rates themselves.
    """
    wrk(port, path, 1)  # every worker holds the page (and every thread is up)
    hello = wrk(hello_port, "/", seconds, accept_encoding)[0]
    rate, p99 = wrk(port, path, seconds, accept_encoding)
    return rate, p99, rate / hello


def cached_pages(facts: dict, quick: bool) -> list[tuple[str, str]]:
    deep, middle = facts["pages"], facts["pages"] // 2
    pages = [
        ("static file (site.css)", facts["css"]),
        ("post page", f"/en/posts/{facts['posts'][0]}/"),
        ("list page 1", "/en/"),
        (f"list page {middle:,}", f"/en/?page={middle}"),
        (f"list page {deep:,} (last)", f"/en/?page={deep}"),
        ("filtered list (kind + topic)", f"/en/news/topics/{facts['topic']}/"),
        ("Atom feed", "/en/feed.atom"),
        ("events calendar (.ics)", "/en/events/calendar.ics"),
        ("sitemap index", "/sitemap.xml"),
        ("archive", "/en/archive/"),
        ("repeated search", "/en/search/?q=water"),
    ]
    return pages[:4] if quick else pages


def bulletin_rows(env, facts, args, port: int, hello_port: int) -> list[Row]:
    rows: list[Row] = []
    for name, path in cached_pages(facts, args.quick):
        timed_get(port, path)  # the first view fills the cache
        label = name if name.startswith("static") else f"{name}, cached"
        rows.append((label, *paired(hello_port, port, path, args.seconds)))
    if common.ACCEPT_ENCODING[0]:
        for name, path in cached_pages(facts, quick=True)[1:3]:
            rows.append((f"{name}, cached, no Accept-Encoding",
                         *paired(hello_port, port, path, args.seconds, "")))  # fmt: skip
    # Uncached: every request a page never rendered before.
    count = 15 if args.quick else 60
    middle = facts["pages"] // 2
    uncached = {
        "post page": [f"/en/posts/{s}/" for s in facts["posts"][100 : 100 + count]],
        "deep list pages": [f"/en/?page={n}" for n in range(middle, middle + count)],
    }
    for name, paths in uncached.items():
        times = [timed_get(port, path) for path in paths]
        rows.append((f"{name}, uncached, p50 ms", statistics.median(times),
                     percentile(times, 95), None))  # fmt: skip
    # First views after a change: publish, then ask for pages at once.
    after: dict[str, list[float]] = {"list page 1": [], "post page": [], "middle": []}
    for n in range(2 if args.quick else 5):
        url = shell(env, PUBLISH)
        time.sleep(0.6)  # every worker sees the new version (it reads twice a second)
        after["list page 1"].append(timed_get(port, "/en/"))
        after["post page"].append(timed_get(port, url))
        after["middle"].append(timed_get(port, f"/en/?page={middle + 100 + n}"))
    for name, times in after.items():
        label = "middle list page" if name == "middle" else name
        rows.append((f"{label}, first view after a change, p50 ms",
                     statistics.median(times), max(times), None))  # fmt: skip
    return rows


def print_table(rows: list[Row], reference: float) -> None:
    print(f"| {'what':<52} | {'req/s or ms':>11} | {'p99 ms':>9} | {'vs hello':>8} "
          f"| {'vs hello, same minute':>21} |")  # fmt: skip
    print(f"|{'-' * 54}|{'-' * 12}:|{'-' * 10}:|{'-' * 9}:|{'-' * 22}:|")
    for name, value, spread, paired_ratio in rows:
        is_rate = not name.endswith(" ms")
        ratio = f"{value / reference:.0%}" if is_rate else "–"
        same = f"{paired_ratio:.0%}" if paired_ratio is not None else "–"
        spread_s = f"{spread:.2f}" if spread is not None else "–"
        print(f"| {name:<52} | {value:>11,.1f} | {spread_s:>9} | {ratio:>8} "
              f"| {same:>21} |")  # fmt: skip


def compare(env, facts, args) -> None:
    """The same few rows under each server, with the same worker count."""
    configs = [("gunicorn", 1), ("gunicorn", max(2, args.threads))]
    configs += [("granian", n) for n in sorted({1, 2, 4, args.threads})]
    paths = [("post page", f"/en/posts/{facts['posts'][0]}/"), ("list page 1", "/en/")]
    results = []
    for name, threads in configs:
        hello_port, port = free_port(), free_port()
        hello_server = hello_command(hello_port, name, args.workers, threads)
        bulletin = serve_command(port, name, args.workers, threads)
        with (
            server(hello_server, dict(os.environ), hello_port),
            server(bulletin, env, port) as pid,
        ):
            hello = wrk(hello_port, "/", args.seconds)
            measured = []
            for _, path in paths:
                timed_get(port, path)
                measured.append(paired(hello_port, port, path, args.seconds))
            pss = pss_of_tree(pid)
        results.append((worker_class(name, threads), hello, measured, pss))
    print(
        f"\nServers compared ({args.workers} workers; load average {load_average()})\n"
    )
    head = " | ".join(f"{p} req/s (p99 ms, vs hello)" for p, _ in paths)
    print(f"| server | hello-world req/s (p99 ms) | {head} | PSS MB |")
    print("|---|---:|" + "---:|" * len(paths) + "---:|")
    for label, hello, measured, pss in results:
        cells = " | ".join(
            f"{rps:,.0f} ({p99:.1f}, {ratio:.0%})" for rps, p99, ratio in measured
        )
        print(
            f"| {label} | {hello[0]:,.0f} ({hello[1]:.1f}) | {cells} | {pss / 1024:.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--server", choices=SERVERS, default=DEFAULT_SERVER)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="2 s runs, fewer pages")
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument(
        "--accept-encoding",
        default=common.BROWSER_ACCEPT_ENCODING,
        help="sent with every request ('' sends none)",
    )
    args = parser.parse_args()
    common.ACCEPT_ENCODING[0] = args.accept_encoding
    if args.quick:
        args.seconds = min(args.seconds, 2)

    label = "postgresql" if args.database_url else "sqlite"
    data_dir = Path(args.data_dir or f"/tmp/bulletin-bench-{label}-{args.posts}")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir, args.database_url)
    env["BULLETIN_SERVER_TIMING"] = "0"
    prepare(data_dir, args.posts, env)
    # A data directory seeded by older code: bring its schema up to date first.
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    facts = json.loads(shell(env, FACTS))
    started_load = load_average()

    port, hello_port = free_port(), free_port()
    command = serve_command(port, args.server, args.workers, args.threads)
    hello = hello_command(hello_port, args.server, args.workers, args.threads)
    with server(hello, dict(os.environ), hello_port), server(command, env, port) as pid:
        # The bytes sent, gzipped when asked for; the references send as many.
        page_size = len(timed_get(port, "/en/", body=True))
        plain_size = len(timed_get(port, "/en/", body=True, accept_encoding=""))
        calendar = len(timed_get(port, "/en/events/calendar.ics", body=True))
        sizes = {f"{page_size:,} B (list page 1 as sent)": page_size}
        sizes[f"{page_size:,} B and a kept page's 13 headers"] = f"{page_size}/headers"
        if plain_size != page_size:
            sizes[f"{plain_size:,} B (list page 1 uncompressed)"] = plain_size
        if not args.quick:
            sizes[f"{calendar:,} B (the calendar as sent)"] = calendar
        rows = [(*row, None) for row in references(hello_port, args.seconds, sizes)]
        rows += bulletin_rows(env, facts, args, port, hello_port)
        pss = pss_of_tree(pid)
        # Granian retires a thread idle for 30 s, and its database connection with it.
        time.sleep(0 if args.quick else IDLE_SECONDS)
        pss_idle = pss_of_tree(pid)

    print(f"\nBulletin, {args.posts:,} posts on {label}; "
          f"{worker_class(args.server, args.threads)}, {args.workers} workers; "
          f"wrk -t2 -c16 -d{args.seconds:g}s, Accept-Encoding "
          f"{args.accept_encoding or 'none'!r}; load average {started_load} at the "
          f"start, {load_average()} at the end\n")  # fmt: skip
    print_table(rows, reference=rows[0][1])
    print(
        "\n'vs hello' is against the first hello-world row; 'same minute' against a"
        " hello-world run just before that row. 'ms' rows are single requests on a"
        " new connection: p50, then p95 (uncached) or the slowest (first views)."
    )
    print(f"\nMemory after the benchmark: master + {args.workers} workers, "
          f"PSS {pss / 1024:.1f} MB right after it, {pss_idle / 1024:.1f} MB after "
          f"{0 if args.quick else IDLE_SECONDS} s idle (/proc/<pid>/smaps_rollup)")  # fmt: skip
    if not args.no_compare:
        compare(env, facts, args)


if __name__ == "__main__":
    main()
