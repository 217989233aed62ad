"""An admin and an editor, signed in, for the identity's back office."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from PIL import Image

from bulletin.accounts.roles import Role


def signed_in(django_user_model, username: str, role: Role) -> Client:
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=role.value))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(db, django_user_model) -> Client:
    return signed_in(django_user_model, "ada", Role.ADMIN)


@pytest.fixture
def editor_client(db, django_user_model) -> Client:
    return signed_in(django_user_model, "erin", Role.EDITOR)


def png_bytes(colour: str = "#0b4f8a", size: tuple[int, int] = (120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()
