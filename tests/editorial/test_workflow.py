"""Each workflow step over HTTP, with the history entry it leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial.models import Action, HistoryEntry
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def step_url(post, step: str) -> str:
    return reverse("editorial:post_step", args=[post.pk, step])


def last_entry(post) -> HistoryEntry:
    return post.history.first()


def test_an_author_writes_a_draft_and_it_is_recorded(author_client, author, now):
    response = author_client.post(
        reverse("editorial:post_create"),
        {
            "kind": "news",
            "title": "Road works",
            "body": "<p>Main street</p>",
            "language": "en",
        },
    )
    assert response.status_code == 302
    entry = HistoryEntry.objects.get()
    post = entry.post
    assert (post.status, post.author, post.revisions.count()) == (
        Status.DRAFT,
        author,
        1,
    )
    assert (entry.action, entry.actor, entry.to_status) == (
        Action.CREATED,
        author,
        Status.DRAFT,
    )


def test_the_post_form_shows_an_error_summary_linked_to_the_field(author_client):
    response = author_client.post(reverse("editorial:post_create"), {"kind": "news"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary[role=alert]")
    assert summary is not None
    assert summary.select_one('a[href="#id_title"]') is not None
    assert soup.select_one('label[for="id_title"]') is not None


def test_submit_then_publish_records_each_transition(
    author_client, editor_client, author, editor, make_post, now
):
    post = make_post(author=author, status=Status.DRAFT, published_at=None)
    response = author_client.post(step_url(post, "submit"), {"comment": "Ready"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW
    entry = last_entry(post)
    assert (
        entry.action,
        entry.actor,
        entry.from_status,
        entry.to_status,
        entry.comment,
    ) == (Action.SUBMITTED, author, Status.DRAFT, Status.IN_REVIEW, "Ready")

    response = editor_client.post(
        step_url(post, "publish"), {"published_at": "", "comment": ""}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.status, post.published_at) == (Status.PUBLISHED, now)
    entry = last_entry(post)
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        Action.PUBLISHED,
        editor,
        Status.IN_REVIEW,
        Status.PUBLISHED,
    )
    assert author_client.get(post.get_absolute_url()).status_code == 200


def test_an_editor_sends_a_post_back_with_a_comment(editor_client, editor, make_post):
    post = make_post(status=Status.IN_REVIEW, published_at=None)
    refused = editor_client.post(step_url(post, "send-back"), {"comment": ""})
    assert refused.status_code == 400
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW

    response = editor_client.post(
        step_url(post, "send-back"), {"comment": "Add the date"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.DRAFT
    entry = last_entry(post)
    assert (entry.action, entry.comment, entry.from_status, entry.to_status) == (
        Action.SENT_BACK,
        "Add the date",
        Status.IN_REVIEW,
        Status.DRAFT,
    )
    page = editor_client.get(reverse("editorial:post", args=[post.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    assert "Add the date" in soup.select_one(".history").get_text()


def test_scheduling_then_unscheduling(editor_client, editor, make_post, now):
    post = make_post(status=Status.IN_REVIEW, published_at=None)
    editor_client.post(step_url(post, "publish"), {"published_at": "2026-06-16T09:00"})
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert post.published_at == now.replace(day=16, hour=9)
    assert last_entry(post).action == Action.SCHEDULED

    editor_client.post(
        step_url(post, "unschedule"), {"comment": "Wait for the minister"}
    )
    post.refresh_from_db()
    assert (post.status, post.published_at) == (Status.IN_REVIEW, None)
    entry = last_entry(post)
    assert (entry.action, entry.from_status, entry.to_status) == (
        Action.UNSCHEDULED,
        Status.PUBLISHED,
        Status.IN_REVIEW,
    )


def test_a_scheduled_post_appears_on_the_list_and_its_page_at_its_time(
    editor_client, make_post, client, now, time_machine
):
    post = make_post(title="Pool reopens", status=Status.IN_REVIEW, published_at=None)
    editor_client.post(step_url(post, "publish"), {"published_at": "2026-06-16T09:00"})
    post.refresh_from_db()
    list_url = reverse("public:list")

    def titles():
        soup = BeautifulSoup(client.get(list_url).content, "html.parser")
        return [a.get_text(strip=True) for a in soup.select("main h2 a, main h3 a")]

    time_machine.move_to(now.replace(day=16, hour=8, minute=59, second=59), tick=False)
    assert "Pool reopens" not in titles()
    assert client.get(post.get_absolute_url()).status_code == 404

    time_machine.move_to(now.replace(day=16, hour=9), tick=False)
    assert "Pool reopens" in titles()
    assert client.get(post.get_absolute_url()).status_code == 200


def test_withdrawing_needs_a_note_and_the_address_then_shows_it(
    editor_client, editor, make_post, client, now
):
    post = make_post(title="Wrong figures", body="<p>Secret body text</p>")
    refused = editor_client.post(step_url(post, "withdraw"), {"note": ""})
    assert refused.status_code == 400

    editor_client.post(step_url(post, "withdraw"), {"note": "The figures were wrong."})
    post.refresh_from_db()
    assert (post.status, post.withdrawn_at) == (Status.WITHDRAWN, now)
    entry = last_entry(post)
    assert (entry.action, entry.from_status, entry.to_status, entry.comment) == (
        Action.WITHDRAWN,
        Status.PUBLISHED,
        Status.WITHDRAWN,
        "The figures were wrong.",
    )

    response = client.get(post.get_absolute_url())
    assert response.status_code == 410
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("main h1").get_text(strip=True) == "Wrong figures"
    assert "The figures were wrong." in soup.select_one("main").get_text()
    assert "Secret body text" not in response.content.decode()
    assert soup.select_one("main time")["datetime"].startswith("2026-06-15")


def test_a_withdrawn_post_is_republished_with_its_original_date(
    editor_client, make_post, now
):
    post = make_post(status=Status.WITHDRAWN, withdrawn_at=now, withdrawal_note="Oops")
    original = post.published_at
    editor_client.post(step_url(post, "publish"), {"published_at": ""})
    post.refresh_from_db()
    assert (post.status, post.published_at, post.withdrawn_at) == (
        Status.PUBLISHED,
        original,
        None,
    )
    assert last_entry(post).from_status == Status.WITHDRAWN


def test_a_step_the_status_does_not_allow_is_refused_with_409(editor_client, make_post):
    post = make_post(status=Status.DRAFT, published_at=None)
    response = editor_client.post(step_url(post, "withdraw"), {"note": "Nope"})
    assert response.status_code == 409
    post.refresh_from_db()
    assert post.status == Status.DRAFT
    assert not post.history.exists()


def test_every_save_raises_the_version(author_client, author, make_post):
    from tests.editorial.conftest import form_data

    post = make_post(author=author, status=Status.DRAFT, published_at=None)
    before = post.version
    author_client.post(
        reverse("editorial:post_edit", args=[post.pk]), form_data(post, title="A")
    )
    post.refresh_from_db()
    assert (post.title, post.version) == ("A", before + 1)
    author_client.post(step_url(post, "submit"), {"comment": ""})
    post.refresh_from_db()
    assert post.version == before + 2


def test_the_dashboard_answers_each_persons_questions(
    author_client, editor_client, author, other_author, make_post, now
):
    mine = make_post(
        title="My draft", author=author, status=Status.DRAFT, published_at=None
    )
    theirs = make_post(
        title="Bob's draft", author=other_author, status=Status.DRAFT, published_at=None
    )
    review = make_post(
        title="For review",
        author=other_author,
        status=Status.IN_REVIEW,
        published_at=None,
    )
    make_post(title="Tomorrow", published_at=now + timedelta(days=1))
    make_post(title="Yesterday", published_at=now - timedelta(days=1))

    def section(client, key):
        soup = BeautifulSoup(
            client.get(reverse("editorial:dashboard")).content, "html.parser"
        )
        region = soup.select_one(f'section[aria-labelledby="section-{key}"]')
        return [a.get_text(strip=True) for a in region.select("tbody th a")]

    assert section(author_client, "drafts") == [mine.title]
    assert theirs.title not in section(author_client, "review")
    assert section(editor_client, "review") == [review.title]
    assert section(editor_client, "scheduled") == ["Tomorrow"]
    assert "Yesterday" in section(editor_client, "published")
    soup = BeautifulSoup(
        editor_client.get(reverse("editorial:dashboard")).content, "html.parser"
    )
    actions = soup.select_one('section[aria-labelledby="section-review"] td.actions')
    assert actions.select_one(f'a[href="{step_url(review, "publish")}"]') is not None


def test_the_job_runner_records_when_a_scheduled_post_goes_live(
    editor_client, make_post, now, time_machine
):
    from bulletin.scheduling.worker import run_once

    post = make_post(status=Status.IN_REVIEW, published_at=None)
    editor_client.post(step_url(post, "publish"), {"published_at": "2026-06-16T09:00"})
    run_once()
    assert last_entry(post).action == Action.SCHEDULED

    time_machine.move_to(now.replace(day=16, hour=9, minute=1), tick=False)
    run_once()
    entry = last_entry(post)
    assert (entry.action, entry.actor, entry.at) == (
        Action.WENT_LIVE,
        None,
        now.replace(day=16, hour=9, minute=1),
    )
    assert "2026-06-16T09:00" in entry.comment


def test_a_notice_leaves_the_list_at_its_expiry_and_stays_at_its_address(
    author_client, editor_client, client, now, time_machine
):
    author_client.post(
        reverse("editorial:post_create"),
        {
            "kind": "notice",
            "title": "Water cut",
            "language": "en",
            "expires_at": "2026-06-20T18:00",
        },
    )
    post = HistoryEntry.objects.get().post
    editor_client.post(step_url(post, "publish"), {"published_at": ""})
    post.refresh_from_db()

    def listed():
        soup = BeautifulSoup(client.get(reverse("public:list")).content, "html.parser")
        return "Water cut" in soup.select_one("main").get_text()

    time_machine.move_to(now.replace(day=20, hour=17, minute=59), tick=False)
    assert listed()
    time_machine.move_to(now.replace(day=20, hour=18), tick=False)
    assert not listed()
    from bulletin.scheduling.worker import run_once

    run_once()
    entry = post.history.get(action=Action.EXPIRED)
    assert (entry.actor, entry.at) == (None, now.replace(day=20, hour=18))
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert "This notice has expired." in page.content.decode()


def test_the_dashboard_costs_the_same_queries_for_many_posts(
    editor_client, editor, make_post, now, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(reverse("editorial:dashboard")).status_code == 200
        return len(queries)

    for _ in range(2):
        make_post(author=editor, status=Status.DRAFT, published_at=None)
        make_post(status=Status.IN_REVIEW, published_at=None)
    few = count()
    for _ in range(8):
        make_post(author=editor, status=Status.DRAFT, published_at=None)
        make_post(status=Status.IN_REVIEW, published_at=None)
        make_post(published_at=now + timedelta(days=1))
    assert count() == few


def test_a_post_with_an_image_without_alt_text_cannot_be_published(
    editor_client, make_post
):
    post = make_post(
        status=Status.IN_REVIEW,
        published_at=None,
        body='<p>Map:</p><img src="/m.png"><img src="/n.png" alt="  ">',
    )
    page = editor_client.get(reverse("editorial:post", args=[post.pk]))
    assert "2 images in the text have no alt text" in page.content.decode()
    response = editor_client.post(step_url(post, "publish"), {"published_at": ""})
    assert response.status_code == 409
    assert "no alt text" in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW

    post.body = '<p>Map:</p><img src="/m.png" alt="Map of the closed streets">'
    post.save()
    assert (
        editor_client.post(step_url(post, "publish"), {"published_at": ""}).status_code
        == 302
    )


def test_a_change_adding_an_image_without_alt_text_is_not_published(
    editor_client, make_post
):
    from tests.editorial.conftest import form_data

    post = make_post(body="<p>Text</p>")
    url = reverse("editorial:post_edit", args=[post.pk])
    body = '<p>Text</p><img src="/x.png">'
    assert (
        editor_client.post(url, form_data(post, body=body, save="publish")).status_code
        == 409
    )
    assert (
        editor_client.post(url, form_data(post, body=body, save="prepare")).status_code
        == 302
    )
    response = editor_client.post(step_url(post, "publish-change"), {"change_note": ""})
    assert response.status_code == 409
    post.refresh_from_db()
    assert "x.png" not in post.body
