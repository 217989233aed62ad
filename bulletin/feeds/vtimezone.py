"""VTIMEZONE components written as RFC 5545 rules, the form every client reads alike.

A list of past transitions (what icalendar's `add_missing_timezones()` writes) is
misapplied by some clients (vobject, ical.js put a summer event an hour late). The
zone's current rule is in its tz database file, as a POSIX TZ string such as
`CET-1CEST,M3.5.0,M10.5.0/3`; it becomes one STANDARD and one DAYLIGHT component,
each with a yearly RRULE.
"""

from __future__ import annotations

import contextlib
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_OFFSET = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
_NAME = r"<[^>]+>|[A-Za-z]{3,}"
_RULE = re.compile(
    rf"(?P<std>{_NAME})(?P<stdoff>{_OFFSET})"
    rf"(?:(?P<dst>{_NAME})(?P<dstoff>{_OFFSET})?"
    rf",M(?P<sm>\d+)\.(?P<sw>\d)\.(?P<sd>\d)(?:/(?P<st>{_OFFSET}))?"
    rf",M(?P<em>\d+)\.(?P<ew>\d)\.(?P<ed>\d)(?:/(?P<et>{_OFFSET}))?)?"
)
DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
BASE_YEAR = 1970


def _seconds(text: str | None, default: int) -> int:
    if text is None:
        return default
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


@dataclass(frozen=True)
class Change:
    month: int
    week: int  # 1–4, or 5 for the last
    weekday: int  # 0 = Sunday
    at: int  # seconds after local midnight

    def first(self) -> datetime:
        """The change in BASE_YEAR, on the local clock before it."""
        start = date(BASE_YEAR, self.month, 1)
        # Python's weekday(): Monday 0; POSIX: Sunday 0.
        shift = (self.weekday - (start.weekday() + 1) % 7) % 7
        day = start + timedelta(days=shift + 7 * (self.week - 1))
        if self.week == 5:
            while day.month != self.month:
                day -= timedelta(days=7)
            while (day + timedelta(days=7)).month == self.month:
                day += timedelta(days=7)
        return datetime.combine(day, datetime.min.time()) + timedelta(seconds=self.at)

    def rrule(self) -> dict:
        week = -1 if self.week == 5 else self.week
        return {
            "FREQ": "YEARLY",
            "BYMONTH": self.month,
            "BYDAY": f"{week}{DAYS[self.weekday]}",
        }


def posix_rule(key: str) -> str | None:
    """The POSIX TZ string at the end of the zone's TZif file, if one is found."""
    candidates = [Path(base, key) for base in zoneinfo.TZPATH]
    with contextlib.suppress(ModuleNotFoundError):
        candidates.append(
            Path(str(resources.files("tzdata").joinpath("zoneinfo", key)))
        )
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if data.startswith(b"TZif") and data.endswith(b"\n"):
            return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii", "replace")
    return None


def _component(kind, name: str, start: datetime, before: int, after: int, rule=None):
    part = kind()
    part.add("tzname", name.strip("<>"))
    part.add("dtstart", start)
    part.add("tzoffsetfrom", timedelta(seconds=before))
    part.add("tzoffsetto", timedelta(seconds=after))
    if rule:
        part.add("rrule", rule)
    return part


def vtimezone(key: str) -> Timezone | None:
    """The zone as rules, or None if its rule cannot be written that way."""
    text = posix_rule(key)
    match = _RULE.fullmatch(text or "")
    if match is None:
        return None
    # POSIX offsets count west of Greenwich; iCalendar's count east.
    std = -_seconds(match["stdoff"], 0)
    zone = Timezone()
    zone.add("tzid", key)
    if not match["dst"]:
        zone.add_component(
            _component(
                TimezoneStandard, match["std"], datetime(BASE_YEAR, 1, 1), std, std
            )
        )
        return zone
    dst = -_seconds(match["dstoff"], -(std + 3600))
    begins = Change(int(match["sm"]), int(match["sw"]), int(match["sd"]),
                    _seconds(match["st"], 7200))  # fmt: skip
    ends = Change(int(match["em"]), int(match["ew"]), int(match["ed"]),
                  _seconds(match["et"], 7200))  # fmt: skip
    if not all(0 <= change.at < 86400 for change in (begins, ends)):
        return None  # a change "at 25:00" has no yearly rule in iCalendar
    zone.add_component(
        _component(
            TimezoneDaylight, match["dst"], begins.first(), std, dst, begins.rrule()
        )
    )
    zone.add_component(
        _component(TimezoneStandard, match["std"], ends.first(), dst, std, ends.rrule())
    )
    return zone
