"""The counter of public content and the days each change touched.

Models of the posts app (app label `posts`), kept in their own module and re-exported
from `bulletin.posts.models`; `posts.state` raises them, `posts.pageindex` reads them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A counter raised in the same transaction as every change to public content.

    Caches of lists and pages are keyed by it, so every app server sees a change at
    once, whatever cache it has.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return str(self.value)


class ChangedDay(models.Model):
    """The last content version that changed which public posts fall on a day (UTC).

    Lists count their posts per publication day and, after a change, recount only the
    days marked since (see `bulletin.posts.pageindex`), never the whole list. The day
    1 January of year 1 stands for "every day" (a change that cannot be placed).
    """

    day = models.DateField(_("day"), primary_key=True)
    version = models.PositiveBigIntegerField(_("version"), db_index=True)

    class Meta:
        verbose_name = _("changed day")

    def __str__(self) -> str:
        return f"{self.day}: {self.version}"
