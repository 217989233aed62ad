from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bulletin.posts.interchange import LoadError, load
from bulletin.posts.progress import ProgressLine


class Command(BaseCommand):
    help = (
        "Load posts from a JSON Lines file (or - for standard input). All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="Path of a .jsonl file, or - for standard input."
        )

    def handle(self, *args, file: str, **options) -> None:
        progress = ProgressLine("Loading posts")
        try:
            if file == "-":
                count = load(sys.stdin, progress=progress)
            else:
                with open(file, encoding="utf-8", newline="") as stream:
                    count = load(stream, progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text (byte {error.start})"
            ) from error
        except LoadError as error:
            progress.done()
            for line, why in error.problems:
                self.stderr.write(f"line {line}: {why}")
            raise CommandError(
                f"Nothing was loaded: {len(error.problems)} problem(s) in {file}."
            ) from error
        progress.done()
        self.stdout.write(f"Loaded {count} posts.")
