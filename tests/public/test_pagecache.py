"""Repeated public requests are answered at the WSGI boundary, never stale, never personal."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse

from bulletin.posts.models import Status
from bulletin.public import pagecache

pytestmark = pytest.mark.django_db


def test_a_repeated_request_is_answered_without_django_or_sql(
    wsgi, now, make_post, django_assert_num_queries, version_trusted
):
    make_post(title="First")
    first = wsgi(reverse("public:list"))
    assert first.rendered
    with django_assert_num_queries(0):
        second = wsgi(reverse("public:list"))
    assert not second.rendered
    assert (second.status, second.body) == (200, first.body)
    assert second.headers["ETag"] == first.headers["ETag"]
    assert "public" in second.headers["Cache-Control"]


def test_a_matching_etag_is_answered_304_from_the_cache(wsgi, now, make_post):
    make_post()
    etag = wsgi(reverse("public:list")).headers["ETag"]
    answer = wsgi(reverse("public:list"), if_none_match=etag)
    assert (answer.status, answer.body, answer.rendered) == (304, b"", False)
    assert answer.headers["ETag"] == etag


def test_head_is_answered_from_the_cache_without_a_body(wsgi, now, make_post):
    make_post()
    get = wsgi(reverse("public:list"))
    head = wsgi(reverse("public:list"), method="HEAD")
    assert (head.status, head.body, head.rendered) == (200, b"", False)
    assert head.headers["Content-Length"] == get.headers["Content-Length"]


def test_a_change_is_visible_at_once(wsgi, now, make_post):
    post = make_post(title="Before")
    wsgi(reverse("public:list"))
    post.title = "After"
    post.save()
    answer = wsgi(reverse("public:list"))
    assert answer.rendered
    assert b"After" in answer.body


def test_a_change_committed_while_a_page_renders_is_not_hidden_by_it(
    wsgi, now, make_post
):
    post = make_post(title="Soon withdrawn")

    # The page is rendered from the content before the change, and the change
    # commits before the render is kept: the kept page must not answer for it.
    def withdraw():
        post.status = Status.WITHDRAWN
        post.withdrawn_at = now
        post.save()

    wsgi.during_render.append(withdraw)
    assert b"Soon withdrawn" in wsgi(reverse("public:list")).body
    again = wsgi(reverse("public:list"))
    assert again.rendered
    assert b"Soon withdrawn" not in again.body


def test_a_scheduled_post_appears_at_its_time_despite_the_cache(
    wsgi, now, make_post, time_machine
):
    make_post(title="Scheduled", published_at=now + timedelta(minutes=10))
    assert b"Scheduled" not in wsgi(reverse("public:list")).body
    time_machine.move_to(now + timedelta(minutes=10), tick=False)
    assert b"Scheduled" in wsgi(reverse("public:list")).body


def test_unknown_query_parameters_neither_render_nor_fill_the_cache(
    wsgi, now, make_post
):
    for n in range(25):
        make_post(published_at=now - timedelta(minutes=n))
    url = reverse("public:list")
    plain = wsgi(url)
    tagged = wsgi(url + "?utm_source=news&fbclid=abc")
    assert (tagged.rendered, tagged.body) == (False, plain.body)
    # A parameter the list does read is still honoured, whatever comes with it.
    second = wsgi(url + "?page=2&utm_medium=mail")
    assert second.rendered
    assert second.body != plain.body
    assert b"utm_medium" not in second.body
    assert not wsgi(url + "?utm_campaign=x&page=2").rendered


def test_the_first_render_ignores_unknown_parameters_too(wsgi, now, make_post):
    make_post()
    url = reverse("public:list")
    tagged = wsgi(url + "?utm_source=news")
    assert b"utm_source" not in tagged.body
    assert not wsgi(url).rendered


def test_signed_in_people_never_get_or_fill_the_shared_page(
    wsgi, client, now, make_post, django_user_model
):
    post = make_post(title="Public")
    wsgi(reverse("public:list"))
    assert not wsgi(reverse("public:list")).rendered  # and now known by its address
    assert wsgi(reverse("public:list"), authorization="Bearer x").rendered
    user = django_user_model.objects.create(username="staff", is_staff=True)
    client.force_login(user)
    cookie = f"{client.cookies.output(header='', sep=';').strip()}"
    answer = wsgi(reverse("public:list"), cookie=cookie)
    assert answer.rendered
    assert "private" in answer.headers["Cache-Control"]
    post.status = Status.DRAFT
    post.save()
    assert b"Public" not in wsgi(reverse("public:list")).body


def test_pages_that_set_a_cookie_or_fail_are_not_kept(wsgi, now):
    assert wsgi("/en/posts/no-such-post/").status == 404
    assert wsgi("/en/posts/no-such-post/").rendered


def test_back_office_and_posts_are_never_answered_from_the_cache(wsgi, now):
    wsgi(reverse("accounts:login"))
    assert wsgi(reverse("accounts:login")).rendered


def test_pages_are_rendered_again_on_a_new_day(wsgi, now, make_post, time_machine):
    # The day is part of every key (the events window moves with it), remembered per
    # process until midnight UTC: a hit must not carry yesterday's page over.
    make_post()
    wsgi(reverse("public:list"))
    assert not wsgi(reverse("public:list")).rendered
    time_machine.move_to(now.replace(hour=23, minute=59, second=59), tick=False)
    assert not wsgi(reverse("public:list")).rendered
    time_machine.move_to(now.replace(hour=0) + timedelta(days=1), tick=False)
    assert wsgi(reverse("public:list")).rendered


def test_a_page_kept_under_one_query_is_not_served_for_another(wsgi, now, make_post):
    for n in range(25):
        make_post(published_at=now - timedelta(minutes=n))
    url = reverse("public:list")
    first, second = wsgi(url + "?page=1"), wsgi(url + "?page=2")
    assert second.rendered and first.body != second.body
    assert wsgi(url + "?page=2").body == second.body
    assert wsgi(url + "?page=1").body == first.body


def test_with_the_in_process_cache_a_page_is_kept_once(wsgi, now, make_post):
    # Each process has its own Django cache then: a pickled second copy of every page
    # there would double the memory and escape the page cache's bound in bytes.
    make_post()
    wsgi(reverse("public:list"))
    assert not wsgi(reverse("public:list")).rendered
    kept = caches["default"]._cache  # LocMemCache's own dict
    assert not [key for key in kept if "page:" in key or "route:" in key]


def test_a_kept_page_answers_with_this_requests_id_never_the_first_readers(
    wsgi, now, make_post
):
    make_post()
    first = wsgi(reverse("public:list"), x_request_id="proxy-request-0001")
    assert first.headers["X-Request-ID"] == "proxy-request-0001"
    again = wsgi(reverse("public:list"), x_request_id="proxy-request-0002")
    assert not again.rendered
    assert again.headers["X-Request-ID"] == "proxy-request-0002"
    # No id offered: the kept page has none to give (it writes no log line).
    assert "X-Request-ID" not in wsgi(reverse("public:list")).headers
    assert (
        "X-Request-ID" not in wsgi(reverse("public:list"), x_request_id="a b").headers
    )


def test_long_addresses_and_cookies_do_not_make_the_cache_grow(
    wsgi, now, make_post, version_trusted
):
    make_post()
    url = reverse("public:list")
    wsgi(url)
    for n in range(50):
        answer = wsgi(f"{url}?utm_source={n}{'x' * 20_000}")
        assert not answer.rendered
    kept = sum(len(part or "") for request in pagecache._shortcuts for part in request)
    assert kept < 10_000


def test_after_a_change_the_pages_kept_before_it_hold_no_memory(wsgi, now, make_post):
    # Every page's key holds the content state, so once it moves on no reader can be
    # answered from a page kept before: left to the LRU's bound, they would fill each
    # worker's 32 MB with pages nobody can ask for.
    post = make_post(title="Before")
    for url in (reverse("public:list"), post.get_absolute_url(), "/en/feed.atom"):
        assert wsgi(url).rendered
    held = pagecache._pages.weight
    post.title = "After"
    post.save()
    assert b"After" in wsgi(reverse("public:list")).body
    assert len(pagecache._pages) == 1
    assert pagecache._pages.weight < held / 2
    assert not wsgi(reverse("public:list")).rendered


def test_a_page_rendered_under_a_state_already_gone_is_not_kept(wsgi, now, make_post):
    post = make_post(title="Soon changed")
    assert wsgi(post.get_absolute_url()).rendered

    def change():
        post.title = "Changed"
        post.save()

    wsgi.during_render.append(change)
    assert wsgi(reverse("public:list")).rendered
    # The post page alone: no one can ask for the list of the state gone.
    assert len(pagecache._pages) == 1
