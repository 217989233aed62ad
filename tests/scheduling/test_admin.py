"""Admins can see what the job runner owes and why a moment failed; nobody edits it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse

from bulletin.scheduling.models import ScheduledMoment


def test_admins_see_failed_moments_with_their_error(client, make_post, now):
    admin_user = get_user_model().objects.create_superuser(
        "root", "root@example.org", "x"
    )
    post = make_post(published_at=now + timedelta(hours=1))
    ScheduledMoment.objects.filter(post=post).update(
        state="failed", last_error="SMTPException: relay refused"
    )
    client.force_login(admin_user)
    listing = client.get(
        reverse("admin:scheduling_scheduledmoment_changelist") + "?state__exact=failed"
    )
    assert listing.status_code == 200
    assert post.title in listing.content.decode()
    moment = ScheduledMoment.objects.get(post=post)
    detail = client.get(
        reverse("admin:scheduling_scheduledmoment_change", args=[moment.pk])
    )
    assert "relay refused" in detail.content.decode()
    forged = client.post(
        reverse("admin:scheduling_scheduledmoment_change", args=[moment.pk]),
        {"state": "done"},
    )
    assert forged.status_code == 403
    moment.refresh_from_db()
    assert moment.state == "failed"
