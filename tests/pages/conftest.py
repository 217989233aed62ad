from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from bulletin.accounts.roles import Role


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="erin", password="x")
    user.groups.add(Group.objects.get(name=Role.EDITOR.value))
    return user


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def author_client(db, django_user_model) -> Client:
    user = django_user_model.objects.create_user(username="alice", password="x")
    user.groups.add(Group.objects.get(name=Role.AUTHOR.value))
    client = Client()
    client.force_login(user)
    return client
