"""`bulletin import wordpress|feed|pages`: move another site's news into Bulletin."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bulletin.imports import feeds, pages, wordpress
from bulletin.imports.items import Item, Skip, site_language
from bulletin.imports.report import Report
from bulletin.imports.writing import Options, write_all
from bulletin.posts.models import Kind

KINDS = {"news": Kind.NEWS, "notice": Kind.NOTICE, "notices": Kind.NOTICE}


def _common(parser: CommandParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="Show what would happen; write nothing."
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="Also replace posts edited on this site since the last import.",
    )
    parser.add_argument(
        "--language",
        default="",
        choices=["", *dict(settings.LANGUAGES)],
        help="Language of the posts (default: the source's, else the site's).",
    )
    parser.add_argument(
        "--report",
        default="",
        help="Where to write the JSON report (default: DATA_DIR/imports/).",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="Seconds allowed for each download."
    )
    parser.add_argument(
        "--no-download",
        action="store_true",
        help="Do not download files; use only local ones.",
    )


class Command(BaseCommand):
    help = "Import posts from a WordPress export, a feed, or the pages of an existing board."

    def add_arguments(self, parser: CommandParser) -> None:
        sources = parser.add_subparsers(dest="source", required=True)
        wp = sources.add_parser("wordpress", help="A WordPress export file (WXR).")
        wp.add_argument("file")
        wp.add_argument("--uploads", default="", help="A copy of wp-content/uploads.")
        wp.add_argument(
            "--kind",
            action="append",
            default=[],
            metavar="CATEGORY=KIND",
            help='Posts in a category become this kind, e.g. "Notices=notice".',
        )
        wp.add_argument(
            "--sticky-as",
            choices=["notice", "news"],
            default="notice",
            help="Sticky posts become pinned notices (default) or stay news.",
        )
        wp.add_argument(
            "--pin-days",
            type=int,
            default=90,
            help="How long a sticky post stays pinned.",
        )
        wp.add_argument(
            "--include-pages", action="store_true", help="Import pages as news too."
        )
        _common(wp)
        feed = sources.add_parser(
            "feed", help="An RSS, Atom or JSON Feed, address or file."
        )
        feed.add_argument("address")
        feed.add_argument(
            "--max-pages",
            type=int,
            default=1000,
            help="Archive pages to follow at most.",
        )
        _common(feed)
        board = sources.add_parser(
            "pages",
            help="A board's pages: a start address or a folder of saved .html files.",
        )
        board.add_argument("address")
        board.add_argument(
            "--follow",
            action="store_true",
            help="Walk the list's pages and the posts' Prev/Next links.",
        )
        board.add_argument(
            "--delay",
            type=float,
            default=1.0,
            help="Seconds between requests (robots.txt may ask for more).",
        )
        board.add_argument(
            "--max-pages",
            type=int,
            default=500,
            help="Pages to fetch at most in this run.",
        )
        board.add_argument(
            "--restart",
            action="store_true",
            help="Start the crawl again instead of resuming.",
        )
        board.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="XPATH",
            help="Also leave out what this XPath matches.",
        )
        board.add_argument(
            "--base-url", default="", help="The old address of a folder of saved pages."
        )
        _common(board)

    def handle(self, *args, source: str, **options) -> None:
        write_options = Options(
            dry_run=options["dry_run"],
            overwrite=options["overwrite"],
            language=options["language"],
            download=not options["no_download"],
            timeout=options["timeout"],
            pin_days=options.get("pin_days", 90),
        )
        if source == "wordpress":
            report, items = self._wordpress(options, write_options)
        elif source == "feed":
            report, items = self._feed(options, write_options)
        else:
            report, items = self._pages(options, write_options)
        report.dry_run = write_options.dry_run
        self._run(items, write_options, report)
        path = report.save(Path(options["report"]) if options["report"] else None)
        self._print(report, path)
        failed = report.counts()["failed"]
        if failed:
            raise CommandError(
                f"{failed} item(s) could not be imported; the others were. See {path}."
            )

    def _wordpress(self, options: dict, write_options: Options):
        kinds = {}
        for pair in options["kind"]:
            name, _, kind = pair.rpartition("=")
            if not name or kind.lower() not in KINDS:
                raise CommandError(
                    f'--kind takes CATEGORY=news or CATEGORY=notice, not "{pair}"'
                )
            kinds[name] = KINDS[kind.lower()]
        uploads = Path(options["uploads"]) if options["uploads"] else None
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads} is not a folder")
        write_options.uploads_dir = uploads
        mapping = wordpress.Mapping(
            kinds=kinds,
            sticky_as=options["sticky_as"],
            include_pages=options["include_pages"],
        )
        try:
            export = wordpress.read(Path(options["file"]), mapping)
        except wordpress.ExportError as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        report = Report("wordpress", options["file"])
        report.counters.update(export.counts)
        for name, n in sorted(export.unknown_shortcodes.items()):
            report.problem(f"unknown shortcode [{name}] unwrapped in {n} place(s)")
        return report, export.items

    def _feed(self, options: dict, write_options: Options):
        try:
            found = feeds.pages(
                options["address"],
                max_pages=options["max_pages"],
                timeout=options["timeout"],
            )
        except feeds.FeedError as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        language = options["language"] or site_language(found[0].language)
        report = Report("feed", options["address"])
        report.counters["feed pages read"] = len(found)
        return report, list(feeds.items(found, language))

    def _pages(self, options: dict, write_options: Options):
        address = options["address"]
        page_options = pages.Options(
            excludes=options["exclude"],
            language=write_options.language,
            timeout=options["timeout"],
        )
        report = Report("pages", address)
        if urlsplit(address).scheme in ("http", "https"):
            if options["follow"]:
                crawl = pages.Crawl(
                    address,
                    page_options,
                    delay=options["delay"],
                    max_pages=options["max_pages"],
                    restart=options["restart"],
                    persist=not write_options.dry_run,
                )
                return report, crawl.pages()
            return report, [pages.extract_url(address, page_options)]
        directory = Path(address)
        if not directory.is_dir():
            raise CommandError(f"{address} is neither an http(s) address nor a folder")
        return report, list(pages.folder(directory, page_options, options["base_url"]))

    def _run(
        self, items: Iterable[Item | Skip], write_options: Options, report: Report
    ) -> None:
        total = len(items) if isinstance(items, list) else None
        if not sys.stderr.isatty():
            write_all(items, write_options, report)
            return
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[title]}"),
        ]
        with Progress(
            *columns, console=Console(stderr=True), transient=True
        ) as progress:
            task = progress.add_task("Importing", total=total, title="")

            def advance(title: str) -> None:
                progress.update(task, advance=1, title=title[:60])

            write_all(items, write_options, report, advance)

    def _print(self, report: Report, path: Path) -> None:
        verb = "would be " if report.dry_run else ""
        for entry in report.entries:
            if report.dry_run or entry.outcome in ("failed", "skipped"):
                why = f" — {entry.reason}" if entry.reason else ""
                self.stdout.write(
                    f"{verb}{entry.outcome}: {entry.title} [{entry.source_id}]{why}"
                )
        for problem in report.problems:
            self.stderr.write(f"note: {problem}")
        for line in report.summary_lines():
            self.stdout.write(line)
        self.stdout.write(f"Report: {path}")
