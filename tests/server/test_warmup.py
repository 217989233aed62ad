"""The master serves each kind of public page once before its workers fork.

What a first request does once per process (imports, URL patterns, catalogues,
templates, query shapes) is then done once and shared by the workers copy-on-write,
instead of done and kept in each (docs/performance.md, "Memory"). The warm-up must
leave no trace a reader or the database could see.
"""

import json
import subprocess

import pytest
from django.utils.translation import trans_real

from bulletin.counts.buffer import flush
from bulletin.counts.models import PostViews
from bulletin.posts import siteaddress
from bulletin.server import warmup
from tests.server.test_commands import BULLETIN
from tests.server.test_serve_lifecycle import site_env  # noqa: F401 (a fixture)

FIRST_READERS = """
import json, sys
from bulletin.posts import siteaddress
from bulletin.posts.models import Post
from bulletin.server import warmup
from bulletin.wsgi import application
siteaddress.fix("http://127.0.0.1:8000", "the test")
post = Post.objects.public().order_by("published_at").first().get_absolute_url()
from django.db import connection
if WARM:
    warmup.warm()
left_open = connection.connection is not None
before = set(sys.modules)
statuses = [
    warmup.get(application, warmup.base_environ(), path, "gzip")
    for path in ("/en/", post, "/en/feed.atom", "/en/events/calendar.ics",
                 "/sitemap.xml", "/en/archive/", "/en/search/?q=library")
]
imported = sorted(set(sys.modules) - before)
print(json.dumps({"statuses": statuses, "imported": imported, "left_open": left_open}))
"""


def first_readers(env: dict[str, str], warm: bool) -> dict:
    code = FIRST_READERS.replace("WARM", str(warm))
    result = subprocess.run(
        [BULLETIN, "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_after_the_warm_up_the_first_readers_pages_import_nothing(site_env):  # noqa: F811
    subprocess.run(
        [BULLETIN, "collectstatic", "--noinput", "-v0"], env=site_env, check=True
    )
    cold = first_readers(site_env, warm=False)
    warm = first_readers(site_env, warm=True)

    assert set(cold["statuses"]) == set(warm["statuses"]) == {200}
    # Without it, each worker would import these on its first pages, and keep them.
    assert len(cold["imported"]) > 10, cold["imported"]
    assert warm["imported"] == []
    assert not warm["left_open"]  # a forked worker must never share a connection


@pytest.mark.django_db(transaction=True)
def test_the_warm_up_serves_every_kind_of_public_page_and_leaves_no_trace(
    now, make_post, make_topic
):
    topic = make_topic()
    post = make_post(title="Roundtable on the harbour district", topics=[topic])
    siteaddress.fix("http://localhost:8000", "the test")

    served = dict(warmup.warm())

    assert post.get_absolute_url() in served
    assert "/en/search/?q=Roundtable" in served
    kinds = {
        "/en/",
        "/en/?page=2",
        "/en/news/",
        f"/en/topics/{topic.slug}/",
        "/en/feed.atom",
        "/en/feed.rss",
        "/en/feed.json",
        "/en/events/calendar.ics",
        "/en/archive/",
        "/en/topics/",
        "/sitemap.xml",
        "/sitemap-posts.xml",
        "/api/v1/posts",
    }
    assert kinds <= set(served)
    assert (
        served.pop("/en/?page=2") == 404
    )  # one post: no page 2, its 404 page is warmed
    assert set(served.values()) == {200}, served
    # Every catalogue is read once, in the master, not in each worker.
    assert {code for code, _ in warmup.settings.LANGUAGES} <= set(
        trans_real._translations
    )
    # No reading counted: the requests carry no User-Agent.
    flush()
    assert PostViews.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # it closes its connections, as at a start
def test_any_title_or_slug_is_asked_for_as_a_server_would_send_it(now, make_post):
    # The search word is the title's as a reader would type it; the address arrives
    # decoded, as servers hand PATH_INFO over. Neither may make a page fail or stop
    # the warm-up before the feeds.
    post = make_post(title="Council’s #1 plan & budget+", slug="물-공급-안내")
    siteaddress.fix("http://localhost:8000", "the test")

    served = dict(warmup.warm())

    assert served[post.get_absolute_url()] == 200
    assert served["/en/search/?q=Council"] == 200
    assert served["/api/v1/posts"] == 200


def test_without_the_sites_address_the_warm_up_serves_nothing():
    # Its pages would carry an address made up from its own requests.
    assert warmup.warm() == []
    assert not siteaddress.settled()


@pytest.mark.django_db
def test_a_failing_site_stops_the_warm_up_and_never_the_server():
    siteaddress.fix("http://localhost:8000", "the test")
    calls = []

    def failing(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("503 Service Unavailable", [])
        return [b""]

    def broken(environ, start_response):
        raise RuntimeError("no database")

    assert len(warmup.warm(failing)) == 1 == len(calls)
    assert warmup.warm(broken) == []
