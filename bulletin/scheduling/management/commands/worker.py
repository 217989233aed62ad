from __future__ import annotations

from django.core.management.base import BaseCommand

from bulletin.scheduling.worker import run_forever, run_once


class Command(BaseCommand):
    help = (
        "Run the job runner: publication and expiry side effects and other tasks. "
        "`bulletin serve` starts one; run this when the web server runs elsewhere."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds between checks for due work (default: 5).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do what is due now, then exit (for cron or a test).",
        )

    def handle(self, *, interval: float, once: bool, **options) -> None:
        if once:
            queued = run_once()
            self.stdout.write(f"Queued {queued} due moment(s); ran every ready task.")
            return
        run_forever(interval)
