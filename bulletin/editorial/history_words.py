"""A post's history in plain words: "Scheduled for 5 Dec 09:00 by Bruno Costa"."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bulletin.accounts.profiles import display_name
from bulletin.editorial.models import Action, HistoryEntry

# Each step as a sentence; %(name)s is who did it, %(time)s when it was set for.
SENTENCES = {
    Action.CREATED: lambda: _("Created by %(name)s"),
    Action.SAVED: lambda: _("Saved by %(name)s"),
    Action.SUBMITTED: lambda: _("Submitted for review by %(name)s"),
    Action.RECALLED: lambda: _("Recalled from review by %(name)s"),
    Action.SENT_BACK: lambda: _("Sent back to the author by %(name)s"),
    Action.PUBLISHED: lambda: _("Published by %(name)s"),
    Action.SCHEDULED: lambda: _("Scheduled for %(time)s by %(name)s"),
    Action.WENT_LIVE: lambda: _("Went live as scheduled"),
    Action.EXPIRED: lambda: _("Left the list at its expiry time"),
    Action.UNSCHEDULED: lambda: _("Unscheduled by %(name)s"),
    Action.WITHDRAWN: lambda: _("Withdrawn by %(name)s"),
    Action.CHANGE_PREPARED: lambda: _("Change prepared by %(name)s"),
    Action.CHANGE_PUBLISHED: lambda: _("Change published by %(name)s"),
    Action.CHANGE_DISCARDED: lambda: _("Prepared change discarded by %(name)s"),
    Action.RESTORED: lambda: _("Earlier revision restored by %(name)s"),
}


def person(user) -> str:
    if user is None:
        return _("the system")
    return display_name(user)


def sentence(entry: HistoryEntry) -> str:
    template = SENTENCES.get(entry.action)
    if template is None:
        return f"{entry.get_action_display()} – {person(entry.actor)}"
    text = template()
    if entry.action == Action.SCHEDULED and entry.scheduled_for is None:
        text = _("Scheduled by %(name)s")
    when = ""
    if entry.scheduled_for is not None:
        when = formats.date_format(timezone.localtime(entry.scheduled_for), "j M H:i")
    return text % {"name": person(entry.actor), "time": when}
