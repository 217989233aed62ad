"""Addresses outside the language prefix: the sitemap and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from bulletin.feeds import views
from bulletin.feeds.sitemaps import SITEMAPS
from bulletin.posts.httpcache import reads_query

app_name = "sitemaps"

urlpatterns = [
    path(
        "sitemap.xml",
        reads_query()(require_safe(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemaps:section"},
        name="index",
    ),
    path(
        "sitemap-<section>.xml",
        reads_query("p")(require_safe(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
