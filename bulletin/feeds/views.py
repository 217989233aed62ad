"""Feeds, calendars, robots.txt: thin views over feeds.py, calendars.py and sitemaps.py."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bulletin.feeds import calendars, content
from bulletin.feeds.feeds import PostFeed
from bulletin.posts.httpcache import reads_query
from bulletin.posts.models import Kind, Post, Topic

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@reads_query()
@require_safe
def feed(
    request: HttpRequest, fmt: str, kind: str | None = None, topic: str | None = None
):
    # A fresh Feed per request: it keeps the request for absolute links.
    response = PostFeed(fmt)(request, kind=kind, topic=topic)
    if settings.BULLETIN_WEBSUB_HUB:
        # WebSub discovery by header as well as in the document.
        this = content.absolute(request, request.path)
        response["Link"] = (
            f'<{settings.BULLETIN_WEBSUB_HUB}>; rel="hub", <{this}>; rel="self"'
        )
    return response


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@reads_query()
@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One public event as an .ics file, for "Add to calendar"."""
    posts = Post.objects.public().filter(language=get_language(), kind=Kind.EVENT)
    post = get_object_or_404(
        posts.prefetch_related("topics", "change_notes"), slug=slug
    )
    if not post.event_start:
        raise Http404("This event has no time yet")
    calendar = calendars.new_calendar(request, post.title)
    event = calendars.serialised(calendars.event_facts(request, post))
    return _calendar_response(
        calendars.finish(calendar, [event]), f"event-{post.pk}.ics"
    )


@reads_query()
@require_safe
def calendar(request: HttpRequest, topic: str | None = None) -> HttpResponse:
    """The subscribable calendar of upcoming events, of the whole site or one topic."""
    topic_obj = get_object_or_404(Topic, slug=topic) if topic else None
    language = get_language()
    name = settings.BULLETIN_SITE["name"] + " – " + str(_("Events"))
    if topic_obj:
        name += " – " + topic_obj.name_in(language)
    events = [
        *(
            calendars.event_facts(request, post)
            for post in calendars.upcoming_events(language, topic_obj)
        ),
        *(
            calendars.cancelled_facts(request, post)
            for post in calendars.cancelled_events(language, topic_obj)
        ),
    ]
    filename = f"events-{topic_obj.slug}.ics" if topic_obj else "events.ics"
    body = calendars.finish(
        calendars.new_calendar(request, name), [calendars.serialised(e) for e in events]
    )
    return _calendar_response(body, filename)


@reads_query()
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    # The back office (and staff search inside it) answers only signed-in staff, and
    # `reverse` keeps these right if the prefixes ever move.
    back_office = {
        reverse("admin:index"),
        reverse("editorial:dashboard"),
        reverse("staff_search:search"),
    }
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in sorted(back_office)),
        "",
        "Sitemap: " + content.absolute(request, reverse("sitemaps:index")),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
