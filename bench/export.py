"""Time and size of `bulletin export-static` for a site of N posts (default 100,000).

    .venv/bin/python bench/export.py [--posts 100000] [--data-dir DIR]

Seeds a SQLite data directory once (reused on the next run), then runs the export
twice: the first writes everything, the second shows what an unchanged site costs
(it renders again but writes nothing).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BULLETIN, bulletin_env, prepare


def size_of(directory: Path) -> tuple[int, int]:
    files = [path for path in directory.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def timed_export(target: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [
            BULLETIN,
            "export-static",
            str(target),
            "--base-url",
            "https://news.example.org/",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument(
        "--once", action="store_true", help="Skip the second, incremental run."
    )
    args = parser.parse_args()
    data_dir = (
        args.data_dir or Path(tempfile.gettempdir()) / f"bulletin-bench-{args.posts}"
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bulletin_env(data_dir)
    prepare(data_dir, args.posts, env)
    # A data directory seeded by an older checkout gets this one's migrations.
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    target = Path(tempfile.mkdtemp(prefix="bulletin-mirror-"))
    try:
        first, first_report = timed_export(target, env)
        files, size = size_of(target)
        if not args.once:
            second, second_report = timed_export(target, env)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    print(f"posts: {args.posts}")
    print(f"first export: {first:.0f} s ({first_report})")
    print(f"mirror: {files} files, {size / 1e6:.0f} MB")
    if not args.once:
        print(f"second export, nothing changed: {second:.0f} s ({second_report})")


if __name__ == "__main__":
    main()
