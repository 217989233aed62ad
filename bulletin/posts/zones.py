"""Time zones: which names are valid, and reading a wall-clock time in one of them.

An event happens at a time on the clock of the place it is held, so its start and
end are entered and shown in the event's own zone; every other date (publication,
pin, expiry) reads the site's clock (`BULLETIN_TIME_ZONE`). The names are the IANA
database's, from the one list `zoneinfo` knows, so a typo or a path never becomes a
zone.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _


@functools.cache
def time_zone_names() -> frozenset[str]:
    """Every IANA zone name this machine's database holds."""
    return frozenset(available_timezones())


def is_time_zone(name: str) -> bool:
    return name in time_zone_names()


def validate_time_zone(name: str) -> None:
    """Refuse anything but an IANA name: "Seoul", "Mars/Olympus", "../../etc/localtime"."""
    if name and not is_time_zone(name):
        raise ValidationError(
            _("“%(value)s” is not a time zone. Choose one from the list."),
            code="invalid_time_zone",
            params={"value": name},
        )


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def zone_named(name: str) -> ZoneInfo:
    """The zone called `name`, or the site's when the name is empty or unknown."""
    return ZoneInfo(name) if name and is_time_zone(name) else site_zone()


@functools.cache
def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The zones grouped by region ("Europe", "America"…), as a select shows them.

    Old aliases ("US/Eastern", "Japan") stay valid but are not offered; each region
    keeps its canonical "Region/City" names.
    """
    regions: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(time_zone_names()):
        region, _sep, place = name.partition("/")
        if not place or region in {"Etc", "SystemV", "US"} or not region.isalpha():
            continue
        regions.setdefault(region, []).append((name, place.replace("_", " ")))
    return [("UTC", [("UTC", "UTC")]), *sorted(regions.items())]


def wall_clock(value: datetime, zone: ZoneInfo) -> datetime:
    """The naive time `value` shows on the clock of `zone` (for a form to display)."""
    return value.astimezone(zone).replace(tzinfo=None)


def on_clock_of(value: datetime, zone: ZoneInfo) -> datetime:
    """The moment a naive wall-clock time in `zone` names.

    A time the clocks skip (02:30 on the night they go forward) names no moment and
    is refused; a time they pass twice means the first of the two.
    """
    moment = value.replace(tzinfo=zone, fold=0)
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        # 9999-12-31 23:59 in New York is in the year 10000 in UTC.
        raise ValidationError(
            _("%(time)s in %(zone)s is outside the calendar this site keeps."),
            code="out_of_range",
            params={"time": value.strftime("%Y-%m-%d %H:%M"), "zone": zone.key},
        ) from None
    if wall_clock(in_utc, zone) != value.replace(fold=0):
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks change then. "
                "Choose another time."
            ),
            code="nonexistent_time",
            params={"time": value.strftime("%Y-%m-%d %H:%M"), "zone": zone.key},
        )
    return moment


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time read as written, without a zone; the form decides which.

    Django's own field reads every time in the site's zone; an event's start and end
    are read in the zone chosen for the event, which only the whole form knows.
    """

    widget = DateTimeLocalInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if result is None:
            result = BaseTemporalField.to_python(self, value)
        return result

    def prepare_value(self, value):
        # Already on the event's clock (see EventTimesForm), not the site's.
        return value


class EventTimesForm(forms.ModelForm):
    """A post form whose event start and end are on the clock of the event's zone.

    The editorial form and the Django admin both build on it, so an event reads the
    same wherever it is edited.
    """

    EVENT_TIMES = ("event_start", "event_end")

    event_timezone = forms.ChoiceField(
        label=_("Time zone of the event"),
        choices=time_zone_choices,
        required=False,
        help_text=_(
            "Where the event is held. Its start and end are read on that clock."
        ),
    )
    event_start = WallClockDateTimeField(label=_("Event start"), required=False)
    event_end = WallClockDateTimeField(label=_("Event end"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.event_timezone
        if current and not any(
            current == name for _r, group in time_zone_choices() for name, _l in group
        ):
            # An old alias stays selectable on the post that has it.
            self.fields["event_timezone"].choices = [
                (current, current),
                *time_zone_choices(),
            ]
        self.initial["event_timezone"] = current or settings.TIME_ZONE
        zone = zone_named(current)
        for name in self.EVENT_TIMES:
            value = self.initial.get(name)
            if isinstance(value, datetime) and value.tzinfo is not None:
                self.initial[name] = wall_clock(value, zone)
            note = _("Time zone: the event's own, chosen above (now %(zone)s).") % {
                "zone": zone.key
            }
            self.fields[name].help_text = note

    def clean(self) -> dict:
        cleaned = super().clean()
        zone = zone_named(cleaned.get("event_timezone") or "")
        for name in self.EVENT_TIMES:
            value = cleaned.get(name)
            if isinstance(value, datetime) and value.tzinfo is None:
                try:
                    cleaned[name] = on_clock_of(value, zone)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
