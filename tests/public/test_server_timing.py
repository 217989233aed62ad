"""Server-Timing is for staff and benchmarks, not for anonymous readers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_anonymous_reader_gets_no_server_timing(client, settings, make_post):
    settings.BULLETIN_SERVER_TIMING = False
    make_post()
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(reverse("public:list"))
        assert response.status_code == 200
        assert "Server-Timing" not in response


def test_signed_in_staff_and_debug_get_server_timing(client, settings, make_post):
    settings.BULLETIN_SERVER_TIMING = False
    make_post()
    editor = get_user_model().objects.create_user("erin", password="pw")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    assert client.get(reverse("public:list"))["Server-Timing"].startswith("app;dur=")
    client.logout()
    settings.BULLETIN_SERVER_TIMING = True
    assert client.get(reverse("public:list"))["Server-Timing"].startswith("app;dur=")


def test_a_signed_in_person_without_a_role_gets_none(client, settings, make_post):
    settings.BULLETIN_SERVER_TIMING = False
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    assert "Server-Timing" not in client.get(reverse("public:list"))
