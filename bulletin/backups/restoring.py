"""Check a backup file, and restore one into an empty site."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from functools import partial
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError, ProgrammingError

from bulletin.backups.archive import (
    FORMAT,
    INTERCHANGE,
    PG_DUMP,
    SQLITE,
    BackupError,
    pg_command,
)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember("manifest.json")
        manifest = json.loads(tar.extractfile(member).read())
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("Not a Bulletin backup: no readable manifest.json") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    if manifest.get("database") not in (SQLITE, PG_DUMP, INTERCHANGE):
        raise BackupError("The manifest names no database copy")
    return manifest


def _open(file: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(file, "r:gz")
    except FileNotFoundError as error:
        raise BackupError(f"{file} does not exist") from error
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{file} is not a backup file: {error}") from error


def verify(file: Path) -> dict:
    """Every member is present and whole, and the database copy opens; or BackupError."""
    with _open(file) as tar, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(tar)
        expected = dict(manifest["files"])
        try:
            for member in tar:
                if member.name == "manifest.json":
                    continue
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(f"Unexpected member {member.name!r}")
                if member.name not in expected:
                    raise BackupError(f"{member.name} is not in the manifest")
                digest = hashlib.sha256()
                handle = tar.extractfile(member)
                keep = member.name == manifest["database"]
                out = open(Path(tmp) / "database", "wb") if keep else None  # noqa: SIM115
                for block in iter(partial(handle.read, 1 << 20), b""):
                    digest.update(block)
                    if out:
                        out.write(block)
                if out:
                    out.close()
                if digest.hexdigest() != expected.pop(member.name):
                    raise BackupError(f"{member.name} is damaged (checksum differs)")
        except (tarfile.TarError, OSError, EOFError, ValueError) as error:
            raise BackupError(f"The backup is damaged: {error}") from error
        if expected:
            raise BackupError(f"Missing from the backup: {', '.join(sorted(expected))}")
        _check_database(Path(tmp) / "database", manifest["database"])
    return manifest


def _check_database(path: Path, kind: str) -> None:
    if kind == SQLITE:
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                (result,) = db.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"The database copy does not open: {error}") from error
        if result != "ok":
            raise BackupError(f"The database copy is damaged: {result}")
    elif kind == PG_DUMP and shutil.which("pg_restore"):
        result = subprocess.run(
            ["pg_restore", "--list", str(path)], capture_output=True, text=True
        )
        if result.returncode:
            raise BackupError(f"pg_restore cannot read the dump: {result.stderr}")
    elif kind == INTERCHANGE:
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    json.loads(line)
                except ValueError as error:
                    raise BackupError(
                        f"posts.jsonl line {number} is not JSON"
                    ) from error


def _site_is_empty() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        if not name.exists():
            return True
        with sqlite3.connect(f"file:{name}?mode=ro", uri=True) as db:
            return not db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    try:
        return not connection.introspection.table_names()
    except (OperationalError, ProgrammingError):
        return False


def restore(file: Path) -> dict:
    """Restore a checked backup into this site, which must have no database yet."""
    manifest = verify(file)
    if not _site_is_empty():
        raise BackupError(
            "The site already has a database: restore into an empty data directory "
            "(or an empty PostgreSQL database)"
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"{media} is not empty")
    kind = manifest["database"]
    connection = connections[DEFAULT_DB_ALIAS]
    with _open(file) as tar, tempfile.TemporaryDirectory() as tmp:
        for member in tar:
            if member.name.startswith("media/"):
                destination = media / member.name.removeprefix("media/")
                destination.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
            elif member.name == kind:
                tar.extract(member, tmp, filter="data")
        copy = Path(tmp) / kind
        connection.close()
        if kind == SQLITE and connection.vendor == "sqlite":
            shutil.copyfile(copy, connection.settings_dict["NAME"])
        elif kind == PG_DUMP and connection.vendor == "postgresql":
            command, env = pg_command(
                "pg_restore", "--no-owner", "--exit-on-error", str(copy)
            )
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        elif kind == INTERCHANGE:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("load", str(copy), verbosity=0)
        else:
            raise BackupError(
                f"A {kind} backup cannot be restored into {connection.vendor}"
            )
    # A backup from an older release gets this release's migrations.
    call_command("migrate", interactive=False, verbosity=0)
    return manifest
