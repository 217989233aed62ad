from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bulletin.posts.interchange import dump


class Command(BaseCommand):
    help = "Write every post as JSON Lines to FILE (default: standard output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-")

    def handle(self, *args, file: str, **options) -> None:
        if file == "-":
            count = dump(sys.stdout)
        else:
            try:
                with open(file, "w", encoding="utf-8") as stream:
                    count = dump(stream)
            except OSError as error:
                raise CommandError(f"Cannot write {file}: {error.strerror}") from error
        self.stderr.write(f"Dumped {count} posts.")
