"""Thin views over services.py: the form, the confirmation, leaving and managing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bulletin.accounts.addresses import client_address
from bulletin.posts.listing import SEGMENT_KINDS, PostList
from bulletin.posts.models import Topic
from bulletin.subscriptions import services, tokens
from bulletin.subscriptions.forms import AlertForm, FrequencyForm
from bulletin.subscriptions.lists import heading
from bulletin.subscriptions.models import Frequency


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest, kind: str | None = None, topic: str | None = None):
    topic_obj = get_object_or_404(Topic, slug=topic) if topic else None
    kind_value = SEGMENT_KINDS[kind] if kind else ""
    post_list = PostList(
        language=get_language(), kind=kind_value or None, topic=topic_obj
    )
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_alerts(
                email=form.cleaned_data["email"],
                language=get_language(),
                kind=kind_value,
                topic=topic_obj,
                frequency=form.cleaned_data["frequency"],
                client_address=client_address(request),
            )
        except services.Throttled:
            return render(
                request,
                "subscriptions/throttled.html",
                {"post_list": post_list},
                status=429,
            )
        return redirect("alerts:sent")
    return render(
        request,
        "subscriptions/form.html",
        {"form": form, "post_list": post_list, "heading": post_list.heading()},
        status=400 if form.errors else 200,
    )


@never_cache
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/sent.html")


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/bad_link.html", status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription, frequency = tokens.read_confirm(token)
    except tokens.BadToken:
        return _bad_link(request)
    with translation.override(subscription.subscriber.language):
        context = {
            "list": heading(subscription),
            "frequency": Frequency(frequency).label,
            "manage_token": tokens.manage_token(subscription.subscriber),
        }
        if request.method == "POST":
            services.confirm(subscription, frequency)
            return render(request, "subscriptions/confirmed.html", context)
        return render(request, "subscriptions/confirm.html", context)


# Mail programs POST "List-Unsubscribe=One-Click" with no cookie and no form (RFC 8058).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber, ids = tokens.read_unsubscribe(token)
    except tokens.BadToken:
        if request.method == "POST":
            # Already gone (a second click, or deleted): the wish is fulfilled.
            return render(request, "subscriptions/unsubscribed.html")
        return _bad_link(request)
    with translation.override(subscriber.language):
        if request.method == "POST":
            services.leave(subscriber, ids)
            return render(request, "subscriptions/unsubscribed.html")
        lists = [heading(s) for s in subscriber.subscriptions.filter(pk__in=ids)]
        return render(request, "subscriptions/unsubscribe.html", {"lists": lists})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.read_manage(token)
    except tokens.BadToken:
        return _bad_link(request)
    with translation.override(subscriber.language):
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "forget":
                services.forget(subscriber)
                return render(request, "subscriptions/forgotten.html")
            form = FrequencyForm(request.POST)
            if not form.is_valid():
                return _bad_link(request)
            subscription_id = form.cleaned_data["subscription"]
            if action == "stop":
                services.leave(subscriber, [subscription_id])
                if subscriber.pk is None or not subscriber.subscriptions.exists():
                    return render(request, "subscriptions/unsubscribed.html")
            else:
                services.change_frequency(
                    subscriber, subscription_id, form.cleaned_data["frequency"]
                )
            return redirect("subscriptions:manage", token=token)
        rows = [
            (
                subscription,
                heading(subscription),
                FrequencyForm(
                    initial={
                        "subscription": subscription.pk,
                        "frequency": subscription.frequency,
                    },
                    auto_id=f"id_%s_{subscription.pk}",
                ),
            )
            for subscription in subscriber.subscriptions.filter(
                confirmed_at__isnull=False
            ).select_related("topic")
        ]
        return render(
            request,
            "subscriptions/manage.html",
            {"subscriber": subscriber, "rows": rows},
        )
