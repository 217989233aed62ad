"""The "Needs me" list and each person's notification choices."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bulletin.accounts.access import staff_view
from bulletin.accounts.profiles import mail_language, set_mail_language
from bulletin.notifications.forms import PreferencesForm
from bulletin.notifications.models import Event, Notification, Preference
from bulletin.notifications.services import choices_of, is_to_do, needs
from bulletin.posts import clock


@staff_view
def needs_me(request: HttpRequest) -> HttpResponse:
    items = list(needs(request.user)[:200])
    return render(
        request,
        "notifications/needs_me.html",
        {
            "to_do": [n for n in items if is_to_do(n.event)],
            "news": [n for n in items if not is_to_do(n.event)],
            "section": "needs_me",
        },
    )


@staff_view
@require_POST
def done(request: HttpRequest, pk: int) -> HttpResponse:
    Notification.objects.filter(user=request.user, pk=pk).update(done_at=clock.now())
    return redirect("notifications:needs_me")


@staff_view
@require_POST
def all_done(request: HttpRequest) -> HttpResponse:
    needs(request.user).update(done_at=clock.now())
    return redirect("notifications:needs_me")


@staff_view
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    status = 200
    form = PreferencesForm(
        request.POST or None,
        choices=choices_of(request.user),
        language=mail_language(request.user),
    )
    if request.method == "POST" and not form.is_valid():
        status = 400
    elif request.method == "POST":
        set_mail_language(request.user, form.cleaned_data["language"])
        for event in Event:
            Preference.objects.update_or_create(
                user=request.user,
                event=event.value,
                defaults={
                    "by_email": form.cleaned_data[f"{event.value}-email"],
                    "in_list": form.cleaned_data[f"{event.value}-list"],
                },
            )
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "section": "notifications"},
        status=status,
    )
