"""Reader counts: no write per request, no cookies, robots left out, flushed by the
job runner, shown to staff (and to the public when the admin says so)."""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.counts import buffer
from bulletin.counts.buffer import flush
from bulletin.counts.models import AttachmentDownloads, PostViews
from bulletin.identity.models import Identity
from bulletin.scheduling.worker import run_once

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def _no_local_flush_yet(monkeypatch):
    """Each test starts a minute before this process would flush on its own."""
    monkeypatch.setattr(buffer, "_last_local_flush", [time.monotonic()])


@pytest.fixture
def reader() -> Client:
    return Client(HTTP_USER_AGENT=BROWSER)


def test_reading_writes_nothing_until_the_job_runner_flushes(
    wsgi, make_post, now, django_assert_num_queries, version_trusted
):
    post = make_post()
    url = post.get_absolute_url()
    first = wsgi(url, user_agent=BROWSER)
    assert first.status == 200 and first.rendered
    # Answered by the page cache in front of Django: still counted, no SQL at all.
    with django_assert_num_queries(0):
        second = wsgi(url, user_agent=BROWSER)
    assert second.status == 200 and not second.rendered
    assert "Set-Cookie" not in second.headers
    # A browser showing its revalidated copy is reading the post again.
    etag = second.headers["ETag"]
    assert wsgi(url, user_agent=BROWSER, if_none_match=etag).status == 304
    assert wsgi(url, user_agent="Googlebot/2.1").status == 200
    assert not PostViews.objects.exists()
    run_once()
    assert PostViews.objects.get(post=post).views == 3
    wsgi(url, user_agent=BROWSER)
    run_once()
    assert PostViews.objects.get(post=post).views == 4


def test_robots_prefetches_heads_and_misses_are_not_counted(make_post, now):
    post = make_post()
    url = post.get_absolute_url()
    for agent in ("Googlebot/2.1", "curl/8.5", "", "Mozilla/5.0 HeadlessChrome/131"):
        Client(HTTP_USER_AGENT=agent).get(url)
    Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch").get(url)
    Client(HTTP_USER_AGENT=BROWSER).head(url)
    Client(HTTP_USER_AGENT=BROWSER).get("/en/posts/no-such-post/")
    assert flush() == 0
    assert not PostViews.objects.exists()


def test_downloads_are_counted_per_document(reader, make_post, make_attachment, now):
    post = make_post()
    document = make_attachment(post)
    for _ in range(2):
        assert reader.get(document.get_absolute_url()).status_code == 200
    flush()
    assert AttachmentDownloads.objects.get(attachment=document).downloads == 2


def test_staff_see_views_and_downloads_in_the_back_office(
    reader, make_post, make_attachment, now, django_user_model
):
    post = make_post()
    document = make_attachment(post, title="Annual report")
    reader.get(post.get_absolute_url())
    reader.get(post.get_absolute_url())
    reader.get(document.get_absolute_url())
    flush()
    editor = django_user_model.objects.create_user("erin", password="x")
    editor.groups.add(Group.objects.get(name=Role.EDITOR.value))
    staff = Client()
    staff.force_login(editor)
    page = staff.get(reverse("editorial:post", kwargs={"pk": post.pk}))
    facts = BeautifulSoup(page.content, "html.parser").select_one("dl.facts").text
    assert "Read 2 times" in facts
    assert "Annual report: 1" in facts


def test_the_public_sees_counts_only_when_the_admin_turns_them_on(
    reader, make_post, now
):
    post = make_post()
    reader.get(post.get_absolute_url())
    flush()
    html = BeautifulSoup(reader.get(post.get_absolute_url()).content, "html.parser")
    assert not html.select(".post-meta__views")
    Identity.objects.create(pk=1, public_counts=True)
    html = BeautifulSoup(reader.get(post.get_absolute_url()).content, "html.parser")
    assert html.select_one(".post-meta__views").get_text(strip=True) == "Read 1 time"


def test_with_a_per_process_cache_the_web_process_flushes_once_a_minute(
    reader, make_post, now, monkeypatch
):
    post = make_post()
    reader.get(post.get_absolute_url())
    assert not PostViews.objects.exists()
    monkeypatch.setattr(
        buffer, "_last_local_flush", [time.monotonic() - buffer.LOCAL_FLUSH_SECONDS]
    )
    reader.get(post.get_absolute_url())
    assert PostViews.objects.get(post=post).views == 2
    reader.get(post.get_absolute_url())  # within the minute: buffered again
    assert PostViews.objects.get(post=post).views == 2
