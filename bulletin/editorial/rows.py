"""The rows of the back office's lists, worked out in Python before a template draws them.

A list page shows up to 50 posts. Asked of the model in the template, each row cost
about a millisecond of CPU: every `{{ post.x }}` is a failed `post["x"]` before the
attribute, `get_kind_display` and friends rebuild the field's choices and translate
them per call, `{% url %}` resolves the same pattern again, each `{% translate %}` in
a row is a catalogue lookup and `date:"DATETIME_FORMAT"` formats a moment per call.
Here a row is a plain dict of what the template prints: labels are translated once
per page, each person's name and each moment formatted once, each address filled in
from a pattern reversed once. The templates escape the values as before, so the
pages read the same (`tests/editorial/test_list_rows.py` compares them with the
model's own answers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bulletin.accounts.profiles import display_name
from bulletin.posts.models import Post, Status
from bulletin.posts.templatetags.bulletin_time import html_datetime

# The columns a list row reads (with its author's names): never a post's body.
ROW_FIELDS = (
    "pk",
    "title",
    "language",
    "kind",
    "status",
    "published_at",
    "updated_at",
    "author",
    "author__first_name",
    "author__last_name",
    "author__username",
)
# A number no post has, reversed in place of the id and then replaced by it.
_SLOT = 987654321987654321


def address_of(name: str, *rest: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk, *rest])` for many pks, the pattern reversed once."""
    before, _slot, after = reverse(name, args=[_SLOT, *rest]).rpartition(str(_SLOT))
    return lambda pk: f"{before}{pk}{after}"


def choice_labels(field: str) -> dict[str, str]:
    """A post field's choices and their labels in the active language."""
    choices = Post._meta.get_field(field).flatchoices
    return {str(value): str(label) for value, label in choices}


class Moments:
    """Times as the lists print them, each distinct one formatted once per page.

    `<time datetime>` is written in the site's zone (`local`) or as stored (UTC).
    """

    def __init__(self, *, local: bool = True) -> None:
        self.local = local
        self._shown: dict[datetime, tuple[str, str]] = {}

    def __call__(self, value: datetime | None) -> tuple[str, str]:
        """(`<time datetime>`, the local time as `date:"DATETIME_FORMAT"` writes it)."""
        if value is None:
            return "", ""
        shown = self._shown.get(value)
        if shown is None:
            local = timezone.localtime(value)
            shown = self._shown[value] = (
                html_datetime(local if self.local else value),
                formats.date_format(local, "DATETIME_FORMAT"),
            )
        return shown


class People:
    """Authors' names as staff read them, each person's worked out once."""

    def __init__(self) -> None:
        self._names: dict[int, str] = {}

    def __call__(self, post: Post) -> str:
        if post.author_id is None:
            return ""
        name = self._names.get(post.author_id)
        if name is None:
            name = self._names[post.author_id] = display_name(post.author)
        return name


def status_labels() -> dict[str, str]:
    """Each status's label, and "Scheduled" for a publication still to come."""
    return {**choice_labels("status"), "scheduled": str(_("Scheduled"))}


def status_of(post: Post, now: datetime, labels: dict[str, str]) -> tuple[str, str]:
    """(status, label) as `_status.html` shows them: a published post whose time has
    not come is "Scheduled" (its class stays `status--published`)."""
    if (
        post.status == Status.PUBLISHED
        and post.published_at
        and post.published_at > now
    ):
        return post.status, labels["scheduled"]
    return post.status, labels.get(post.status, post.status)


SELECT_WORDS = gettext_noop("Select “%(title)s”")


def _selection_words() -> str:
    """The checkbox's hidden label, as `{% blocktranslate %}` writes it: the
    catalogue's words as they are (the title is escaped into them), or the English
    ones when a translation cannot take the title (as the tag falls back)."""
    words = _(SELECT_WORDS)
    try:
        words % {"title": ""}
    except (KeyError, ValueError, TypeError):
        return SELECT_WORDS
    return words


def list_rows(posts: Iterable[Post], now: datetime) -> list[dict]:
    """One dict per post with what the all-posts list's row prints."""
    kinds, languages = choice_labels("kind"), choice_labels("language")
    statuses, moments, people = status_labels(), Moments(), People()
    url = address_of("editorial:post")
    select = _selection_words()
    rows = []
    for post in posts:
        status, status_label = status_of(post, now, statuses)
        updated_iso, updated = moments(post.updated_at)
        published_iso, published = moments(post.published_at)
        rows.append(
            {
                "pk": post.pk,
                "url": url(post.pk),
                "title": post.title,
                "select_label": mark_safe(
                    select % {"title": conditional_escape(post.title)}
                ),
                "language": post.language,
                "language_label": languages.get(post.language, post.language),
                "kind_label": kinds.get(post.kind, post.kind),
                "status": status,
                "status_label": status_label,
                "author": people(post),
                "updated_iso": updated_iso,
                "updated": updated,
                "published_iso": published_iso,
                "published": published,
            }
        )
    return rows


# The actions a dashboard section offers beside Open and Preview: their addresses.
SECTION_ACTIONS = {
    "drafts": {
        "edit_url": ("editorial:post_edit",),
        "submit_url": ("editorial:post_step", "submit"),
    },
    "review": {
        "publish_url": ("editorial:post_step", "publish"),
        "send_back_url": ("editorial:post_step", "send-back"),
    },
    "changes": {
        "diff_url": ("editorial:revision_diff",),
        "publish_change_url": ("editorial:post_step", "publish-change"),
    },
    "scheduled": {"unschedule_url": ("editorial:post_step", "unschedule")},
}


def dashboard_rows(posts: Iterable[Post], now: datetime, section: str) -> list[dict]:
    """One dict per post of a dashboard section, with the addresses its actions need."""
    statuses, moments, people = status_labels(), Moments(local=False), People()
    urls = {
        "url": address_of("editorial:post"),
        "preview_url": address_of("editorial:preview"),
        **{
            key: address_of(*names)
            for key, names in SECTION_ACTIONS.get(section, {}).items()
        },
    }
    rows = []
    for post in posts:
        status, status_label = status_of(post, now, statuses)
        # Dated by its publication when it has one, else by its last change.
        iso, shown = moments(post.published_at or post.updated_at)
        rows.append(
            {
                "pk": post.pk,
                "title": post.title,
                "status": status,
                "status_label": status_label,
                "author": people(post),
                "iso": iso,
                "date": shown,
                "last_action": getattr(post, "last_action", None),
                "last_comment": getattr(post, "last_comment", None),
                "live_url": post.get_absolute_url() if section == "published" else "",
                **{key: make(post.pk) for key, make in urls.items()},
            }
        )
    return rows
