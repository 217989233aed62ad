"""Work is never lost: the form's fields are kept on the server while someone types,
offered back on the next visit, and thrown away once saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial.models import Autosave
from bulletin.posts.models import Status
from tests.editorial.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(author, make_post):
    return make_post(author=author, status=Status.DRAFT, published_at=None)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_what_is_typed_in_a_new_post_is_kept_and_offered_back(
    author_client, author, now
):
    response = author_client.post(
        reverse("editorial:autosave_new"),
        {"kind": "news", "title": "Half-written", "body": "<p>Some words</p>"},
    )
    assert (
        response.status_code == 200
        and "kept on the server" in response.json()["message"]
    )
    assert Autosave.objects.get(user=author, post=None).data["title"] == [
        "Half-written"
    ]

    page = soup_of(author_client.get(reverse("editorial:post_create")))
    banner = page.select_one("section.kept")
    assert "not saved" in banner.h2.text
    assert page.select_one("#id_title").get("value") is None, "not restored unasked"

    restored = soup_of(
        author_client.get(reverse("editorial:post_create"), {"restore": 1})
    )
    assert restored.select_one("#id_title")["value"] == "Half-written"
    assert "Some words" in restored.select_one("#id_body").text
    assert not restored.select(".error-summary"), "a restored form is not judged"


def test_saving_the_post_throws_the_kept_copy_away(author_client, author):
    author_client.post(reverse("editorial:autosave_new"), {"title": "Kept"})
    response = author_client.post(
        reverse("editorial:post_create"),
        {"kind": "news", "title": "Kept", "language": "en", "version": 0},
    )
    assert response.status_code == 302, response.content
    assert not Autosave.objects.filter(user=author).exists()


def test_a_failed_save_keeps_everything_typed_and_the_kept_copy(
    author_client, author, draft
):
    url = reverse("editorial:post_edit", args=[draft.pk])
    author_client.post(reverse("editorial:autosave", args=[draft.pk]), {"title": ""})
    response = author_client.post(
        url, form_data(draft, title="", body="<p>Three paragraphs of work</p>")
    )
    assert response.status_code == 200
    page = soup_of(response)
    assert page.select_one(".error-summary")
    assert "Three paragraphs of work" in page.select_one("#id_body").text
    assert page.select_one("form.post-form")["data-changed"] == "true"
    assert Autosave.objects.filter(user=author, post=draft).exists()


def test_a_kept_edit_restores_with_its_version_so_a_later_save_meets_the_conflict_check(
    author_client, editor_client, author, draft, time_machine, now
):
    edit = reverse("editorial:post_edit", args=[draft.pk])
    author_client.get(edit)
    author_client.post(
        reverse("editorial:autosave", args=[draft.pk]),
        form_data(draft, title="My unsaved title"),
    )
    time_machine.move_to(now + timedelta(minutes=5))
    editor_client.post(edit, form_data(draft, summary="Editor's summary"))

    restored = soup_of(author_client.get(edit, {"restore": 1}))
    assert restored.select_one("#id_title")["value"] == "My unsaved title"
    data = {
        field["name"]: field.get("value", "")
        for field in restored.select("form.post-form input[type=hidden]")
    }
    response = author_client.post(
        edit, form_data(draft, title="My unsaved title", version=data["version"])
    )
    assert response.status_code == 409, "the editor's save in between is not lost"


def test_kept_changes_can_be_thrown_away(author_client, author, draft):
    author_client.post(reverse("editorial:autosave", args=[draft.pk]), {"title": "x"})
    response = author_client.post(
        reverse("editorial:autosave_discard", args=[draft.pk])
    )
    assert response.status_code == 302
    assert not Autosave.objects.filter(user=author).exists()


def test_nobody_keeps_a_copy_of_a_post_they_may_not_edit(other_author, draft, client):
    client.force_login(other_author)
    response = client.post(
        reverse("editorial:autosave", args=[draft.pk]), {"title": "x"}
    )
    assert response.status_code == 404
    assert not Autosave.objects.exists()


def test_the_kept_copy_is_one_row_per_person_and_post(author_client, author, draft):
    for title in ("one", "two", "three"):
        author_client.post(
            reverse("editorial:autosave", args=[draft.pk]), {"title": title}
        )
    kept = Autosave.objects.get(user=author, post=draft)
    assert kept.data["title"] == ["three"]
