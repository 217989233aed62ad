"""`bulletin redirects`: the old addresses as a map a web server can load."""

from __future__ import annotations

import csv

from django.core.management.base import BaseCommand, CommandParser
from django.utils.encoding import iri_to_uri

from bulletin.redirects.addresses import current_url, had_been_public
from bulletin.redirects.models import Redirect

GONE = "gone"


def _variants(old_path: str) -> list[str]:
    """The forms a server sees: with and without the trailing slash, unless a query."""
    uri = iri_to_uri(old_path)
    if "?" in uri or uri == "/":
        return [uri]
    return [uri, uri + "/"]


class Command(BaseCommand):
    help = (
        "List the old addresses that redirect (301) or are gone (410), as an nginx "
        "map, an Apache RewriteMap or CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=["nginx", "apache", "csv"], default="nginx"
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Prefix for the new addresses, e.g. https://news.example.org",
        )

    def handle(self, *args, format: str, base_url: str, **options) -> None:
        rows = []
        for redirect in Redirect.objects.select_related("post").iterator():
            post = redirect.post
            if post is None:
                target = GONE
            elif post.is_public() or had_been_public(post):
                target = base_url.rstrip("/") + iri_to_uri(current_url(post))
            else:
                continue  # not public yet: the site itself answers 404
            rows.extend((old, target) for old in _variants(redirect.old_path))
        if format == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["old", "new", "status"])
            for old, target in rows:
                writer.writerow(
                    [
                        old,
                        "" if target == GONE else target,
                        410 if target == GONE else 301,
                    ]
                )
            return
        if format == "nginx":
            self.stdout.write(
                "# map $request_uri $bulletin_old_address { include THIS_FILE; }\n"
                '# then: if ($bulletin_old_address = "gone") { return 410; }\n'
                "#       if ($bulletin_old_address) { return 301 $bulletin_old_address; }"
            )
            for old, target in rows:
                self.stdout.write(f'"{old}" "{target}";')
        else:
            self.stdout.write(
                "# RewriteMap bulletin txt:THIS_FILE  (value 'gone' means answer 410)"
            )
            for old, target in rows:
                self.stdout.write(f"{old} {target}")
