"""Bulk work: posts per second for `seed` and `load`, and the time to rebuild the index.

    python bench/bulk.py --posts 20000                       # SQLite
    python bench/bulk.py --posts 20000 --database-url postgres://postgres@127.0.0.1:5432/bulk_bench

Each step runs in a fresh process on a fresh site (a new data directory; on
PostgreSQL a new database named after the URL's, dropped afterwards): seed N posts,
rebuild the search index of those N posts (`bulletin reindex`'s code), dump them,
then load the dump into an empty site, in bulk and (the reference, the first
--reference-posts lines) one post at a time with each save's signals. Every step prints its wall time, the CPU time
of the Python process and (PostgreSQL) of its database backend, and posts per
second of wall and of CPU, with the machine's load average: on a shared machine the
wall figures move with the load, the CPU figures much less.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def _step(step: str, count: int, file: str) -> dict:
    """Run inside the child process: one step, measured."""
    import django

    django.setup()
    import resource

    from django.core.management import call_command
    from django.db import connection

    from bulletin.posts import seeding
    from bulletin.posts.interchange import dump, load
    from bulletin.search.indexing import reindex

    call_command("migrate", verbosity=0)

    def backend_cpu() -> float:
        if connection.vendor != "postgresql":
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    if step in ("reindex", "dump"):
        seeding.seed(count)  # the site to index or dump, not measured
    db0, started = backend_cpu(), time.monotonic()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    load_before = os.getloadavg()[0]
    if step == "seed":
        done = seeding.seed(count)
    elif step == "reindex":
        done = reindex()
    elif step == "dump":
        with open(file, "w", encoding="utf-8") as stream:
            done = dump(stream)
    elif step == "load":
        with open(file, encoding="utf-8") as stream:
            done = load(stream)
    else:  # the reference: every post saved on its own, with its signals
        with open(file, encoding="utf-8") as stream:
            done = load(stream.readlines()[:count], one_by_one=True)
    wall = time.monotonic() - started
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    python = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    return {
        "step": step,
        "posts": done,
        "wall": wall,
        "python_cpu": python,
        "db_cpu": backend_cpu() - db0,
        "load": (load_before + os.getloadavg()[0]) / 2,
    }


def _database(url: str, name: str, action: str) -> str:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if action == "create":
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(step: str, posts: int, file: Path, database_url: str | None) -> dict:
    """One step in a fresh process, on a fresh site."""
    with tempfile.TemporaryDirectory(prefix="bulletin-bulk-") as data_dir:
        env = dict(
            os.environ,
            BULLETIN_DATA_DIR=data_dir,
            BULLETIN_SECRET_KEY="bench-only",
            DJANGO_SETTINGS_MODULE="bulletin.settings.base",
        )
        env.pop("DATABASE_URL", None)
        name = None
        if database_url:
            name = f"{urlsplit(database_url).path.lstrip('/')}_{step.replace('-', '_')}"
            env["DATABASE_URL"] = _database(database_url, name, "create")
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--child", step, "--posts", str(posts),
                 "--file", str(file)],
                env=env, check=True, capture_output=True, text=True, cwd=ROOT,
            ).stdout  # fmt: skip
        finally:
            if name:
                _database(database_url, name, "drop")
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--reference-posts",
        type=int,
        default=2000,
        help="Lines of the dump loaded one post at a time, the reference.",
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--file", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_step(args.child, args.posts, args.file)))
        return
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{args.posts:,} posts on {database}; load average {os.getloadavg()[0]:.1f}")
    print(
        "| step | wall s | Python CPU s | DB CPU s | posts/s (wall) | posts/s (CPU) | load avg |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bulletin-bulk-file-") as folder:
        file = Path(folder) / "posts.jsonl"
        steps = [
            ("seed", args.posts), ("reindex", args.posts), ("dump", args.posts),
            ("load", args.posts), ("load-one-by-one", args.reference_posts),
        ]  # fmt: skip
        rates, cpu_rates = {}, {}
        for step, count in steps:
            result = run(step, count, file, args.database_url)
            rates[step] = result["posts"] / result["wall"]
            cpu_rates[step] = result["posts"] / (
                result["python_cpu"] + result["db_cpu"]
            )
            cpu = result["python_cpu"] + result["db_cpu"]
            print(
                f"| {step} {result['posts']:,} | {result['wall']:.1f} | "
                f"{result['python_cpu']:.1f} | {result['db_cpu']:.1f} | "
                f"{result['posts'] / result['wall']:,.0f} | "
                f"{result['posts'] / cpu:,.0f} | {result['load']:.1f} |",
                flush=True,
            )
    print(
        f"load in bulk / one by one: {rates['load'] / rates['load-one-by-one']:.1f}x "
        f"(wall), {cpu_rates['load'] / cpu_rates['load-one-by-one']:.1f}x (CPU)"
    )


if __name__ == "__main__":
    main()
