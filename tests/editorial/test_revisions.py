"""Revisions: one per save, compared field by field, restored as a new revision; and
changes prepared on a published post while the public keeps the published text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial import revisions
from bulletin.editorial.models import Action, RevisionState
from bulletin.posts.models import Status
from tests.editorial.conftest import form_data

pytestmark = pytest.mark.django_db


def edit(client, post, **changes):
    return client.post(
        reverse("editorial:post_edit", args=[post.pk]), form_data(post, **changes)
    )


@pytest.fixture
def draft(author, make_post, make_topic):
    return make_post(
        author=author,
        status=Status.DRAFT,
        published_at=None,
        title="Budget",
        body="<p>The budget is 10 million.</p>",
        topics=[make_topic("Money")],
    )


def test_every_save_stores_a_revision_with_who_and_when(
    author_client, author, draft, now
):
    edit(author_client, draft, title="Budget 2026")
    edit(author_client, draft, body="<p>The budget is 12 million.</p>")
    numbers = list(draft.revisions.values_list("number", flat=True))
    # Revision 1 is the post as it stood before the back office first saved it.
    assert numbers == [3, 2, 1]
    newest = draft.revisions.first()
    assert (newest.created_by, newest.created_at, newest.state) == (
        author,
        now,
        RevisionState.APPLIED,
    )
    assert newest.data["title"] == "Budget 2026"
    assert newest.data["topics"] == list(draft.topics.values_list("pk", flat=True))
    entry = draft.history.first()
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        Action.SAVED,
        author,
        Status.DRAFT,
        Status.DRAFT,
    )

    page = author_client.get(reverse("editorial:revisions", args=[draft.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    rows = soup.select("table.revision-table tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["3", "2", "1"]
    assert "alice" in rows[0].get_text()


def test_the_difference_between_two_revisions_is_marked_word_by_word(
    author_client, draft
):
    edit(author_client, draft, title="Budget 2026")
    edit(author_client, draft, body="<p>The budget is 12 million.</p>")
    response = author_client.get(
        reverse("editorial:revision_diff", args=[draft.pk]), {"a": 2, "b": 3}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    fields = [dt.get_text(strip=True) for dt in soup.select("dl.diff dt")]
    assert fields == ["Body"]
    removed, added = soup.select_one("dl.diff del"), soup.select_one("dl.diff ins")
    assert "10" in removed.get_text() and "12" not in removed.get_text()
    assert "12" in added.get_text() and "10" not in added.get_text()
    # Screen readers hear which words went and came, not only see colours.
    assert "removed" in soup.select_one("dl.diff del .visually-hidden").get_text()

    default = author_client.get(reverse("editorial:revision_diff", args=[draft.pk]))
    assert default.status_code == 200


@pytest.mark.parametrize(
    "query", [{"a": "x", "b": "1"}, {"a": "99", "b": "1"}, {"a": "-1"}]
)
def test_a_bad_comparison_is_a_404(author_client, draft, query):
    edit(author_client, draft, title="Budget 2026")
    assert (
        author_client.get(
            reverse("editorial:revision_diff", args=[draft.pk]), query
        ).status_code
        == 404
    )


def test_restoring_makes_a_new_revision(author_client, author, draft):
    edit(author_client, draft, title="Budget 2026")
    edit(author_client, draft, title="Budget (wrong)")
    response = author_client.post(
        reverse("editorial:revision_restore", args=[draft.pk, 2])
    )
    # 1: as made, 2: "Budget 2026", 3: "Budget (wrong)", 4: restored from 2.
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Budget 2026"
    newest = draft.revisions.first()
    assert (newest.number, newest.data["title"], newest.note) == (
        4,
        "Budget 2026",
        "Restored from revision 2",
    )
    assert draft.history.first().action == Action.RESTORED


def test_a_change_prepared_on_a_published_post_waits_until_it_is_published(
    editor_client, editor, make_post, client, now
):
    post = make_post(title="Open day", body="<p>Come at 10.</p>")
    response = edit(editor_client, post, body="<p>Come at 11.</p>", save="prepare")
    assert response.status_code == 302
    pending = revisions.pending_change(post)
    assert pending is not None and pending.state == RevisionState.PENDING
    entry = post.history.first()
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        Action.CHANGE_PREPARED,
        editor,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )

    public = client.get(post.get_absolute_url())
    assert b"Come at 10." in public.content and b"Come at 11." not in public.content
    preview = editor_client.get(reverse("editorial:preview", args=[post.pk]))
    assert b"Come at 11." in preview.content

    response = editor_client.post(
        reverse("editorial:post_step", args=[post.pk, "publish-change"]),
        {"change_note": "Start time moved to 11:00"},
    )
    assert response.status_code == 302
    public = client.get(post.get_absolute_url())
    soup = BeautifulSoup(public.content, "html.parser")
    assert "Come at 11." in soup.select_one(".post__body").get_text()
    notes = soup.select_one(".change-notes").get_text()
    assert "Start time moved to 11:00" in notes
    assert post.change_notes.get().noted_at == now
    assert revisions.pending_change(post) is None
    assert post.history.first().action == Action.CHANGE_PUBLISHED


def test_editing_a_prepared_change_starts_from_it_and_it_can_be_discarded(
    editor_client, make_post, client
):
    post = make_post(title="Open day")
    edit(editor_client, post, title="Open day (moved)", save="prepare")
    page = editor_client.get(reverse("editorial:post_edit", args=[post.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("#id_title")["value"] == "Open day (moved)"
    assert "editing the change prepared in revision" in page.content.decode()

    editor_client.post(
        reverse("editorial:post_step", args=[post.pk, "discard-change"]), {}
    )
    assert revisions.pending_change(post) is None
    post.refresh_from_db()
    assert post.title == "Open day"
    assert post.history.first().action == Action.CHANGE_DISCARDED


def test_an_editor_publishes_a_correction_at_once_with_a_change_note(
    editor_client, make_post, client
):
    post = make_post(title="Fees", body="<p>5 euros</p>")
    response = edit(
        editor_client,
        post,
        body="<p>6 euros</p>",
        save="publish",
        change_note="Fee corrected",
    )
    assert response.status_code == 302
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    assert "6 euros" in soup.select_one(".post__body").get_text()
    assert "Fee corrected" in soup.select_one(".change-notes").get_text()


def test_restoring_on_a_published_post_prepares_a_change(
    editor_client, make_post, client
):
    post = make_post(title="Original")
    edit(editor_client, post, title="Second", save="publish")
    response = editor_client.post(
        reverse("editorial:revision_restore", args=[post.pk, 1])
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Second"
    assert client.get(post.get_absolute_url()).status_code == 200
    assert revisions.pending_change(post).data["title"] == "Original"


def test_restoring_a_slug_another_post_took_since_is_refused_not_a_crash(
    author_client, author, draft, make_post
):
    edit(author_client, draft, slug="budget-2026")
    make_post(slug="budget", title="Another budget")
    response = author_client.post(
        reverse("editorial:revision_restore", args=[draft.pk, 1])
    )
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.slug == "budget-2026"


def test_a_long_unchanged_text_is_cut_to_the_words_around_the_change():
    words = [f"word{n}" for n in range(200)]
    old = {"body": "<p>" + " ".join(words) + "</p>"}
    new = {"body": "<p>" + " ".join([*words[:100], "CHANGED", *words[101:]]) + "</p>"}
    (change,) = revisions.diff(old, new)
    text = "".join(part for _, part in change.parts)
    assert "word99" in text and "word101" in text and "CHANGED" in text
    assert "word50" not in text and "word150" not in text
    assert text.count("…") == 2


def test_a_comparison_names_the_fields_as_the_form_does(author_client, draft):
    edit(author_client, draft, slug="budget-2026", kind="notice")
    edit(author_client, draft, pinned_until="2026-07-01T09:00", kind="notice")
    response = author_client.get(
        reverse("editorial:revision_diff", args=[draft.pk]), {"a": 1, "b": 3}
    )
    soup = BeautifulSoup(response.content, "html.parser")
    fields = [dt.get_text(strip=True) for dt in soup.select("dl.diff dt")]
    assert fields == ["Kind of post", "Web address", "Pinned on top until"]
