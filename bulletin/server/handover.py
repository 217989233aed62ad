"""Granian's workers handing over without dropping a reader (SIGHUP, SIGTERM).

On Linux Granian 2.8 gives each worker a listening socket of its own (SO_REUSEPORT),
and a worker told to stop closes, as it stops, the connections it has accepted but
not yet read a request from. Under load a reload then loses a request or two per
old worker (`RemoteDisconnected` at the client), and the connections waiting in the
closed socket's queue are reset: tests/server/test_serve_lifecycle.py caught both.

Two changes make the handover clean, as gunicorn's is:

- One listening socket, opened by the master and inherited by every worker (the
  path Granian takes where SO_REUSEPORT is missing). Connections wait in one queue
  that outlives any worker, so a replaced worker leaves nothing behind in it.
- A worker told to stop first stops accepting (its descriptors of that socket are
  pointed at a private, empty one), then gives the connections it took a moment to
  send their request, and only then starts Granian's own graceful stop, which
  finishes every request under way.

Both reach into Granian's internals (the server's socket set-up and the worker's
signal set-up), so the version is pinned to the 2.8 series in pyproject.toml, and
the lifecycle test fails if a release changes them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import threading
from collections.abc import Iterator
from typing import Any

# How long a stopping worker waits, after it stopped accepting, before it stops
# reading: a connection accepted just before has sent its request well within it.
DRAIN_SECONDS = 1.0
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def server_class() -> type:
    """Granian's process server, listening on one socket all its workers share."""
    from granian.net import SocketSpec
    from granian.server import Server

    class SharedSocketServer(Server):
        def _init_shared_socket(self) -> None:
            self._shd = SocketSpec(self.bind_addr, self.bind_port, self.backlog).build()
            self._sfd = self._shd.get_fd()
            self._ssp = None
            self._sso = socket.socket(fileno=self._sfd)
            self._sso.set_inheritable(True)

    return SharedSocketServer


def drain_before_stopping() -> None:
    """In a worker, before Granian sets its signals: make a stop drain first."""
    import granian._signals

    granian_signals = granian._signals.set_sync_signals

    def set_sync_signals() -> Any:
        stopped = granian_signals()

        def stop(signum: int, frame: Any) -> None:
            # If that fails it accepts until Granian stops it, as Granian alone does.
            with contextlib.suppress(OSError):
                stop_accepting()
            threading.Timer(DRAIN_SECONDS, stopped.set).start()

        for number in STOPPING_SIGNALS:
            signal.signal(number, stop)
        return stopped

    granian._signals.set_sync_signals = set_sync_signals


def stop_accepting() -> None:
    """Point this process's listening descriptors at an empty socket of its own.

    The shared socket stays open for the other workers and its queue is untouched;
    this process's event loop, still watching it, finds nothing to accept.
    """
    for fd, family in listening_descriptors():
        empty = socket.socket(family, socket.SOCK_STREAM)
        empty.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
        empty.listen(1)
        empty.setblocking(False)
        os.dup2(empty.fileno(), fd)
        empty.close()


def listening_descriptors() -> Iterator[tuple[int, int]]:
    """(descriptor, address family) of each listening TCP socket this process holds."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            probe = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue  # the listing's own descriptor, gone by now
        with probe:
            listening = probe.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
            if listening and probe.family in (socket.AF_INET, socket.AF_INET6):
                yield fd, probe.family
