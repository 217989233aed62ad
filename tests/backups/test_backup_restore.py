"""`bulletin backup`, `backup --verify` and `restore`, run as an operator runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
POSTGRES = os.environ.get("DATABASE_URL", "")

# Posts one at a time, each with a topic and a document, each in one transaction,
# until told to stop; as an editor would while the backup runs.
WRITER = """
import itertools, pathlib, sys
from django.core.files.base import ContentFile
from django.db import transaction
from bulletin.posts.models import Attachment, Post, Status, Topic
from django.utils import timezone
stop = pathlib.Path(sys.argv[1])
topic = Topic.objects.create(name="Concurrency")
for n in itertools.count(1):
    if stop.exists():
        break
    with transaction.atomic():
        post = Post.objects.create(
            title=f"Written during the backup {n}", summary="s", body="<p>b</p>",
            status=Status.PUBLISHED, published_at=timezone.now(),
        )
        post.topics.add(topic)
        item = Attachment(post=post, title="Data", filename=f"data-{n}.pdf",
                          content_type="application/pdf", size=9)
        item.file.save(f"data-{n}.pdf", ContentFile(b"%PDF-1.4\\n"), save=False)
        item.save()
    print(n, flush=True)
"""


def site_env(data_dir: Path, database_url: str = "") -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(BULLETIN_DATA_DIR=str(data_dir), BULLETIN_SECRET_KEY="backup-test")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def bulletin(*args: str, env: dict[str, str], check: bool = True):
    return subprocess.run(
        [BULLETIN, *args], env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def two_sites(request, tmp_path):
    """A source site and an empty one to restore into, on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        yield site_env(tmp_path / "source"), site_env(tmp_path / "restored")
        return
    if not POSTGRES:
        pytest.skip("the PostgreSQL run of the suite sets DATABASE_URL")
    import psycopg

    server = POSTGRES.rsplit("/", 1)[0]
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst")]
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            site_env(tmp_path / "source", f"{server}/{names[0]}"),
            site_env(tmp_path / "restored", f"{server}/{names[1]}"),
        )
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_taken_during_writes_restores_the_site_as_it_was_then(
    two_sites, tmp_path
):
    source, restored = two_sites
    bulletin("migrate", "-v0", env=source)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [
            BULLETIN,
            "shell",
            "-v0",
            "-c",
            WRITER.replace("sys.argv[1]", repr(str(stop))),
        ],
        env=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        written = 0
        while written < 5:  # writes are well under way
            line = writer.stdout.readline()
            assert line, writer.stderr.read()
            written = int(line)
        backup = tmp_path / "site.tar.gz"
        bulletin("backup", str(backup), env=source)
        time.sleep(1)  # and carry on after it
    finally:
        stop.touch()
        writer.communicate(timeout=60)
    assert writer.returncode == 0

    assert (
        "a whole backup"
        in bulletin("backup", "--verify", str(backup), env=source).stdout
    )
    bulletin("restore", str(backup), env=restored)

    after = bulletin("dump", env=source).stdout.splitlines()
    then = bulletin("dump", env=restored).stdout.splitlines()
    # The restored site is the source as it was at one moment: the posts written
    # before it, each whole (topic and document included), and none after.
    assert 5 <= len(then) < len(after)
    assert then == after[: len(then)]
    # Each line carries its document's bytes, read from the restored media folder.
    assert all('"data_base64": "JVBERi0xLjQK"' in line for line in then)


def test_verify_names_a_damaged_or_foreign_file(tmp_path):
    env = site_env(tmp_path / "site")
    bulletin("migrate", "-v0", env=env)
    backup = tmp_path / "site.tar.gz"
    bulletin("backup", str(backup), env=env)

    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    result = bulletin("backup", "--verify", str(damaged), env=env, check=False)
    assert result.returncode == 1 and "damaged" in result.stderr

    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a backup")
    result = bulletin("backup", "--verify", str(foreign), env=env, check=False)
    assert result.returncode == 1 and "not a backup file" in result.stderr

    # An existing file is never overwritten.
    result = bulletin("backup", str(backup), env=env, check=False)
    assert result.returncode == 1 and "exists" in result.stderr


def test_restore_refuses_a_site_that_already_has_data(tmp_path):
    env = site_env(tmp_path / "site")
    bulletin("migrate", "-v0", env=env)
    backup = tmp_path / "site.tar.gz"
    bulletin("backup", str(backup), env=env)
    result = bulletin("restore", str(backup), env=env, check=False)
    assert result.returncode == 1 and "empty data directory" in result.stderr


def test_the_job_runner_takes_backups_on_schedule_and_keeps_the_newest(tmp_path):
    env = site_env(tmp_path / "site")
    bulletin("migrate", "-v0", env=env)
    folder = tmp_path / "backups"
    folder.mkdir()
    # Three earlier backups, years old: a new one is due.
    for day in (4, 3, 2):
        (folder / f"bulletin-202001{day:02d}T000000Z.tar.gz").write_bytes(b"old")
    (folder / "notes.txt").write_text("not ours, left alone")
    env.update(
        BULLETIN_BACKUP_DIR=str(folder),
        BULLETIN_BACKUP_KEEP="2",
        BULLETIN_BACKUP_INTERVAL_HOURS="24",
    )
    runner = subprocess.Popen(
        [BULLETIN, "worker", "--interval", "0.3"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            names = sorted(p.name for p in folder.glob("bulletin-*.tar.gz"))
            if len(names) == 2 and not names[-1].startswith("bulletin-2020"):
                break
            time.sleep(0.3)
        time.sleep(2)  # several more rounds: none takes another backup
        names = sorted(p.name for p in folder.glob("bulletin-*.tar.gz"))
    finally:
        runner.terminate()
        runner.wait(timeout=30)
    assert len(names) == 2, names
    assert names[0] == "bulletin-20200104T000000Z.tar.gz"  # the newest old one
    assert (folder / "notes.txt").exists()
    verified = bulletin("backup", "--verify", str(folder / names[1]), env=env)
    assert "a whole backup" in verified.stdout


def test_a_retention_of_nothing_is_refused(tmp_path):
    env = site_env(tmp_path / "site")
    env["BULLETIN_BACKUP_KEEP"] = "0"
    result = bulletin("check", env=env, check=False)
    assert result.returncode == 1 and "BULLETIN_BACKUP_KEEP" in result.stderr
