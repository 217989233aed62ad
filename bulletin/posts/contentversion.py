"""The counter of public content, the days each change touched, the counts kept.

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


class StoredPageIndex(models.Model):
    """A list's posts per day as last counted in full, kept across restarts.

    A process that starts (or whose cache lost a list) begins from this copy and
    recounts only the days marked since (`ChangedDay`), instead of counting the whole
    list on a reader's request. Written by `bulletin.posts.pageindex`, never edited.
    """

    key = models.CharField(max_length=200, primary_key=True)
    # The code that counted it: another release may count a list differently.
    code = models.CharField(max_length=64)
    version = models.PositiveBigIntegerField()
    counted_at = models.DateTimeField()
    # Day ordinals and their counts, as little-endian 32-bit integers.
    days = models.BinaryField()
    counts = models.BinaryField()

    class Meta:
        verbose_name = _("stored page index")

    def __str__(self) -> str:
        return self.key
