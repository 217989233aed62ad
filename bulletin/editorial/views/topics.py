"""Topics, managed by editors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import MANAGE_TOPICS
from bulletin.editorial.forms import TopicForm
from bulletin.posts.models import Topic


def _require_manager(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE_TOPICS):
        raise PermissionDenied(_("Only editors manage topics."))


@staff_view
def topic_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return render(
        request,
        "editorial/topic_list.html",
        {"topics": Topic.objects.all(), "section": "topics"},
    )


@staff_view
def topic_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    topic = get_object_or_404(Topic, pk=pk) if pk else None
    form = TopicForm(request.POST if request.method == "POST" else None, instance=topic)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Topic saved."))
        return redirect("editorial:topics")
    return render(
        request,
        "editorial/topic_form.html",
        {"form": form, "topic": topic, "section": "topics"},
    )
