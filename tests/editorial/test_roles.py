"""What each role may and may not do, tried over HTTP, forged requests included."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bulletin.accounts.roles import Role, role_of
from bulletin.posts.models import Status, Topic
from tests.editorial.conftest import client_for, form_data

pytestmark = pytest.mark.django_db


def test_the_roles_exist_as_groups_with_their_permissions():
    author, editor = Group.objects.get(name="Author"), Group.objects.get(name="Editor")
    author_perms = set(author.permissions.values_list("codename", flat=True))
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_post", "change_post"} <= author_perms
    assert "publish_post" not in author_perms
    assert {"publish_post", "edit_any_post", "change_topic"} <= editor_perms
    assert "change_user" not in editor_perms
    assert (
        Group.objects.get(name="Admin")
        .permissions.filter(codename="change_user")
        .exists()
    )


def test_role_of_names_the_highest_role(make_user, author, editor, admin_user):
    both = make_user("both", Role.AUTHOR)
    both.groups.add(Group.objects.get(name="Editor"))
    assert [role_of(author), role_of(editor), role_of(admin_user), role_of(both)] == [
        Role.AUTHOR,
        Role.EDITOR,
        Role.ADMIN,
        Role.EDITOR,
    ]
    assert role_of(make_user("nobody")) is None


def test_the_back_office_sends_strangers_to_sign_in_and_refuses_people_without_a_role(
    client, make_user
):
    response = client.get(reverse("editorial:dashboard"))
    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert (
        client_for(make_user("nobody")).get(reverse("editorial:dashboard")).status_code
        == 403
    )


def test_an_author_cannot_publish_even_by_forging_the_post(
    author_client, author, make_post
):
    post = make_post(author=author, status=Status.IN_REVIEW, published_at=None)
    for step, data in [
        ("publish", {"published_at": ""}),
        ("publish", {"published_at": "2026-06-16T09:00"}),
        ("send-back", {"comment": "self-approve"}),
    ]:
        response = author_client.post(
            reverse("editorial:post_step", args=[post.pk, step]), data
        )
        assert response.status_code == 403, step
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW
    assert not post.history.exists()
    # The button is not offered either.
    page = author_client.get(reverse("editorial:post", args=[post.pk]))
    assert (
        reverse("editorial:post_step", args=[post.pk, "publish"])
        not in page.content.decode()
    )
    assert (
        author_client.get(
            reverse("editorial:post_step", args=[post.pk, "publish"])
        ).status_code
        == 403
    )


def test_an_author_cannot_withdraw_or_publish_a_change(
    author_client, author, make_post
):
    post = make_post(author=author)
    for step, data in [
        ("withdraw", {"note": "x"}),
        ("publish-change", {"change_note": ""}),
    ]:
        response = author_client.post(
            reverse("editorial:post_step", args=[post.pk, step]), data
        )
        assert response.status_code in (403, 409), step
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED


def test_an_author_cannot_edit_a_published_post_by_saving_with_publish(
    author_client, author, make_post
):
    post = make_post(author=author, title="Live")
    response = author_client.post(
        reverse("editorial:post_edit", args=[post.pk]),
        form_data(post, title="Hacked", save="publish"),
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Live"
    assert not post.revisions.exists()


def test_another_authors_post_answers_404_everywhere(
    author_client, other_author, make_post
):
    post = make_post(
        author=other_author, status=Status.DRAFT, published_at=None, title="Bob's"
    )
    for name in ["post", "post_edit", "preview", "revisions"]:
        assert (
            author_client.get(reverse(f"editorial:{name}", args=[post.pk])).status_code
            == 404
        )
    forged = author_client.post(
        reverse("editorial:post_edit", args=[post.pk]),
        form_data(post, title="Alice was here"),
    )
    assert forged.status_code == 404
    submitted = author_client.post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {}
    )
    assert submitted.status_code == 404
    link = author_client.post(reverse("editorial:link_create", args=[post.pk]))
    assert link.status_code == 404
    post.refresh_from_db()
    assert (post.title, post.status) == ("Bob's", Status.DRAFT)
    assert not post.preview_links.exists()


def test_an_author_cannot_edit_own_post_once_submitted(
    author_client, author, make_post
):
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Sent"
    )
    response = author_client.post(
        reverse("editorial:post_edit", args=[post.pk]), form_data(post, title="Changed")
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Sent"


def test_an_editor_edits_anyones_post(editor_client, other_author, make_post):
    post = make_post(author=other_author, status=Status.IN_REVIEW, published_at=None)
    response = editor_client.post(
        reverse("editorial:post_edit", args=[post.pk]), form_data(post, title="Tidied")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Tidied"


def test_only_editors_manage_topics(author_client, editor_client):
    assert author_client.get(reverse("editorial:topics")).status_code == 403
    forged = author_client.post(reverse("editorial:topic_create"), {"name": "Spam"})
    assert forged.status_code == 403
    assert not Topic.objects.exists()
    response = editor_client.post(reverse("editorial:topic_create"), {"name": "Parks"})
    assert response.status_code == 302
    assert Topic.objects.get().slug == "parks"


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.EDITOR])
def test_no_role_below_admin_gets_into_the_django_admin(make_user, role):
    """Even marked as staff, they cannot raise their own role through the admin's URLs."""
    user = make_user(f"staff-{role.value}", role, is_staff=True)
    client = client_for(user)
    admin_group = Group.objects.get(name="Admin")
    change_url = reverse("admin:auth_user_change", args=[user.pk])
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(change_url).status_code == 302
    response = client.post(
        change_url,
        {
            "username": user.username,
            "groups": [admin_group.pk],
            "is_superuser": "on",
            "is_active": "on",
            "is_staff": "on",
            "date_joined_0": "2026-06-15",
            "date_joined_1": "12:00:00",
        },
    )
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    user.refresh_from_db()
    assert not user.is_superuser
    assert role_of(user) == role
    post_url = reverse("admin:posts_post_add")
    assert (
        client.post(post_url, {"title": "x", "status": "published"}).status_code == 302
    )


