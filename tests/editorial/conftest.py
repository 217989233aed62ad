"""People with each role, signed-in clients for them, and a helper to fill the post form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from bulletin.accounts.roles import Role
from bulletin.editorial import revisions
from bulletin.posts.models import Post


@pytest.fixture
def make_user(db, django_user_model):
    def make(username: str, role: Role | None = None, **fields):
        user = django_user_model.objects.create_user(
            username=username, password="x", **fields
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=role.value))
        return user

    return make


@pytest.fixture
def author(make_user):
    return make_user("alice", Role.AUTHOR)


@pytest.fixture
def other_author(make_user):
    return make_user("bob", Role.AUTHOR)


@pytest.fixture
def editor(make_user):
    return make_user("erin", Role.EDITOR)


@pytest.fixture
def admin_user(make_user):
    return make_user("ada", Role.ADMIN, is_staff=True)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def author_client(author):
    return client_for(author)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


@pytest.fixture
def admin_client_(admin_user):
    return client_for(admin_user)


def form_data(post: Post, **changes) -> dict:
    """What the edit form would send for the post as it stands, with `changes`."""
    post.refresh_from_db()
    newest = revisions.latest(post)
    data = {
        "kind": post.kind,
        "title": post.title,
        "slug": post.slug,
        "summary": post.summary,
        "body": post.body,
        "language": post.language,
        "topics": [t.pk for t in post.topics.all()],
        "version": post.version,
        "base_revision": newest.number if newest else "",
        "save": "save",
    }
    data.update(changes)
    return data
