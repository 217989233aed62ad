"""The HTTP server under `bulletin serve`: Granian by default, gunicorn on request.

Chosen by measurement (`bench/throughput.py`, docs/performance.md): under the same
worker count, Granian's HTTP handling (in Rust) leaves the Python threads only the
application's own work, which multiplies what a cached page costs to serve; gunicorn
stays available (`--server gunicorn`, sync with one thread, gthread with more).

Both are given the same settings: the workers fork from a process that has already
imported the application (its memory pages are shared copy-on-write), a stopping
signal (SIGTERM, SIGINT) lets the requests under way finish, and SIGHUP replaces the
workers without closing the listening socket or dropping a new connection (for
Granian, see `handover`). The benchmark runs its hello-world reference through
`run()` too, so both meet the same server.
"""

from __future__ import annotations

import gc
import importlib
import logging
from types import SimpleNamespace
from typing import Any

from bulletin.server import handover

SERVERS = ("granian", "gunicorn")
DEFAULT_SERVER = "granian"
GRACEFUL_SECONDS = 10
REQUEST_TIMEOUT = 60  # gunicorn only: a worker silent that long is replaced


def load(target: str) -> Any:
    """The WSGI application named by "module:attribute" (imported once per process)."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name or "application")


def worker_class(server: str, threads: int) -> str:
    """What a (server, threads) pair runs as, for messages and the benchmark."""
    if server == "granian":
        return f"granian, {threads} thread(s) per worker"
    return "gunicorn gthread" if threads > 1 else "gunicorn sync"


def run(
    target: str,
    *,
    server: str = DEFAULT_SERVER,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    threads: int = 2,
    access_log: bool = False,
) -> None:
    """Serve `target` until a stopping signal; returns once the workers are gone."""
    if server not in SERVERS:
        raise ValueError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")
    # Preload: the workers fork from here with the application already imported.
    load(target)
    # And out of the collector's sight: a worker's collections would otherwise write
    # to every inherited object and copy the pages they share with this process.
    gc.collect()
    gc.freeze()
    if server == "gunicorn":
        _gunicorn(target, host, port, max(1, workers), max(1, threads), access_log)
    else:
        _granian(target, host, port, max(1, workers), max(1, threads), access_log)


def _granian(
    target: str, host: str, port: int, workers: int, threads: int, access_log: bool
) -> None:
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    handover.server_class()(
        target,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        http=HTTPModes.http1,
        websockets=False,
        log_level=LogLevels.warning,
        log_access=access_log,
        respawn_failed_workers=True,
        workers_kill_timeout=GRACEFUL_SECONDS,
    ).serve(target_loader=_granian_loader, wrap_loader=True)


def _granian_loader(target: str) -> Any:
    """In a worker: the application (forked after `run()` imported it, so loaded).

    Granian starts every WSGI environ from a copy of the process environment, as
    CGI did: `request.META` would then hold DATABASE_URL, the cache URL and the
    secret key, and Django's error reports (mailed to BULLETIN_ADMINS) hide only
    names that look secret. The wrapper that builds the environ is made right after
    this returns, from `granian.wsgi.os.environ`: it is given an empty one (the
    process environment itself stays as it is). Guarded by
    tests/server/test_serve_lifecycle.py.
    """
    import granian.wsgi

    granian.wsgi.os = SimpleNamespace(environ={})
    handover.drain_before_stopping()
    logging.getLogger("_granian").setLevel(logging.WARNING)
    return load(target)


def _gunicorn(
    target: str, host: str, port: int, workers: int, threads: int, access_log: bool
) -> None:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread" if threads > 1 else "sync",
                "accesslog": "-" if access_log else None,
                "errorlog": "-",
                "timeout": REQUEST_TIMEOUT,
                "graceful_timeout": GRACEFUL_SECONDS,
                "preload_app": True,
                "limit_request_line": 8190,
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return load(target)

    Application().run()
