"""One backup file: the database as of one moment, and the uploaded files.

A backup is a gzipped tar with `manifest.json` first, then the database in one of
three forms, then `media/`:

- SQLite: `database.sqlite3`, copied with SQLite's online backup API, so writers
  carry on while it runs and the copy is one consistent state;
- PostgreSQL with `pg_dump` on the PATH: `database.pgdump` (custom format, one
  snapshot);
- PostgreSQL without it: `posts.jsonl`, the interchange format read in one
  repeatable-read transaction (posts, topics and documents; not accounts).

The database is copied before the media: an upload's file is written before its row,
so every file the copied rows name is already on disk when the media are read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from bulletin.posts import clock
from bulletin.posts.interchange import dump

FORMAT = 1
SQLITE, PG_DUMP, INTERCHANGE = "database.sqlite3", "database.pgdump", "posts.jsonl"


class BackupError(Exception):
    """A backup that cannot be made, checked or restored; the message says why."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    database: str
    files: dict[str, str]  # member name -> sha256

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "bulletin": metadata.version("bulletin"),
            "created_at": self.created_at,
            "database": self.database,
            "files": self.files,
        }
        return json.dumps(data, indent=1, sort_keys=True).encode()


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    return connections[DEFAULT_DB_ALIAS].vendor


def _copy_database(work: Path) -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite":
        source = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
        target = sqlite3.connect(str(work / SQLITE))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return SQLITE
    if connection.vendor == "postgresql" and shutil.which("pg_dump"):
        command, env = pg_command(
            "pg_dump", "--format=custom", "--no-owner", "--file", str(work / PG_DUMP)
        )
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return PG_DUMP
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with (work / INTERCHANGE).open("w", encoding="utf-8") as stream:
            dump(stream)
    return INTERCHANGE


def pg_command(program: str, *args: str) -> tuple[list[str], dict[str, str]]:
    """A libpq program's command line and environment for the site's database."""
    config = connections[DEFAULT_DB_ALIAS].settings_dict
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    command = [program, *args, "--dbname", str(config["NAME"])]
    if config.get("HOST"):
        command += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        command += ["--port", str(config["PORT"])]
    if config.get("USER"):
        command += ["--username", str(config["USER"])]
    return command, env


def make_backup(target: Path) -> Manifest:
    """Write a backup of the running site to `target` (atomically: whole or absent)."""
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as tmp:
        work = Path(tmp)
        database = _copy_database(work)
        files = {database: _digest(work / database)}
        media = Path(settings.MEDIA_ROOT)
        partial = work / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            members: list[tuple[str, Path]] = [(database, work / database)]
            if media.is_dir():
                for path in sorted(media.rglob("*")):
                    if path.is_file():
                        name = "media/" + path.relative_to(media).as_posix()
                        files[name] = _digest(path)
                        members.append((name, path))
            manifest = Manifest(
                created_at=clock.now().isoformat(), database=database, files=files
            )
            data = manifest.to_json()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(work / database, arcname=database, recursive=False)
            for name, path in members[1:]:
                _add_file(tar, name, path)
        os.replace(partial, target)
    return manifest


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> None:
    with path.open("rb") as handle:
        info = tar.gettarinfo(arcname=name, fileobj=handle)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        tar.addfile(info, handle)
