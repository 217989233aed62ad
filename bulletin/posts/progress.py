"""A progress line for long commands (seed, load, reindex), shown only on a terminal.

A log file or a pipe gets nothing but the command's closing line; a person at a
terminal sees how far the work is and how fast it goes, on one line rewritten in
place.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressLine:
    """Call with the number done so far; `done()` ends the line."""

    def __init__(
        self, label: str, total: int | None = None, stream: TextIO | None = None
    ) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, count: int) -> None:
        now = time.monotonic()
        if not self.shown or (now - self.last < 0.2 and count != self.total):
            return
        self.last = now
        rate = count / max(now - self.started, 1e-6)
        of = f" of {self.total:,}" if self.total else ""
        self.stream.write(f"\r{self.label}: {count:,}{of} ({rate:,.0f}/s)\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
