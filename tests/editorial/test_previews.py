"""Previews look like the public page; share links show one post, expire and can be
revoked; nothing from the back office is cached."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial import previews
from bulletin.editorial.models import PreviewLink
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(author, make_post, make_topic):
    return make_post(
        author=author,
        status=Status.DRAFT,
        published_at=None,
        title="Draft plan",
        summary="The plan in brief",
        body="<p>Draft body</p>",
        topics=[make_topic("Planning")],
    )


def share(client, post) -> str:
    client.post(reverse("editorial:link_create", args=[post.pk]))
    return reverse("editorial:shared", args=[previews.token(post.preview_links.get())])


def test_the_author_sees_the_draft_drawn_by_the_public_template(author_client, draft):
    response = author_client.get(reverse("editorial:preview", args=[draft.pk]))
    assert response.status_code == 200
    assert "public/post_detail.html" in [t.name for t in response.templates]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("main article h1").get_text(strip=True) == "Draft plan"
    assert soup.select_one(".post__summary").get_text(strip=True) == "The plan in brief"
    assert "Draft body" in soup.select_one(".post__body").get_text()
    assert [a.get_text() for a in soup.select(".post-topics a")] == ["Planning"]
    assert soup.select_one('meta[name="robots"]')["content"].startswith("noindex")


def test_a_share_link_shows_that_one_post_to_anyone(
    author_client, client, draft, make_post
):
    url = share(author_client, draft)
    response = client.get(url)
    assert response.status_code == 200
    assert (
        "Draft body"
        in BeautifulSoup(response.content, "html.parser")
        .select_one(".post__body")
        .get_text()
    )
    assert (
        "private" in response["Cache-Control"]
        and "no-store" in response["Cache-Control"]
    )
    # The link opens nothing else: not the back office, not other drafts.
    other = make_post(status=Status.DRAFT, published_at=None)
    assert client.get(reverse("editorial:preview", args=[other.pk])).status_code == 302
    assert client.get(reverse("editorial:preview", args=[draft.pk])).status_code == 302
    assert client.get(reverse("editorial:dashboard")).status_code == 302


def test_a_share_link_expires_after_seven_days(
    author_client, client, draft, now, time_machine
):
    url = share(author_client, draft)
    link = draft.preview_links.get()
    assert link.expires_at == now + timedelta(days=7)
    time_machine.move_to(now + timedelta(days=7) - timedelta(seconds=1), tick=False)
    assert client.get(url).status_code == 200
    time_machine.move_to(now + timedelta(days=7), tick=False)
    assert client.get(url).status_code == 404


def test_a_revoked_share_link_stops_working(author_client, client, draft):
    url = share(author_client, draft)
    link = draft.preview_links.get()
    response = author_client.post(
        reverse("editorial:link_revoke", args=[draft.pk, link.pk])
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 404


def test_an_altered_or_unsigned_share_link_is_a_404(author_client, client, draft):
    url = share(author_client, draft)
    key = draft.preview_links.get().key
    assert client.get(url[:-3] + "abc/").status_code == 404
    assert client.get(reverse("editorial:shared", args=[key])).status_code == 404


def test_someone_else_cannot_revoke_an_authors_link(author_client, draft, make_user):
    from bulletin.accounts.roles import Role
    from tests.editorial.conftest import client_for

    share(author_client, draft)
    link = draft.preview_links.get()
    stranger = client_for(make_user("carl", Role.AUTHOR))
    assert (
        stranger.post(
            reverse("editorial:link_revoke", args=[draft.pk, link.pk])
        ).status_code
        == 404
    )
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_link_to_a_post_that_was_deleted_is_a_404(author_client, client, draft):
    url = share(author_client, draft)
    draft.delete()
    assert not PreviewLink.objects.exists()
    assert client.get(url).status_code == 404


def test_every_back_office_page_answers_private_no_store(
    editor_client, editor, make_post, client
):
    post = make_post(author=editor)
    editor_client.post(reverse("editorial:link_create", args=[post.pk]))
    link = post.preview_links.get()
    urls = [
        reverse("editorial:dashboard"),
        reverse("editorial:post_create"),
        reverse("editorial:post", args=[post.pk]),
        reverse("editorial:post_edit", args=[post.pk]),
        reverse("editorial:post_step", args=[post.pk, "withdraw"]),
        reverse("editorial:revisions", args=[post.pk]),
        reverse("editorial:attachments", args=[post.pk]),
        reverse("editorial:preview", args=[post.pk]),
        reverse("editorial:shared", args=[previews.token(link)]),
        reverse("editorial:topics"),
        reverse("editorial:post", args=[999999]),
    ]
    for url in urls:
        response = editor_client.get(url)
        assert response.status_code in (200, 404), url
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url
    signed_out = client.get(reverse("editorial:dashboard"))
    assert "no-store" in signed_out["Cache-Control"]


def test_a_previews_documents_open_through_the_preview_only(
    author_client, client, draft, make_post, make_attachment
):
    item = make_attachment(draft, data=b"%PDF-1.4\n%%EOF\n")
    other = make_attachment(make_post(status=Status.DRAFT, published_at=None))
    assert client.get(item.get_absolute_url()).status_code == 404  # not public yet

    staff_page = author_client.get(reverse("editorial:preview", args=[draft.pk]))
    link = BeautifulSoup(staff_page.content, "html.parser").select_one(".attachments a")
    download = author_client.get(link["href"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    url = share(author_client, draft)
    shared_page = client.get(url)
    assert shared_page["Referrer-Policy"] == "no-referrer"
    link = BeautifulSoup(shared_page.content, "html.parser").select_one(
        ".attachments a"
    )
    assert client.get(link["href"]).status_code == 200
    # The same link cannot reach another post's document.
    token = url.rstrip("/").rsplit("/", 1)[-1]
    foreign = reverse(
        "editorial:shared_document", args=[token, other.pk, other.filename]
    )
    assert client.get(foreign).status_code == 404
    draft.preview_links.update(revoked_at=draft.created_at)
    assert client.get(link["href"]).status_code == 404


def test_a_previews_document_whose_file_is_gone_from_storage_answers_404(
    author_client, draft, make_attachment
):
    item = make_attachment(draft)
    item.file.storage.delete(item.file.name)
    url = reverse("editorial:preview_document", args=[draft.pk, item.pk, item.filename])
    assert author_client.get(url).status_code == 404


@pytest.fixture
def published_with_document(author, make_post, make_attachment):
    post = make_post(author=author, body="<p>Published body</p>")
    return post, make_attachment(post)


def document_url(url: str, item) -> str:
    token = url.rstrip("/").rsplit("/", 1)[1]
    return reverse("editorial:shared_document", args=[token, item.pk, item.filename])


def test_withdrawing_a_post_ends_its_share_links(
    editor_client, client, published_with_document
):
    post, item = published_with_document
    url = share(editor_client, post)
    assert client.get(url).status_code == 200
    assert client.get(document_url(url, item)).status_code == 200
    response = editor_client.post(
        reverse("editorial:post_step", args=[post.pk, "withdraw"]),
        {"note": "Published by mistake."},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.WITHDRAWN
    # The link made before the withdrawal shows nothing any more.
    shown = client.get(url)
    assert shown.status_code == 404
    assert b"Published body" not in shown.content
    assert client.get(document_url(url, item)).status_code == 404
    assert post.preview_links.get().revoked_at is not None


def test_a_link_made_before_a_withdrawal_elsewhere_stops_too(
    editor_client, client, published_with_document
):
    """Withdrawn without the workflow (a save in the admin, a load): same end."""
    post, _ = published_with_document
    url = share(editor_client, post)
    post.status = Status.WITHDRAWN
    post.withdrawal_note = "Gone"
    post.save()
    assert client.get(url).status_code == 404


def test_no_share_link_can_be_made_for_a_withdrawn_post(
    editor_client, published_with_document
):
    post, _ = published_with_document
    post.status = Status.WITHDRAWN
    post.withdrawal_note = "Gone"
    post.save()
    response = editor_client.post(reverse("editorial:link_create", args=[post.pk]))
    assert response.status_code == 409
    assert "withdrawn post cannot be shared" in response.content.decode()
    assert not post.preview_links.exists()


def test_deleting_a_post_ends_its_share_links(
    editor_client, client, published_with_document
):
    post, _ = published_with_document
    url = share(editor_client, post)
    post.delete()
    assert client.get(url).status_code == 404
