"""Static files are answered before Django, with the headers Django would give them."""

import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings

from bulletin.public.staticfiles import StaticFilesApp
from bulletin.server.logs import offered_request_id
from tests.wsgi import keeping_the_test_connection

pytestmark = pytest.mark.django_db

KEPT = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The static files collected as `bulletin serve` collects them in production:
    hashed names, gzip and Brotli copies beside them (once for these tests)."""
    production = override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
            },
        },
        WHITENOISE_AUTOREFRESH=False,
    )
    with production:
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture
def serve(collected):
    """`serve(path, **headers)` through StaticFilesApp, noting when Django ran.

    The app is made per request, so a test's settings apply, as at a server's start.
    """
    ran = []

    def request(path: str, method: str = "GET", secure: bool = False, **headers: str):
        django_app = WSGIHandler()

        def counted(environ, start_response):
            ran.append(environ["PATH_INFO"])
            return django_app(environ, start_response)

        app = StaticFilesApp(counted, request_id=offered_request_id)
        environ = (
            RequestFactory()
            .generic(method, path, secure=secure, headers=headers)
            .environ
        )
        seen = {}

        def start_response(status, response_headers, exc_info=None):
            seen["status"] = int(status.split()[0])
            seen["headers"] = {k.lower(): v for k, v in response_headers}

        with keeping_the_test_connection():
            result = app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        return seen["status"], seen["headers"], body, bool(ran and ran.pop())

    return request


def test_a_style_sheet_is_answered_without_django_with_the_pages_headers(serve, client):
    path = static("public/site.css")
    status, headers, body, django_ran = serve(path)
    assert (status, django_ran) == (200, False)
    assert body == Path(finders.find("public/site.css")).read_bytes()
    assert headers["content-type"].startswith("text/css")
    page = client.get("/en/")
    for name in KEPT:
        assert headers[name] == page[name], name


def test_it_goes_out_compressed_to_a_browser_and_304_when_held(serve):
    path = static("public/site.css")
    _, plain_headers, plain, _ = serve(path)
    status, headers, body, _ = serve(path, accept_encoding="gzip")
    assert (status, headers.get("content-encoding")) == (200, "gzip")
    assert gzip.decompress(body) == plain
    assert "accept-encoding" in headers["vary"].lower()
    status, _, body, django_ran = serve(path, if_none_match=plain_headers["etag"])
    assert (status, body, django_ran) == (304, b"", False)
    status, headers, body, _ = serve(path, method="HEAD")
    assert (status, body) == (200, b"")
    assert int(headers["content-length"]) == len(plain)


def test_a_missing_file_under_the_prefix_gets_djangos_404_page(serve):
    status, headers, _, django_ran = serve("/static/public/no-such-file.css")
    assert (status, django_ran) == (404, True)
    assert headers["content-type"].startswith("text/html")


def test_pages_go_on_to_the_site(serve, now, make_post):
    make_post(title="Water works")
    status, _, body, django_ran = serve("/en/")
    assert (status, django_ran) == (200, True)
    assert b"Water works" in body


def test_over_https_it_carries_hsts_and_the_proxys_request_id(serve, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    path = static("public/site.css")
    status, headers, _, django_ran = serve(
        path, secure=True, x_request_id="abcdefgh1234"
    )
    assert (status, django_ran) == (200, False)
    assert headers["strict-transport-security"] == (
        "max-age=31536000; includeSubDomains"
    )
    assert headers["x-request-id"] == "abcdefgh1234"
    _, plain, _, _ = serve(path)
    assert "strict-transport-security" not in plain  # never over plain HTTP


def test_with_the_https_redirect_on_plain_http_goes_to_django_which_redirects(
    serve, settings
):
    settings.SECURE_SSL_REDIRECT = True
    status, headers, _, django_ran = serve(static("public/site.css"))
    assert (status, django_ran) == (301, True)
    assert headers["location"].startswith("https://")
