from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bulletin.backups.restoring import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup FILE into this site's empty data directory (or database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            manifest = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} ({manifest['database']})."
        )
