from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from bulletin.posts import siteaddress
from bulletin.posts.statistics import refresh_planner_statistics
from bulletin.scheduling.worker import start_worker_process
from bulletin.server import warmup
from bulletin.server.runner import DEFAULT_SERVER, SERVERS, run, worker_class


class Command(BaseCommand):
    help = (
        "Serve the site with a production server (Granian, or gunicorn); applies "
        "pending migrations first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default=os.environ.get("BULLETIN_HOST", "127.0.0.1")
        )
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("BULLETIN_PORT", "8000"))
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("BULLETIN_WORKERS", "2")),
            help="Worker processes (each runs --threads threads).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("BULLETIN_THREADS", "2")),
            # Two, by measurement (docs/performance.md): one thread serves cached
            # pages fastest, but a slow page would then hold up every request behind
            # it; more threads only contend for the interpreter lock.
            help="Threads per worker process running the site's code.",
        )
        parser.add_argument(
            "--server",
            choices=SERVERS,
            default=os.environ.get("BULLETIN_SERVER", DEFAULT_SERVER),
            help="The HTTP server (gunicorn with --threads 1 runs its sync workers).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the job runner (run `bulletin worker` elsewhere).",
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="Do not apply pending migrations first.",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        workers: int,
        threads: int,
        server: str,
        **options,
    ) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        prepare_assets()
        refresh_planner_statistics()
        address = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        # Before the workers fork, so every one of them uses the same address.
        siteaddress.fix(address, "bulletin serve")
        self.stdout.write(
            f"Serving {settings.BULLETIN_SITE['name']} on {address}/ "
            f"({worker_class(server, threads)}, {workers} worker(s))"
        )
        # Lazy first-use work done once here, shared by the workers (closes its
        # database connections).
        warmup.warm()
        # Workers fork from this process: none may inherit its database connection.
        connections.close_all()
        worker = None if options["no_worker"] else start_worker_process()
        try:
            run(
                "bulletin.wsgi:application",
                server=server,
                host=host,
                port=port,
                workers=workers,
                threads=threads,
                access_log=bool(os.environ.get("BULLETIN_ACCESS_LOG")),
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)


def prepare_assets() -> None:
    """Collect static files when they changed: the server serves them itself.

    Under a lock beside the files, and only when the sources differ from what was
    collected last: a second server started on the same data directory (a restart
    that overlaps, or several app servers on one host) must neither collect into the
    folder at the same time nor rewrite it while the first one's workers read it.
    """
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / ".sources"
    with (root.parent / ".collectstatic.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sources = _static_sources()
        if stamp.exists() and stamp.read_text() == sources:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.write_text(sources)


def _static_sources() -> str:
    """A fingerprint of every static source file: its name, size and change time."""
    seen = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            info = os.stat(storage.path(path))
            seen.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return seen.hexdigest()
