"""E-mails about the workflow, sent by the job runner so a slow mail server never
holds up a page: "ready for review" to the editors, "sent back" to the author."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from bulletin.accounts.roles import Role
from bulletin.editorial.models import Action, HistoryEntry

NOTIFIED = {Action.SUBMITTED, Action.SENT_BACK}


def _reviewers(actor_id: int | None) -> list[str]:
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__name__in=[Role.EDITOR.value, Role.ADMIN.value])
        )
        .exclude(pk=actor_id)
        .exclude(email="")
        .distinct()
    )
    return sorted(people.values_list("email", flat=True))


@task()
def notify(entry_id: int) -> int:
    """Send the e-mail a history entry calls for; answer how many were sent."""
    entry = (
        HistoryEntry.objects.select_related("post", "post__author", "actor")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.action not in NOTIFIED:
        return 0
    post, site = entry.post, settings.BULLETIN_SITE
    url = f"{site['url']}{reverse('editorial:post', args=[post.pk])}"
    who = entry.actor.get_username() if entry.actor else _("someone")
    if entry.action == Action.SUBMITTED:
        recipients = _reviewers(entry.actor_id)
        subject = _("Ready for review: %(title)s") % {"title": post.title}
        message = _("%(who)s submitted “%(title)s” for review.\n\n%(url)s\n")
    else:
        author = post.author
        recipients = [author.email] if author and author.email else []
        subject = _("Sent back: %(title)s") % {"title": post.title}
        message = _("%(who)s sent “%(title)s” back to you:\n\n%(comment)s\n\n%(url)s\n")
    if not recipients:
        return 0
    body = message % {
        "who": who,
        "title": post.title,
        "url": url,
        "comment": entry.comment,
    }
    return send_mail(subject, body, from_email=None, recipient_list=recipients)
