"""Feeds and calendars, under the language prefix like the lists they follow."""

from django.urls import path, re_path

from bulletin.feeds import views

app_name = "feeds"

# The same optional segments as the lists (see bulletin.public.urls), without the year.
FEED_PREFIX = r"(?:(?P<kind>news|notices|events)/)?(?:topics/(?P<topic>[-\w]+)/)?"

urlpatterns = [
    re_path(rf"^{FEED_PREFIX}feed\.(?P<fmt>rss|atom|json)$", views.feed, name="feed"),
    path("events/calendar.ics", views.calendar, name="calendar"),
    re_path(
        r"^events/topics/(?P<topic>[-\w]+)/calendar\.ics$",
        views.calendar,
        name="calendar",
    ),
    re_path(r"^posts/(?P<slug>[-\w]+)/event\.ics$", views.event_ics, name="event_ics"),
]
