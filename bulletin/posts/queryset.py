"""Which posts each channel shows, and in what order.

Visibility to the public is decided here, in `PostQuerySet.public()`; every public
channel (pages, feeds, sitemap, search, API) starts from it.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q

from bulletin.posts import clock
from bulletin.posts.choices import Kind, Status


class PostQuerySet(models.QuerySet):
    def public(
        self, now: datetime | None = None, *, published_by: datetime | None = None
    ) -> PostQuerySet:
        """Posts anyone may read: published, and their publication time has come.

        Expired notices stay public (reachable by URL and in the archive); only the
        default list leaves them out, see `listed()`. The organisation's pages are
        not posts to any channel; `public_pages()` is their own rule.

        `published_by` narrows the publication time further, for a caller that
        bounds it itself (a deep page ends at its first day): it must be the earlier
        of `now` and that bound, worked out by the caller. The database then has one
        upper bound to start from; given two, SQLite may start at now and walk every
        newer row (docs/performance.md).
        """
        return self.filter(
            status=Status.PUBLISHED,
            published_at__lte=published_by or now or clock.now(),
        ).exclude(kind=Kind.PAGE)

    def public_pages(self, now: datetime | None = None) -> PostQuerySet:
        """The organisation's pages anyone may read (published, time come)."""
        return self.filter(
            kind=Kind.PAGE,
            status=Status.PUBLISHED,
            published_at__lte=now or clock.now(),
        )

    def scheduled(self, now: datetime | None = None) -> PostQuerySet:
        """Published posts whose publication time is still to come: the public's
        `public()` will take them in at that time, with nothing to run."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or clock.now())

    def listed(
        self, now: datetime | None = None, *, published_by: datetime | None = None
    ) -> PostQuerySet:
        """Public posts that belong in the default list: not expired."""
        now = now or clock.now()
        return self.public(now, published_by=published_by).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def pinned(self, now: datetime | None = None) -> PostQuerySet:
        """Notices whose pin is in force; combine with `listed()`."""
        return self.filter(kind=Kind.NOTICE, pinned_until__gt=now or clock.now())

    def withdrawn_after_publication(self) -> PostQuerySet:
        """Withdrawn posts that had been public: their address keeps a withdrawal
        notice and calendars keep them as cancelled. A post withdrawn before its
        scheduled time was never seen, so it stays unknown."""
        return self.filter(
            status=Status.WITHDRAWN, published_at__lte=models.F("withdrawn_at")
        )

    def in_list_order(self) -> PostQuerySet:
        # Ties on published_at are broken by id so Prev/Next agree with the list.
        return self.order_by("-published_at", "-id")
