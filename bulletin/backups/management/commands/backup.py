from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bulletin.backups.archive import BackupError, make_backup
from bulletin.backups.restoring import verify as verify_backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the running site (database and uploaded files) "
        "to FILE; with --verify, check FILE instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--verify", action="store_true", help="Check an existing backup file."
        )

    def handle(self, *args, file: str, verify: bool, **options) -> None:
        path = Path(file)
        try:
            if verify:
                manifest = verify_backup(path)
                self.stdout.write(
                    f"{path}: a whole backup of {manifest['created_at']} "
                    f"({manifest['database']}, {len(manifest['files'])} files)."
                )
                return
            if path.exists():
                raise CommandError(f"{path} exists; choose a new file name")
            manifest = make_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stdout.write(
            f"Backed up to {path} ({manifest.database}, {len(manifest.files)} files)."
        )
