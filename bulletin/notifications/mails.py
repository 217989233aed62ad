"""The words of each workflow e-mail, in the language asked for.

Rendered when the event happens, once per recipient, inside `translation.override`:
every piece that depends on the language (the words, the date, the post's public
address) is made for that person, whatever language the page or runner is in.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bulletin.accounts.profiles import display_name
from bulletin.notifications.models import Event
from bulletin.posts.models import Post
from bulletin.subscriptions.lists import absolute


def _words(event: str) -> tuple[str, str]:
    if event == Event.SUBMITTED:
        return (
            _("Ready for review: %(title)s"),
            _("%(who)s submitted “%(title)s” for review.\n\n%(url)s\n"),
        )
    if event == Event.SENT_BACK:
        return (
            _("Sent back: %(title)s"),
            _("%(who)s sent “%(title)s” back to you:\n\n%(comment)s\n\n%(url)s\n"),
        )
    if event == Event.APPROVED:
        return (
            _("Approved: %(title)s"),
            _("%(who)s approved “%(title)s”; it goes live at %(when)s.\n\n%(url)s\n"),
        )
    if event == Event.PUBLISHED:
        return (
            _("Published: %(title)s"),
            _(
                "%(who)s published “%(title)s”.\n\nOn the site: %(public)s\n"
                "In the back office: %(url)s\n"
            ),
        )
    if event == Event.WENT_LIVE:
        return (
            _("Live as scheduled: %(title)s"),
            _(
                "“%(title)s” went live as scheduled.\n\nOn the site: %(public)s\n"
                "In the back office: %(url)s\n"
            ),
        )
    return (
        _("Publication failed: %(title)s"),
        _(
            "The scheduled publication of “%(title)s” failed and was given up:"
            "\n\n%(comment)s\n\n%(url)s\n"
        ),
    )


def compose(
    event: str,
    post: Post,
    *,
    language: str,
    actor=None,
    comment: str = "",
    when: datetime | None = None,
) -> tuple[str, str]:
    """(subject, text) of the mail for `event`, in `language`."""
    # The public address in the post's own language, the rest in the reader's.
    with translation.override(post.language):
        public = absolute(post.get_absolute_url())
    with translation.override(language):
        values = {
            "who": display_name(actor) if actor else _("someone"),
            "title": post.title,
            "url": absolute(reverse("editorial:post", args=[post.pk])),
            "public": public,
            "comment": comment,
            "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
            if when
            else "",
        }
        subject, body = _words(event)
        return subject % values, body % values