def test_an_admin_uses_the_django_admin(admin_client_, author):
    assert admin_client_.get(reverse("admin:index")).status_code == 200
    assert (
        admin_client_.get(
            reverse("admin:auth_user_change", args=[author.pk])
        ).status_code
        == 200
    )


def test_the_post_list_shows_only_what_each_person_may_see(
    author_client, editor_client, author, other_author, make_post
):
    make_post(
        title="Alice's draft", author=author, status=Status.DRAFT, published_at=None
    )
    make_post(
        title="Bob's draft", author=other_author, status=Status.DRAFT, published_at=None
    )

    def titles(client, **query):
        from bs4 import BeautifulSoup

        # (A page past the end redirects to the last page.)
        response = client.get(reverse("editorial:posts"), query, follow=True)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        return sorted(a.get_text(strip=True) for a in soup.select("tbody th a"))

    assert titles(author_client) == ["Alice's draft"]
    assert titles(editor_client) == ["Alice's draft", "Bob's draft"]
    assert titles(editor_client, q="bob") == ["Bob's draft"]
    assert titles(editor_client, status="published") == []
    assert titles(editor_client, page="999") == ["Alice's draft", "Bob's draft"]
    bad = editor_client.get(reverse("editorial:posts"), {"status": "<script>"})
    assert bad.status_code == 400


def test_the_admin_role_alone_opens_the_django_admin(make_user):
    admin_without_staff_flag = client_for(make_user("ines", Role.ADMIN))
    assert admin_without_staff_flag.get(reverse("admin:index")).status_code == 200
    staff_without_role = client_for(make_user("sid", is_staff=True))
    assert staff_without_role.get(reverse("admin:index")).status_code == 302


def test_the_admin_role_holds_every_permission_of_every_app():
    from django.contrib.auth.models import Permission

    held = Group.objects.get(name="Admin").permissions.count()
    assert held == Permission.objects.count()
    assert (
        Group.objects.get(name="Admin")
        .permissions.filter(content_type__app_label="scheduling")
        .exists()
    )


def test_a_cross_site_post_without_the_csrf_token_is_refused(editor, make_post):
    from django.test import Client

    post = make_post(status=Status.IN_REVIEW, published_at=None)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    url = reverse("editorial:post_step", args=[post.pk, "publish"])
    assert browser.post(url, {"published_at": ""}).status_code == 403
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW
