"""The kinds of post and the states of their life, named by every app.

Apart from the models so the one public queryset (`posts.queryset`) and the models
both read them without importing each other.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    NOTICE = "notice", _("Notice")
    EVENT = "event", _("Event")
    # The organisation's own pages (accessibility statement, contact, privacy…):
    # written, reviewed and translated like posts, but outside the stream of posts.
    PAGE = "page", _("Page")


# The kinds readers filter the stream of posts by (pages are not in it).
STREAM_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.PAGE]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
