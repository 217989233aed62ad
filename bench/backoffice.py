"""Server time of the back office's pages, split into CPU and SQL, at any size.

    python bench/backoffice.py --database-url URL --data-dir DIR [--repeat 5]
                               [--explain] [--only NAME]

Renders each page in-process (Django's test client, a staff user "bench-staff" made
if missing, nothing else written) and prints per page the median wall time, the
thread's CPU time, the time spent waiting for SQL (each query timed around the
database driver) and the number of queries. On a loaded machine the wall time mostly
measures the wait for a core; CPU + SQL estimates the page on an idle one. With
`--explain`, the slowest query of each page is shown with `EXPLAIN ANALYZE` (on
PostgreSQL), so a slow plan can be read without a server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BULLETIN, bulletin_env

PAGES = [
    ("dashboard", "/manage/"),
    ("all posts, page 1", "/manage/posts/"),
    ("all posts, page 200", "/manage/posts/?page=200"),
    ("all posts, page 2,000", "/manage/posts/?page=2000"),
    ("all posts, the last page", "LAST"),
    ("all posts, deep by Next", "DEEP_NEXT"),
    ("search “water”", "/manage/posts/?q=water"),
    ("search “water supply”", "/manage/posts/?q=water+supply"),
    ("status + kind", "/manage/posts/?status=published&kind=notice"),
    ("status + kind, page 200", "/manage/posts/?status=published&kind=notice&page=200"),
    ("drafts", "/manage/posts/?status=draft"),
    ("topic", "/manage/posts/?topic=health"),
    ("published in a quarter",
     "/manage/posts/?dates=published&date_from=2020-01-01&date_to=2020-03-31"),
    ("published in a quarter, by last change",
     "/manage/posts/?dates=published&date_from=2020-01-01&date_to=2020-03-31"
     "&sort=-updated"),
    ("changed in a quarter",
     "/manage/posts/?dates=updated&date_from=2020-01-01&date_to=2020-03-31"),
    ("sort title", "/manage/posts/?sort=title"),
    ("sort -title", "/manage/posts/?sort=-title"),
    ("sort kind", "/manage/posts/?sort=kind"),
    ("sort -kind", "/manage/posts/?sort=-kind"),
    ("sort status", "/manage/posts/?sort=status"),
    ("sort -status", "/manage/posts/?sort=-status"),
    ("sort author", "/manage/posts/?sort=author"),
    ("sort -author", "/manage/posts/?sort=-author"),
    ("sort updated (oldest first)", "/manage/posts/?sort=updated"),
    ("sort -published", "/manage/posts/?sort=-published"),
    ("sort published", "/manage/posts/?sort=published"),
    ("sort title, page 200", "/manage/posts/?sort=title&page=200"),
    ("translations", "/manage/translations/"),
    ("translations, page 200", "/manage/translations/?page=200"),
    ("translations, page 2,000", "/manage/translations/?page=2000"),
    ("translations, deep by Next", "TR_DEEP_NEXT"),
]  # fmt: skip

SHELL = r"""
import json, os, re, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

pages, repeat, explain, steps = json.loads(os.environ["BENCH_PAGES"])
staff = get_user_model().objects.filter(username="bench-staff").first()
if staff is None:
    staff = get_user_model().objects.create_superuser("bench-staff", "", None)
client = Client(HTTP_HOST="localhost")
client.force_login(staff)
NEXT = re.compile(r'<a href="([^"]*)" rel="next"')
LAST = re.compile(r'<a href="([^"]*)"[^>]*>[^<]*(?:Last page)')


def walk(start, count):
    # Follow Next `count` times (the page a person reaches by paging on).
    path = start
    for _ in range(count):
        body = client.get(path).content.decode()
        found = NEXT.search(body)
        if not found:
            break
        href = found.group(1).replace("&amp;", "&")
        path = start.split("?")[0] + href if href.startswith("?") else href
    return path


class Timer:
    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - started) * 1000, sql, params))


for name, path in pages:
    if path == "LAST":
        body = client.get("/manage/posts/").content.decode()
        found = LAST.search(body)
        path = ("/manage/posts/" + found.group(1).replace("&amp;", "&")) if found else "/manage/posts/?page=20000"
    elif path == "DEEP_NEXT":
        path = walk("/manage/posts/?page=200", steps)
    elif path == "TR_DEEP_NEXT":
        path = walk("/manage/translations/?page=200", steps)
    walls, cpus, sqls, counts, status = [], [], [], [], None
    slowest = (0, "", ())
    for n in range(repeat + 1):
        timer = Timer()
        started, cpu = time.perf_counter(), time.thread_time()
        with connection.execute_wrapper(timer):
            response = client.get(path)
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu) * 1000
        status = response.status_code
        if n == 0:
            continue  # warm-up
        walls.append(wall)
        cpus.append(cpu)
        sqls.append(sum(q[0] for q in timer.queries))
        counts.append(len(timer.queries))
        slowest = max([slowest, *timer.queries], key=lambda q: q[0])
    print(json.dumps({
        "name": name, "path": path, "status": status,
        "wall": statistics.median(walls), "cpu": statistics.median(cpus),
        "sql": statistics.median(sqls), "queries": max(counts),
        "slowest_ms": slowest[0],
    }))
    if explain and slowest[1] and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[1], slowest[2])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            sql = cursor.mogrify(slowest[1], slowest[2])
        print(json.dumps({"explain": name, "sql": str(sql), "plan": plan}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", default="", help="pages whose name contains this")
    parser.add_argument(
        "--next-steps", type=int, default=20, help="Next clicks for the deep pages"
    )
    args = parser.parse_args()
    import json

    pages = [(n, p) for n, p in PAGES if args.only in n]
    env = bulletin_env(Path(args.data_dir), args.database_url)
    env["BULLETIN_SERVER_TIMING"] = "0"
    env["BENCH_PAGES"] = json.dumps([pages, args.repeat, args.explain, args.next_steps])
    if not (Path(args.data_dir) / "static" / "staticfiles.json").exists():
        # The manifest storage answers only for collected files (a data directory
        # seeded elsewhere may have none): every page would be a 500.
        subprocess.run(
            [BULLETIN, "collectstatic", "--noinput", "-v0"], env=env, check=True
        )
    load = os.getloadavg()
    done = subprocess.run(
        [BULLETIN, "shell", "-c", SHELL], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr)
    output = done.stdout
    after = os.getloadavg()
    print(
        f"\nBack office, median of {args.repeat} (ms); load {load[0]:.1f} → {after[0]:.1f}\n"
    )
    print(f"| {'page':<38} | status | wall | CPU | SQL | queries | slowest query |")
    print(f"|{'-' * 40}|-------:|-----:|----:|----:|--------:|--------------:|")
    plans = []
    for line in output.splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        if "explain" in row:
            plans.append(row)
            continue
        print(
            f"| {row['name']:<38} | {row['status']} | {row['wall']:.0f} | "
            f"{row['cpu']:.0f} | {row['sql']:.0f} | {row['queries']} | "
            f"{row['slowest_ms']:.0f} |"
        )
    for row in plans:
        print(f"\n## {row['explain']}\n{row['sql']}\n{row['plan']}")


if __name__ == "__main__":
    main()
