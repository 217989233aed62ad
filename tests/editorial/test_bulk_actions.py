"""Bulk actions on the all-posts list: checked and done post by post, through the same
services as one post, with a confirmation page before and a report after."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse

from bulletin.editorial.models import Action, HistoryEntry
from bulletin.posts.models import ContentVersion, Post, Status

pytestmark = pytest.mark.django_db


def confirm_page(client, action: str, posts, **extra):
    return client.post(
        reverse("editorial:bulk"),
        {
            "action": action,
            "post": [p.pk for p in posts],
            "back": "?kind=news",
            **extra,
        },
    )


def confirm(client, action: str, posts, **extra):
    return confirm_page(client, action, posts, confirm="1", **extra)


def report_rows(client) -> dict[str, str]:
    page = client.get(reverse("editorial:bulk_report"))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    return {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in soup.select("table.bulk-report tbody tr")
    }


def plan_rows(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in soup.select("table.bulk-plan tbody tr")
    }


def version() -> int:
    row = ContentVersion.objects.filter(pk=1).first()
    return row.value if row else 0


def test_the_list_offers_a_box_per_post_inside_the_bulk_form(editor_client, make_post):
    post = make_post(title="Bins")
    soup = BeautifulSoup(
        editor_client.get(reverse("editorial:posts")).content, "html.parser"
    )
    form = soup.select_one("form.bulk-form")
    assert form["action"] == reverse("editorial:bulk")
    box = form.select_one(f"input[name=post][value='{post.pk}']")
    assert soup.find("label", attrs={"for": box["id"]}).get_text(strip=True) == (
        "Select “Bins”"
    )
    assert [o["value"] for o in form.select("select[name=action] option")] == [
        "publish",
        "withdraw",
        "add-topic",
        "remove-topic",
        "delete",
    ]


def test_an_editor_withdraws_two_posts_with_one_note(editor_client, make_post, editor):
    first, second = make_post(title="First"), make_post(title="Second")
    draft = make_post(title="Draft", status=Status.DRAFT, published_at=None)
    page = confirm_page(editor_client, "withdraw", [first, second, draft])
    assert page.status_code == 200
    assert plan_rows(page) == {
        "First": "Will be withdrawn, with the note below",
        "Second": "Will be withdrawn, with the note below",
        "Draft": "Skipped: This step is not possible while the post is “Draft”.",
    }
    assert "Withdraw 2 posts" in page.content.decode()
    assert Post.objects.filter(status=Status.WITHDRAWN).count() == 0  # asked first
    soup = BeautifulSoup(page.content, "html.parser")
    carried = {box["value"] for box in soup.select("form input[name=post]")}
    # The skipped one goes on too, so the report accounts for every post chosen.
    assert carried == {str(p.pk) for p in (first, second, draft)}

    before = version()
    response = confirm(
        editor_client,
        "withdraw",
        [first, second, draft],
        note="Replaced by the 2027 plan.",
    )
    assert response.status_code == 302
    for post in (first, second):
        post.refresh_from_db()
        assert post.status == Status.WITHDRAWN
        assert post.withdrawal_note == "Replaced by the 2027 plan."
        assert post.history.filter(action=Action.WITHDRAWN, actor=editor).exists()
    # One raise of the public content version for the whole action.
    assert version() == before + 1
    assert report_rows(editor_client) == {
        "First": "Done: Withdrawn",
        "Second": "Done: Withdrawn",
        "Draft": "Skipped: This step is not possible while the post is “Draft”.",
    }
    report = BeautifulSoup(
        editor_client.get(reverse("editorial:bulk_report")).content, "html.parser"
    )
    back = report.find("a", string="Back to the list")["href"]
    assert back == reverse("editorial:posts") + "?kind=news"


def test_a_withdrawal_needs_its_note(editor_client, make_post):
    post = make_post(title="Kept up")
    response = confirm(editor_client, "withdraw", [post], note="   ")
    assert response.status_code == 400
    assert "Write the withdrawal note readers will see." in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED


def test_publishing_is_checked_post_by_post(editor_client, make_post):
    ready = make_post(title="Ready", status=Status.IN_REVIEW, published_at=None)
    live = make_post(title="Live")
    no_alt = make_post(
        title="Map without alt",
        status=Status.DRAFT,
        published_at=None,
        body='<p>Map</p><img src="/m.png">',
    )
    confirm(editor_client, "publish", [ready, live, no_alt])
    assert report_rows(editor_client) == {
        "Ready": "Done: Published",
        "Live": "Skipped: This step is not possible while the post is “Published”.",
        "Map without alt": (
            "Skipped: An image in the text has no alt text. Describe it before publishing."
        ),
    }
    ready.refresh_from_db()
    assert ready.status == Status.PUBLISHED


def test_an_author_may_not_publish_or_withdraw_in_bulk(
    author_client, author, make_post
):
    mine = make_post(
        title="Mine", author=author, status=Status.IN_REVIEW, published_at=None
    )
    soup = BeautifulSoup(
        author_client.get(reverse("editorial:posts")).content, "html.parser"
    )
    offered = [o["value"] for o in soup.select("select[name=action] option")]
    assert "publish" not in offered and "withdraw" not in offered
    response = confirm(author_client, "publish", [mine])
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.status == Status.IN_REVIEW


def test_authors_delete_their_own_drafts_only(
    author_client, author, other_author, make_post
):
    mine = make_post(
        title="My draft", author=author, status=Status.DRAFT, published_at=None
    )
    submitted = make_post(
        title="My submitted", author=author, status=Status.IN_REVIEW, published_at=None
    )
    theirs = make_post(
        title="Their draft", author=other_author, status=Status.DRAFT, published_at=None
    )
    page = confirm_page(author_client, "delete", [mine, submitted, theirs])
    assert plan_rows(page) == {
        "My draft": "Will be deleted for good",
        "My submitted": (
            "Skipped: Only drafts are deleted; withdraw a published post instead."
        ),
        f"#{theirs.pk}": "Skipped: Not found: deleted, or not yours to see",
    }
    confirm(author_client, "delete", [mine, submitted, theirs])
    assert not Post.objects.filter(pk=mine.pk).exists()
    assert Post.objects.filter(pk__in=[submitted.pk, theirs.pk]).count() == 2
    rows = report_rows(author_client)
    assert rows["My draft"] == "Done: Deleted"
    assert rows[f"#{theirs.pk}"].startswith("Skipped: Not found")


def test_an_editor_deletes_anyones_draft_but_never_a_published_post(
    editor_client, author, make_post
):
    draft = make_post(
        title="Their draft", author=author, status=Status.DRAFT, published_at=None
    )
    live = make_post(title="Live one", author=author)
    before = version()
    confirm(editor_client, "delete", [draft, live])
    assert not Post.objects.filter(pk=draft.pk).exists()
    assert Post.objects.filter(pk=live.pk).exists()
    assert version() == before  # a draft never seen changes nothing public


def test_a_topic_is_added_and_removed_with_a_history_line(
    editor_client, make_post, make_topic
):
    parks = make_topic("Parks")
    has_it = make_post(title="Has it", topics=[parks])
    lacks_it = make_post(title="Lacks it")
    draft = make_post(title="Draft", status=Status.DRAFT, published_at=None)
    confirm(editor_client, "add-topic", [has_it, lacks_it, draft], topic=parks.pk)
    assert report_rows(editor_client) == {
        "Has it": "Skipped: It already has this topic.",
        "Lacks it": "Done: Topic “Parks” added",
        "Draft": "Done: Topic “Parks” added",
    }
    assert set(parks.posts.values_list("title", flat=True)) == {
        "Has it",
        "Lacks it",
        "Draft",
    }
    entry = lacks_it.history.get()
    assert (entry.action, entry.comment) == (
        Action.CHANGE_PUBLISHED,
        "Topic added: Parks",
    )
    assert lacks_it.revisions.order_by("-number").first().data["topics"] == [parks.pk]

    confirm(editor_client, "remove-topic", [has_it, lacks_it], topic=parks.pk)
    assert list(parks.posts.values_list("title", flat=True)) == ["Draft"]


def test_a_topic_action_needs_a_topic(editor_client, make_post):
    post = make_post()
    response = confirm(editor_client, "add-topic", [post])
    assert response.status_code == 400
    assert "Choose the topic." in response.content.decode()


def test_a_post_with_a_prepared_change_keeps_its_topics(
    editor_client, editor, make_post, make_topic
):
    from bulletin.editorial import services
    from tests.editorial.conftest import form_data

    post = make_post(title="Being edited")
    services.ensure_baseline(post)
    data = form_data(post, summary="New words")
    services.save_post(
        post,
        editor,
        data,
        version=int(data["version"]),
        base_revision=data["base_revision"],
    )
    confirm(editor_client, "add-topic", [post], topic=make_topic("Roads").pk)
    assert report_rows(editor_client) == {
        "Being edited": (
            "Skipped: It has a prepared change: publish or discard that first."
        )
    }


@pytest.fixture
def history_fails_for(db):
    """A real database error while one post's step is half written: its history row
    cannot be inserted (a trigger refuses it)."""
    made = []

    def arm(post: Post) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE FUNCTION refuse_history() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'refused'; END; $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    "CREATE TRIGGER refuse_history BEFORE INSERT ON "
                    "editorial_historyentry FOR EACH ROW WHEN "
                    f"(NEW.post_id = {int(post.pk)}) EXECUTE FUNCTION refuse_history()"
                )
            else:
                cursor.execute(
                    "CREATE TRIGGER refuse_history BEFORE INSERT ON "
                    f"editorial_historyentry WHEN NEW.post_id = {int(post.pk)} "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
        made.append(True)

    yield arm
    if made:
        with connection.cursor() as cursor:
            cursor.execute(
                "DROP TRIGGER IF EXISTS refuse_history"
                + (
                    " ON editorial_historyentry"
                    if connection.vendor == "postgresql"
                    else ""
                )
            )
            if connection.vendor == "postgresql":
                cursor.execute("DROP FUNCTION IF EXISTS refuse_history()")


def test_a_failing_post_is_left_whole_and_the_others_done(
    editor_client, make_post, history_fails_for
):
    first, broken, last = (make_post(title=t) for t in ("First", "Broken", "Last"))
    history_fails_for(broken)
    confirm(editor_client, "withdraw", [first, broken, last], note="Gone.")
    broken.refresh_from_db()
    # Its status had been written when the history row failed: all of it rolled back.
    assert (broken.status, broken.withdrawal_note, broken.version) == (
        Status.PUBLISHED,
        "",
        1,
    )
    assert not HistoryEntry.objects.filter(post=broken).exists()
    assert Post.objects.filter(status=Status.WITHDRAWN).count() == 2
    assert report_rows(editor_client)["Broken"] == (
        "Skipped: Could not be saved; nothing was changed. Try it again."
    )


def test_nothing_selected_says_so(editor_client):
    response = editor_client.post(
        reverse("editorial:bulk"), {"action": "publish", "back": ""}
    )
    assert response.status_code == 400
    assert "Select one or more posts first." in response.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"action": "explode", "post": ["1"]},
        {"action": "publish", "post": ["x"]},
        {"action": "publish", "post": ["9" * 40]},
        # Digits to str.isdigit(), yet not ASCII: int() refuses "²", reads "١" as 1.
        {"action": "publish", "post": ["²"]},
        {"action": "publish", "post": ["١"]},
    ],
)
def test_bad_bulk_requests_are_a_clear_400(editor_client, bad):
    assert editor_client.post(reverse("editorial:bulk"), bad).status_code == 400


def test_ids_that_are_not_ids_are_explained(editor_client, make_post):
    post = make_post(title="Kept")
    response = editor_client.post(
        reverse("editorial:bulk"),
        {
            "action": "withdraw",
            "post": [str(post.pk), "²"],
            "note": "x",
            "confirm": "1",
        },
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "The selection is not valid" in soup.select_one(".error-summary").text
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED


def test_more_posts_than_one_action_takes_are_refused_not_cut_short(
    editor_client, make_post, monkeypatch
):
    from bulletin.editorial import bulk

    monkeypatch.setattr(bulk, "MOST", 2)
    posts = [make_post(title=f"Post {n}") for n in range(3)]
    response = confirm(editor_client, "withdraw", posts, note="Gone.")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Choose at most 2 posts at a time." in soup.select_one(".error-summary").text
    assert not Post.objects.filter(status=Status.WITHDRAWN).exists()
    # The same post ticked twice counts once.
    twice = confirm_page(editor_client, "withdraw", [posts[0], posts[0], posts[1]])
    assert twice.status_code == 200


def test_the_way_back_never_leaves_the_back_office(editor_client, make_post):
    post = make_post()
    confirm(editor_client, "withdraw", [post], note="x", back="//evil.example/?a=1")
    report = BeautifulSoup(
        editor_client.get(reverse("editorial:bulk_report")).content, "html.parser"
    )
    back = report.find("a", string="Back to the list")["href"]
    assert back.startswith(reverse("editorial:posts") + "?")


def test_the_report_without_an_action_goes_to_the_list(editor_client):
    response = editor_client.get(reverse("editorial:bulk_report"))
    assert response.status_code == 302
    assert response["Location"] == reverse("editorial:posts")
