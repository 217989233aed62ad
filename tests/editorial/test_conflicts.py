"""No lost edits: the second saver is told what changed and gets a merge to check."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.editorial import revisions
from bulletin.posts.models import Status
from tests.editorial.conftest import client_for, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_editor(make_user):
    return make_user("sam", Role.EDITOR)


@pytest.fixture
def post(make_post):
    return make_post(
        status=Status.DRAFT,
        published_at=None,
        title="Library hours",
        summary="Opening hours",
        body="<p>Open 9 to 5.</p>",
    )


def edit_url(post) -> str:
    return reverse("editorial:post_edit", args=[post.pk])


def test_the_second_saver_gets_a_conflict_and_nothing_is_overwritten(
    editor_client, second_editor, post
):
    other = client_for(second_editor)
    editor_client.get(edit_url(post))  # records the baseline revision
    mine = form_data(post, title="Library hours (summer)")
    theirs = form_data(post, title="Library opening hours")

    assert other.post(edit_url(post), theirs).status_code == 302
    response = editor_client.post(edit_url(post), mine)
    assert response.status_code == 409
    post.refresh_from_db()
    assert post.title == "Library opening hours"

    soup = BeautifulSoup(response.content, "html.parser")
    conflict = soup.select_one("section.conflict[role=alert]")
    assert any("opening" in ins.get_text() for ins in conflict.select("ins"))
    # The form holds my text for the field we both changed, and the current version.
    assert soup.select_one("#id_title")["value"] == "Library hours (summer)"
    assert int(soup.select_one("#id_version")["value"]) == post.version

    resubmitted = form_data(post, title="Library hours (summer)")
    assert editor_client.post(edit_url(post), resubmitted).status_code == 302
    post.refresh_from_db()
    assert post.title == "Library hours (summer)"


def test_changes_to_different_fields_are_merged_into_the_form(
    editor_client, second_editor, post
):
    other = client_for(second_editor)
    editor_client.get(edit_url(post))
    mine = form_data(post, summary="Opening hours in summer")
    other.post(edit_url(post), form_data(post, body="<p>Open 8 to 6.</p>"))

    response = editor_client.post(edit_url(post), mine)
    assert response.status_code == 409
    soup = BeautifulSoup(response.content, "html.parser")
    assert "different fields" in soup.select_one("section.conflict").get_text()
    assert (
        soup.select_one("#id_summary").get_text(strip=True) == "Opening hours in summer"
    )
    assert "8 to 6" in soup.select_one("#id_body").get_text()


def test_a_form_without_its_version_cannot_overwrite(editor_client, post):
    data = form_data(post, title="Blind overwrite")
    del data["version"]
    assert editor_client.post(edit_url(post), data).status_code == 409
    post.refresh_from_db()
    assert post.title == "Library hours"


def test_a_status_change_meanwhile_is_also_a_conflict(
    editor_client, second_editor, post
):
    other = client_for(second_editor)
    data = form_data(post, title="New title")
    other.post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {"comment": ""}
    )
    assert editor_client.post(edit_url(post), data).status_code == 409


def test_two_prepared_changes_on_a_published_post_conflict_too(
    editor_client, second_editor, make_post
):
    post = make_post(title="Live")
    other = client_for(second_editor)
    editor_client.get(edit_url(post))
    mine, theirs = (
        form_data(post, title="Mine", save="prepare"),
        form_data(post, title="Theirs", save="prepare"),
    )
    assert other.post(edit_url(post), theirs).status_code == 302
    assert editor_client.post(edit_url(post), mine).status_code == 409
    assert revisions.pending_change(post).data["title"] == "Theirs"


def test_the_edit_page_says_who_else_has_the_post_open(
    editor_client, second_editor, post
):
    other = client_for(second_editor)
    other.get(edit_url(post))
    soup = BeautifulSoup(editor_client.get(edit_url(post)).content, "html.parser")
    assert "sam also has this post open" in soup.select_one("#presence").get_text()
    ping = other.post(reverse("editorial:presence", args=[post.pk]))
    assert "erin also has this post open" in ping.content.decode()


def test_presence_fades_after_two_minutes(
    editor_client, second_editor, post, now, time_machine
):
    from datetime import timedelta

    client_for(second_editor).get(edit_url(post))
    time_machine.move_to(now + timedelta(minutes=3), tick=False)
    soup = BeautifulSoup(editor_client.get(edit_url(post)).content, "html.parser")
    assert "also has" not in soup.select_one("#presence").get_text()
