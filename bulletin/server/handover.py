"""Granian's workers handing over without dropping a new connection (SIGHUP, SIGTERM).

On Linux Granian 2.8 gives each worker a listening socket of its own (SO_REUSEPORT),
and a worker told to stop closes, as it stops, the connections it has accepted but
not yet read a request from. Under load a reload then lost one to seven requests
(`RemoteDisconnected` at the client): tests/server/test_serve_lifecycle.py caught it.

Two changes make the handover clean:

- One listening socket, opened by the master and inherited by every worker (the
  path Granian itself takes off Linux). Connections wait in one queue that outlives
  any worker, so a replaced worker leaves nothing behind in it.
- A worker told to stop first stops accepting (its descriptors of that socket are
  pointed at a private, empty one), then gives the connections it took a moment to
  send their request, and only then starts Granian's own graceful stop, which
  finishes every request under way. An idle keep-alive connection is closed then,
  as HTTP allows: a client reusing one sends its request again on a new connection.
- The stop starts from whichever thread took the signal (`watch_for_signals`), not
  only from the main thread, which may sleep through it.

Both reach into Granian's internals (the server's socket set-up and the worker's
signal set-up), so the version is pinned to 2.8.9 in pyproject.toml; the lifecycle
test checks that the workers share one listening socket and that a reload under
load drops nothing.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from typing import Any

# How long a stopping worker waits, after it stopped accepting, before it stops
# reading: a connection accepted just before has sent its request well within it.
DRAIN_SECONDS = 1.0
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)
logger = logging.getLogger(__name__)
# The shared socket (device, inode), known in workers forked from the master: only its
# descriptors are pointed away, not a socket the application opened itself.
_shared: tuple[int, int] | None = None


def server_class() -> type:
    """Granian's process server, listening on one socket all its workers share."""
    from granian.net import SocketSpec
    from granian.server.mp import MPServer  # processes, also on free-threaded builds

    class SharedSocketServer(MPServer):
        def _init_shared_socket(self) -> None:
            global _shared
            self._shd = SocketSpec(self.bind_addr, self.bind_port, self.backlog).build()
            self._sfd = self._shd.get_fd()
            self._ssp = None
            self._sso = socket.socket(fileno=self._sfd)
            self._sso.set_inheritable(True)
            held = os.fstat(self._sfd)
            _shared = (held.st_dev, held.st_ino)

    return SharedSocketServer


def drain_before_stopping() -> None:
    """In a worker, before Granian sets its signals: make a stop drain first."""
    import granian._signals

    granian_signals = granian._signals.set_sync_signals

    def set_sync_signals() -> Any:
        stopped = granian_signals()
        stopping = threading.Lock()  # taken by the first stop, never given back

        def stop(signum: int, frame: Any) -> None:
            if not stopping.acquire(blocking=False):
                return  # a second signal: the drain under way ends as planned
            try:
                stop_accepting()
            except OSError:
                # It then accepts until Granian stops it, as Granian alone does.
                logger.warning("a stopping worker could not stop accepting first")
            timer = threading.Timer(DRAIN_SECONDS, stopped.set)
            timer.daemon = True
            timer.start()

        for number in STOPPING_SIGNALS:
            signal.signal(number, stop)
        watch_for_signals(stop)
        return stopped

    granian._signals.set_sync_signals = set_sync_signals


def watch_for_signals(stop: Callable[[int, Any], None]) -> None:
    """Run `stop` as soon as a stopping signal arrives, from a thread of its own.

    Python runs a signal's handler in the main thread, and a worker's main thread
    sleeps in an untimed wait: a signal the kernel hands to one of Granian's own
    threads (as when Ctrl-C reaches master and workers at once) left the handler
    waiting until the master killed the worker 10 s later. The signal's number is
    also written to a wakeup descriptor from whichever thread took it; this thread
    reads it. The main thread's handler, when it runs, finds the stop under way.
    """
    reader, writer = os.pipe()
    os.set_blocking(writer, False)
    signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
    numbers = {int(number) for number in STOPPING_SIGNALS}

    def watch() -> None:
        while True:
            taken = os.read(reader, 64)
            if not taken:
                return
            if numbers.intersection(taken):
                stop(signal.SIGTERM, None)

    threading.Thread(target=watch, name="stop-signals", daemon=True).start()


def stop_accepting() -> None:
    """Point this process's listening descriptors at an empty socket of its own.

    The shared socket stays open for the other workers and its queue is untouched;
    this process's event loop, still watching it, finds nothing to accept.
    """
    for fd in listening_descriptors():
        # IPv4 loopback whatever the shared socket's family: a host without IPv6
        # loopback can still listen on "::".
        empty = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        empty.bind(("127.0.0.1", 0))
        empty.listen(1)
        empty.setblocking(False)
        os.dup2(empty.fileno(), fd)
        empty.close()


def listening_descriptors() -> Iterator[int]:
    """This process's descriptors of the shared socket; where it is not known (a
    worker spawned rather than forked), of every listening TCP socket."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:
            held = os.fstat(fd)
            if not stat.S_ISSOCK(held.st_mode):
                continue
            if _shared is not None and (held.st_dev, held.st_ino) != _shared:
                continue
            probe = socket.socket(fileno=os.dup(fd))
        except OSError:
            continue  # the listing's own descriptor, gone by now
        with probe:
            listening = probe.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
            if listening and probe.family in (socket.AF_INET, socket.AF_INET6):
                yield fd
