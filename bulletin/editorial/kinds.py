"""A form that fits the post: which fields each kind has, and the kind a form opens on.

Every kind has the common fields (title, summary, body, topics…); a notice adds its
pin and expiry, an event its zone, times, place and online link. The form shows
the fields of the chosen kind only, keeps what was typed in the others while the
writer changes their mind, and drops them when the post is saved as a kind that has
no such fields (the earlier version stays in the post's revisions).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bulletin.posts.models import STREAM_KINDS, Kind, Post

NOTICE_FIELDS = ("pinned_until", "expires_at")
EVENT_FIELDS = (
    "event_timezone",
    "event_start",
    "event_end",
    "event_location",
    "event_online_url",
)
# The fields only some kinds have, and the legend of their group in the form.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.NOTICE: NOTICE_FIELDS,
    Kind.EVENT: EVENT_FIELDS,
}
GROUP_LEGENDS = {
    Kind.NOTICE: _("Pinning and expiry (notices)"),
    Kind.EVENT: _("When and where (events)"),
}
# What each kind's choice says in the form; the lists keep the short names.
CHOICE_LABELS = {
    Kind.NEWS: _("News item"),
    Kind.NOTICE: _("Notice"),
    Kind.EVENT: _("Event"),
}
# What staff read for each field, in the form and wherever a change is shown
# (revisions, conflicts): plain words, never the column's name.
LABELS = {
    "kind": _("Kind of post"),
    "title": _("Title"),
    "slug": _("Web address"),
    "summary": _("Summary"),
    "body": _("Body"),
    "language": _("Language"),
    "topics": _("Topics"),
    "pinned_until": _("Pinned on top until"),
    "expires_at": _("Taken off the list at"),
    "event_timezone": _("Time zone of the event"),
    "event_start": _("Event start"),
    "event_end": _("Event end"),
    "event_location": _("Place"),
    "event_online_url": _("Online link"),
}
STREAM_KIND_VALUES = [value for value, _label in STREAM_KINDS]
# The zone select always holds a value, so it says nothing about what was typed.
ALWAYS_FILLED = {"event_timezone"}


def kind_specific_fields() -> list[str]:
    return [name for names in KIND_FIELDS.values() for name in names]


def fields_outside(kind: str) -> list[str]:
    """The kind-specific fields a post of `kind` does not have."""
    own = KIND_FIELDS.get(kind, ())
    return [name for name in kind_specific_fields() if name not in own]


def opening_kind(request: HttpRequest) -> str:
    """The kind a new post's form opens on.

    The one the link asked for ("New post" from the notices list carries
    ?kind=notice), else the kind of the last post this person started, else news.
    """
    asked = request.GET.get("kind", "")
    if asked in STREAM_KIND_VALUES:
        return asked
    last = (
        Post.objects.filter(author=request.user, kind__in=STREAM_KIND_VALUES)
        .order_by("-created_at", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    return last or Kind.NEWS
