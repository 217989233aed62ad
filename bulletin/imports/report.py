"""What a run did: counts, each item's outcome with its reason, and the file it is kept in."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from bulletin.posts import clock

OUTCOMES = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass
class Entry:
    outcome: str
    source_id: str
    title: str
    reason: str = ""
    post_url: str = ""


@dataclass
class Report:
    source: str
    origin: str
    dry_run: bool = False
    entries: list[Entry] = field(default_factory=list)
    # Things worth knowing that are not an item's outcome: files that could not be
    # had, unknown shortcodes, comments left behind.
    problems: list[str] = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)
    started_at: str = field(default_factory=lambda: clock.now().isoformat())

    def add(
        self, outcome: str, source_id: str, title: str, reason: str = "", url: str = ""
    ) -> None:
        assert outcome in OUTCOMES
        self.entries.append(Entry(outcome, source_id, title, reason, url))

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def counts(self) -> dict[str, int]:
        tally = Counter(entry.outcome for entry in self.entries)
        return {outcome: tally.get(outcome, 0) for outcome in OUTCOMES}

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "origin": self.origin,
            "dry_run": self.dry_run,
            "started_at": self.started_at,
            "finished_at": clock.now().isoformat(),
            "counts": self.counts(),
            "other_counts": dict(self.counters),
            "items": [entry.__dict__ for entry in self.entries],
            "problems": self.problems,
        }

    def save(self, path: Path | None = None) -> Path:
        """Write the report as JSON; by default under the data directory's imports/."""
        if path is None:
            folder = Path(settings.DATA_DIR) / "imports"
            folder.mkdir(parents=True, exist_ok=True)
            stamp = clock.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
            path = (
                folder
                / f"{stamp}-{self.source}{'-dry-run' if self.dry_run else ''}.json"
            )
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2))
        return path

    def summary_lines(self) -> list[str]:
        verb = "would be " if self.dry_run else ""
        counts = self.counts()
        lines = [
            ", ".join(f"{n} {verb}{outcome}" for outcome, n in counts.items()),
        ]
        lines.extend(f"{name}: {n}" for name, n in sorted(self.counters.items()))
        return lines
