"""Time and size of `bulletin export-static` for a site of N posts (default 100,000).

    .venv/bin/python bench/export.py [--posts 100000] [--workers 2] [--data-dir DIR]

Seeds a SQLite data directory once (reused on the next run), then exports three
times into one folder: the first run writes everything; the second follows one
change (a post's title corrected, as an editor would, through the model); the third
finds nothing changed. Each run's progress lines are shown as they come, with the
load average, since on a shared machine the time says as much about the neighbours
as about the exporter; the CPU time of the run (all its processes) says what it
costs whatever the load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BULLETIN, bulletin_env, prepare

CORRECT_ONE_POST = (
    "from bulletin.posts.models import Post\n"
    "newest = Post.objects.public().order_by('-published_at')\n"
    "post = Post.objects.get(pk=list(newest.values_list('pk', flat=True)[:501])[-1])\n"
    "post.title = post.title + ' (corrected)'\n"
    "post.save()\n"
    "print('changed', post.slug)\n"
)


def size_of(directory: Path) -> tuple[int, int]:
    files = [path for path in directory.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def timed_export(target: Path, env: dict[str, str], workers: int) -> tuple[float, str]:
    command = [
        BULLETIN,
        "export-static",
        str(target),
        "--base-url",
        "https://news.example.org/",
        "--workers",
        str(workers),
        "-v",
        "2",
    ]
    started = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    last = ""
    for line in process.stdout:
        last = line.strip()
        print(f"  {last} (load {load()})", flush=True)
    if process.wait() != 0:
        raise SystemExit(f"export-static failed ({process.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    return time.perf_counter() - started, f"{last} CPU {used:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument(
        "--once", action="store_true", help="Only the first, full export."
    )
    args = parser.parse_args()
    data_dir = (
        args.data_dir or Path(tempfile.gettempdir()) / f"bulletin-bench-{args.posts}"
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir)
    print(f"posts: {args.posts}, workers: {args.workers}, load {load()}", flush=True)
    started = time.perf_counter()
    prepare(data_dir, args.posts, env)
    # A data directory seeded by an older checkout gets this one's migrations.
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    target = Path(tempfile.mkdtemp(prefix="bulletin-mirror-"))
    try:
        print(f"first export (load {load()})", flush=True)
        first, first_report = timed_export(target, env, args.workers)
        files, size = size_of(target)
        print(
            f"first export: {first:.0f} s, {files} files, {size / 1e6:.0f} MB, "
            f"{files / first:.1f} files/s ({first_report}); load {load()}",
            flush=True,
        )
        if args.once:
            return
        subprocess.run([BULLETIN, "shell", "-c", CORRECT_ONE_POST], env=env, check=True)
        second, second_report = timed_export(target, env, args.workers)
        print(
            f"after one change: {second:.0f} s ({second_report}); load {load()}",
            flush=True,
        )
        third, third_report = timed_export(target, env, args.workers)
        print(
            f"nothing changed: {third:.1f} s ({third_report}); load {load()}",
            flush=True,
        )
    finally:
        shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    main()
