"""The frame's fragments kept by `{% cache %}` (header, navigation, footer, a list's
filter form) follow every change at once and carry nothing of one request to another."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory
from django.urls import reverse, set_script_prefix

from bulletin.accounts.roles import Role
from tests.wsgi import keeping_the_test_connection

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def topic_options(soup) -> list[str]:
    return [o.get_text() for o in soup.select("#filter-topic option")][1:]


def test_a_renamed_or_new_topic_shows_in_the_filter_form_at_once(
    client, make_post, make_topic
):
    water = make_topic("Water")
    make_post(topics=[water])
    assert topic_options(soup_of(client.get("/en/"))) == ["Water"]
    water.name = "Clean water"
    water.save()
    assert topic_options(soup_of(client.get("/en/"))) == ["Clean water"]
    make_topic("Roads")
    assert topic_options(soup_of(client.get("/en/"))) == ["Clean water", "Roads"]


def test_the_filter_form_marks_the_list_being_shown(client, make_post, make_topic):
    water = make_topic("Water")
    make_post(topics=[water])
    client.get("/en/")
    shown = soup_of(client.get(f"/en/news/topics/{water.slug}/"))
    assert shown.select_one("#filter-topic option[selected]").get_text() == "Water"
    assert shown.select_one("#filter-kind option[selected]")["value"] == "news"
    again = soup_of(client.get("/en/"))
    assert not again.select("#filter-topic option[selected]")


def test_each_language_and_section_has_its_own_navigation(client, make_post):
    make_post()
    english = soup_of(client.get("/en/"))
    french = soup_of(client.get("/fr/"))
    assert english.select_one(".site-nav a").get_text() == "All posts"
    assert french.select_one(".site-nav a").get_text() == "Toutes les publications"
    assert french.select_one(".site-search label").get_text() != "Search"
    current = soup_of(client.get("/en/notices/")).select_one(
        ".site-nav [aria-current=page]"
    )
    assert current["href"] == "/en/notices/"
    assert soup_of(client.get("/en/")).select_one(".site-nav [aria-current=page]")[
        "href"
    ] == ("/en/")


def rendered(path: str, **environ: str) -> BeautifulSoup:
    """A page through Django's WSGI handler, which sets the script prefix (the test
    client does not)."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    try:
        with keeping_the_test_connection():
            factory = RequestFactory().generic("GET", path, **environ)
            body = b"".join(WSGIHandler()(factory.environ, start_response))
    finally:
        set_script_prefix("/")
    assert seen["status"].startswith("200")
    return BeautifulSoup(body, "html.parser")


def test_addresses_in_the_frame_follow_the_script_prefix(make_post):
    make_post()
    plain = rendered("/en/")
    assert plain.select_one(".site-logo")["href"] == "/en/"
    prefixed = rendered("/en/", SCRIPT_NAME="/news")
    assert prefixed.select_one(".site-logo")["href"] == "/news/en/"
    assert prefixed.select_one(".site-nav a")["href"] == "/news/en/"
    assert prefixed.select_one("form.filters")["action"].startswith("/news/")
    assert rendered("/en/").select_one(".site-logo")["href"] == "/en/"


def test_nothing_of_a_signed_in_request_reaches_a_readers_page(
    client, make_post, django_user_model
):
    make_post()
    staff = django_user_model.objects.create_user("erin", password="x")
    staff.groups.add(Group.objects.get(name=Role.EDITOR.value))
    signed_in = Client()
    signed_in.force_login(staff)
    reader_before = soup_of(client.get("/en/"))
    office = soup_of(signed_in.get(reverse("editorial:dashboard")))
    assert office.select_one(".backoffice-nav")
    assert office.select_one("input[name=csrfmiddlewaretoken]")
    staff_view = soup_of(signed_in.get("/en/"))
    reader = soup_of(client.get("/en/"))
    for page in (reader, staff_view):
        assert not page.select_one(".backoffice-nav")
    assert not reader.select("input[name=csrfmiddlewaretoken]")
    assert "nonce" not in str(reader)
    assert "erin" not in str(reader)
    # The reader's page is the one the reader saw before, byte for byte.
    assert str(reader) == str(reader_before)


def test_a_scheduled_post_going_live_adds_its_year_to_the_filter_form(
    client, make_post, time_machine
):
    # No save happens when it goes live: the content state's token changes, not the
    # version, and the form is kept per state.
    time_machine.move_to(datetime(2026, 12, 31, 23, 50, tzinfo=UTC), tick=False)
    make_post(published_at=datetime(2026, 12, 31, 12, 0, tzinfo=UTC))
    make_post(published_at=datetime(2027, 1, 1, 0, 10, tzinfo=UTC))
    years = [
        o["value"] for o in soup_of(client.get("/en/")).select("#filter-year option")
    ]
    assert years == ["", "2026"]
    time_machine.move_to(datetime(2027, 1, 1, 0, 20, tzinfo=UTC), tick=False)
    years = [
        o["value"] for o in soup_of(client.get("/en/")).select("#filter-year option")
    ]
    assert years == ["", "2027", "2026"]


def test_a_publication_with_no_new_topic_or_year_keeps_the_form_and_navigation(
    client, make_post, make_topic, monkeypatch, now
):
    water = make_topic("Water")
    make_post(topics=[water])
    assert client.get("/en/").status_code == 200
    made = []
    fragments = caches["template_fragments"]
    keep = fragments.set
    monkeypatch.setattr(
        fragments, "set", lambda key, *a, **kw: made.append(key) or keep(key, *a, **kw)
    )
    make_post(topics=[water], published_at=now - timedelta(minutes=3))
    after = soup_of(client.get("/en/"))
    assert "Post number" in after.select_one(".post-list").get_text()
    # The header and footer follow the content version; the form and the
    # navigation show nothing that changed.
    assert not [key for key in made if "list_filters" in key or "site_nav" in key]
    assert topic_options(after) == ["Water"]


def test_a_post_in_a_new_year_shows_in_the_filter_form_at_once(client, make_post, now):
    make_post()

    def years() -> list[str]:
        options = soup_of(client.get("/en/")).select("#filter-year option")
        return [option["value"] for option in options][1:]

    assert years() == [str(now.year)]
    make_post(published_at=datetime(2019, 5, 1, tzinfo=UTC))
    assert years() == [str(now.year), "2019"]


def test_the_switchers_home_links_lead_to_each_languages_home(make_post):
    """A post with no translation links each other language's home (reversed once,
    then remembered); the page's own language links the page."""
    path = make_post().get_absolute_url()
    for _again in range(2):
        page = rendered(path)
        homes = [a["href"] for a in page.select("a.language-switcher__home")]
        assert homes == ["/fr/", "/es/", "/ar/", "/zh-hans/", "/ru/", "/ko/"]
        assert page.select_one(".language-switcher [aria-current]")["href"] == path
