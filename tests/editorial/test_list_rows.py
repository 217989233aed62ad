"""The back-office lists' rows are plain values worked out once per page: they say what
the model says, in every language, and a page costs the same queries for 1 or 30 rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from bulletin.accounts.profiles import display_name
from bulletin.accounts.roles import Role
from bulletin.editorial.rows import dashboard_rows, list_rows
from bulletin.i18n.translations import start_translation
from bulletin.posts.models import Kind, Post, Status
from tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(make_post, make_user):
    """Posts of every kind and status, with and without an author, in three languages."""
    writer = make_user("writer", Role.AUTHOR, first_name="Wren", last_name="Writer")
    plain = make_user("plain", Role.AUTHOR)
    posts = []
    for n, (kind, status) in enumerate(
        [
            (Kind.NEWS, Status.PUBLISHED),
            (Kind.NOTICE, Status.DRAFT),
            (Kind.EVENT, Status.IN_REVIEW),
            (Kind.NEWS, Status.WITHDRAWN),
            (Kind.NOTICE, Status.PUBLISHED),  # scheduled: its time is still to come
        ]
    ):
        fields = {"kind": kind, "status": status, "language": ["en", "fr", "ar"][n % 3]}
        if kind == Kind.EVENT:
            fields.update(event_start=NOW + timedelta(days=3))
        if status == Status.PUBLISHED:
            later = n == 4
            fields["published_at"] = NOW + timedelta(days=2 if later else -1)
        elif status != Status.WITHDRAWN:
            fields["published_at"] = None
        author = [writer, plain, None][n % 3]
        posts.append(make_post(author=author, **fields))
    return list(Post.objects.select_related("author").order_by("pk"))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_list_row_says_what_the_model_says_in_every_language(varied, now, language):
    with translation.override(language), timezone.override("Europe/Paris"):
        rows = list_rows(varied, now)
        for post, row in zip(varied, rows, strict=True):
            scheduled = post.status == Status.PUBLISHED and post.published_at > now
            assert row["status_label"] == (
                gettext("Scheduled") if scheduled else post.get_status_display()
            )
            assert row["kind_label"] == post.get_kind_display()
            assert row["language_label"] == post.get_language_display()
            assert row["author"] == (display_name(post.author) if post.author else "")
            assert row["url"] == reverse("editorial:post", args=[post.pk])
            local = timezone.localtime(post.updated_at)
            assert row["updated"] == formats.date_format(local, "DATETIME_FORMAT")
            assert row["updated_iso"] == local.isoformat(timespec="seconds")
            if post.published_at:
                published = timezone.localtime(post.published_at)
                assert row["published"] == formats.date_format(
                    published, "DATETIME_FORMAT"
                )
            else:
                assert row["published"] == ""


def test_a_dashboard_row_dates_a_post_by_publication_else_by_last_change(varied, now):
    with translation.override("ko"):
        rows = dashboard_rows(varied, now, "drafts")
    for post, row in zip(varied, rows, strict=True):
        moment = post.published_at or post.updated_at
        with translation.override("ko"):
            assert row["date"] == formats.date_format(
                timezone.localtime(moment), "DATETIME_FORMAT"
            )
        assert row["iso"] == moment.isoformat(timespec="seconds")
        assert row["edit_url"] == reverse("editorial:post_edit", args=[post.pk])
        assert row["submit_url"] == reverse(
            "editorial:post_step", args=[post.pk, "submit"]
        )


def test_the_selection_label_is_the_catalogues_words_with_the_title_escaped(
    editor_client, make_post
):
    make_post(title="Pipes <b>&</b> pumps")
    response = editor_client.get(reverse("editorial:posts"), HTTP_ACCEPT_LANGUAGE="fr")
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = editor_client.get(reverse("editorial:posts"))
    html = response.content.decode()
    assert "Choisir « Pipes &lt;b&gt;&amp;&lt;/b&gt; pumps »" in html
    soup = BeautifulSoup(html, "html.parser")
    (cell,) = soup.select("td[data-label]")[:1]
    with translation.override("fr"):
        assert cell["data-label"] == gettext("Kind")


def test_the_list_reads_no_post_body(editor_client, make_post):
    make_post(body="<p>A body nobody lists</p>")
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse("editorial:posts"))
    assert response.status_code == 200
    post_queries = [q["sql"] for q in queries if '"posts_post"."title"' in q["sql"]]
    assert post_queries
    assert not [sql for sql in post_queries if '"posts_post"."body"' in sql]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_few_or_many_posts(
    make_user, make_post, now
):
    from tests.editorial.conftest import client_for

    editor = make_user("ed", Role.EDITOR)
    client = client_for(editor)
    url = reverse("editorial:dashboard")

    def fill(n: int) -> None:
        for i in range(n):
            someone = make_user(f"writer-{n}-{i}", Role.AUTHOR)
            make_post(author=editor, status=Status.DRAFT, published_at=None)
            make_post(author=someone, status=Status.IN_REVIEW, published_at=None)
            make_post(author=someone, published_at=now + timedelta(days=1 + i))
            make_post(author=someone)

    fill(1)
    few = _queries(client, url)
    fill(9)
    assert _queries(client, url) == few


def test_the_translations_overview_costs_the_same_queries_for_few_or_many_rows(
    make_user, make_post, now
):
    from tests.editorial.conftest import client_for

    editor = make_user("ed", Role.EDITOR)
    client = client_for(editor)
    url = reverse("i18n:index")

    def fill(n: int) -> None:
        for _i in range(n):
            original = make_post(author=make_user(f"w-{Post.objects.count()}"))
            start_translation(original, "fr", editor)
            Post.objects.filter(pk=original.pk).update(title="Changed since")

    fill(1)
    few = _queries(client, url)
    fill(20)
    assert _queries(client, url) == few
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.select("td.translation-status__row--outdated strong")) == 21
