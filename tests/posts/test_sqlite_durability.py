"""SQLite is set up for durability and concurrency: WAL, synchronous=FULL, no lock errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BULLETIN = str(Path(sys.executable).with_name("bulletin"))

WRITER = """
from bulletin.posts.models import Post
for n in range(25):
    Post.objects.create(kind="news", title=f"w{WRITER} {n}", status="published")
"""
READER = """
from bulletin.posts.listing import PostList, page, page_keys
for n in range(40):
    keys = page_keys(PostList(language="en"))
    page(PostList(language="en"), 1, keys)
"""
CHECK = """
from django.db import connection
with connection.cursor() as cursor:
    values = []
    for pragma in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"):
        cursor.execute(f"PRAGMA {pragma}")
        values.append(str(cursor.fetchone()[0]))
print(",".join(values))
from bulletin.posts.models import Post
print(Post.objects.count())
"""


@pytest.fixture
def site(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(BULLETIN_DATA_DIR=str(tmp_path), BULLETIN_SECRET_KEY="sqlite-test")
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    return env


def run(env, code, **extra):
    return subprocess.Popen(
        [BULLETIN, "shell", "-c", code],
        env={**env, **extra},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers_and_readers_never_hit_database_is_locked(site):
    processes = [run(site, WRITER.replace("{WRITER}", str(n))) for n in range(4)]
    processes += [run(site, READER) for _ in range(2)]
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
        assert "database is locked" not in err
    out, _ = run(site, CHECK).communicate(timeout=60)
    pragmas, count = out.strip().splitlines()[-2:]
    assert pragmas.split(",")[:3] == [
        "wal",
        "2",
        "1",
    ]  # WAL, synchronous=FULL, foreign keys
    assert int(pragmas.split(",")[3]) >= 5000
    assert int(count) == 100
