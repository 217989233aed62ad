"""Kept public pages go out gzipped to the clients that ask, and only those pages."""

import gzip

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.public import pagecache
from bulletin.public.compression import accepts_gzip

pytestmark = pytest.mark.django_db

BROWSER = "gzip, deflate, br, zstd"


def vary(answer) -> set[str]:
    return {v.strip().lower() for v in answer.headers.get("Vary", "").split(",")}


def test_a_browser_is_sent_the_page_gzipped_on_its_first_view_and_after(
    wsgi, now, make_post
):
    make_post(title="Water works")
    plain = wsgi(reverse("public:list"))
    pagecache.forget_pages()
    first = wsgi(reverse("public:list"), accept_encoding=BROWSER)
    again = wsgi(reverse("public:list"), accept_encoding=BROWSER)
    assert (first.rendered, again.rendered) == (True, False)
    for answer in (first, again):
        assert answer.headers["Content-Encoding"] == "gzip"
        assert int(answer.headers["Content-Length"]) == len(answer.body)
        assert gzip.decompress(answer.body) == plain.body
        assert "accept-encoding" in vary(answer)
    assert len(first.body) < len(plain.body) / 2


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "br", "*;q=0"])
def test_a_client_that_does_not_accept_gzip_is_sent_the_plain_page(
    wsgi, now, make_post, accept
):
    make_post(title="Water works")
    headers = {"accept_encoding": accept} if accept else {}
    wsgi(reverse("public:list"), accept_encoding=BROWSER)  # kept, with its gzip copy
    for _ in range(2):  # the first hit by this request, then its shortcut
        answer = wsgi(reverse("public:list"), **headers)
        assert not answer.rendered
        assert "Content-Encoding" not in answer.headers
        assert b"Water works" in answer.body
        assert int(answer.headers["Content-Length"]) == len(answer.body)
        # A shared cache on the way must not hand this copy to a browser either.
        assert "accept-encoding" in vary(answer)


def test_either_form_of_the_etag_is_answered_304(wsgi, now, make_post):
    make_post()
    plain = wsgi(reverse("public:list")).headers["ETag"]
    packed = wsgi(reverse("public:list"), accept_encoding=BROWSER).headers["ETag"]
    assert packed == "W/" + plain
    for tag in (plain, packed):
        for encoding in ("", BROWSER):
            answer = wsgi(
                reverse("public:list"), if_none_match=tag, accept_encoding=encoding
            )
            assert (answer.status, answer.body, answer.rendered) == (304, b"", False)
    # A worker that never kept the page answers the weak tag before the view runs.
    pagecache.forget_pages()
    answer = wsgi(reverse("public:list"), if_none_match=packed)
    assert answer.status == 304


def test_a_feed_and_a_calendar_go_out_gzipped(wsgi, now, make_post):
    make_post(title="Water works", kind="event", event_start=now, event_timezone="UTC")
    for path in (
        reverse("feeds:feed", kwargs={"fmt": "atom"}),
        reverse("feeds:calendar"),
    ):
        plain = wsgi(path).body
        packed = wsgi(path, accept_encoding="gzip")
        assert packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.body) == plain


def test_pages_with_a_session_are_never_compressed(wsgi, client, now, make_post):
    # The back office's forms carry the CSRF token: compressing it beside text a
    # visitor chooses is what the BREACH attack needs. Only kept public pages are
    # compressed, and a reader with a session is never given one.
    make_post(title="Water works")
    editor = User.objects.create_user("erin", password="x" * 16)
    editor.groups.add(Group.objects.get(name=Role.EDITOR.value))
    client.force_login(editor)
    name = settings.SESSION_COOKIE_NAME
    cookie = f"{name}={client.cookies[name].value}"
    form = wsgi(
        reverse("editorial:post_create"), accept_encoding=BROWSER, cookie=cookie
    )
    assert form.status == 200
    assert b"csrfmiddlewaretoken" in form.body
    assert "Content-Encoding" not in form.headers
    public = wsgi(reverse("public:list"), accept_encoding=BROWSER, cookie=cookie)
    assert b"Water works" in public.body
    assert "Content-Encoding" not in public.headers


def test_small_and_binary_answers_are_sent_as_they_are(
    wsgi, now, make_post, make_attachment
):
    robots = wsgi("/robots.txt", accept_encoding=BROWSER)
    assert robots.status == 200
    assert len(robots.body) < 512
    assert "Content-Encoding" not in robots.headers
    attachment = make_attachment(make_post(), data=b"%PDF-1.4\n" + b"0" * 4000)
    url = attachment.get_absolute_url()
    for _ in range(2):
        answer = wsgi(url, accept_encoding=BROWSER)
        assert answer.status == 200, url
        assert "Content-Encoding" not in answer.headers
        assert answer.body.startswith(b"%PDF")


def test_a_304_from_the_site_names_the_form_the_client_holds(wsgi, now, make_post):
    # A worker that does not hold the page (a restart, another worker) answers the
    # revalidation itself: its 304 must carry what the 200 carried.
    make_post()
    plain = wsgi(reverse("public:list"))
    packed = wsgi(reverse("public:list"), accept_encoding=BROWSER)
    for held in (plain, packed):
        pagecache.forget_pages()
        answer = wsgi(
            reverse("public:list"),
            if_none_match=held.headers["ETag"],
            accept_encoding=BROWSER,
        )
        assert (answer.status, answer.rendered) == (304, True)
        assert answer.headers["ETag"] == held.headers["ETag"]
        assert "accept-encoding" in vary(answer)
        assert "Content-Length" not in answer.headers


def test_a_page_the_site_renders_says_it_varies_on_accept_encoding(client, now):
    # Before the page cache keeps it (a HEAD, a first view): a shared cache on the
    # way must not hand this plain copy to a browser that asked for gzip either.
    response = client.head(reverse("public:list"))
    assert "Accept-Encoding" in response["Vary"]


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("GZIP", True),
        ("deflate, gzip;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("gzip;q=0, *", False),
        ("gzip;q=0.0", False),
        ("gzip;q=nonsense", False),
        ("br, zstd", False),
        ("", False),
        (None, False),
    ],
)
def test_accept_encoding_is_read_as_http_says(header, accepted):
    assert accepts_gzip(header) is accepted
