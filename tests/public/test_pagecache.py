"""Repeated public requests are answered from the cache, never stale, never personal."""

from datetime import timedelta

import pytest
from django.urls import reverse

from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def test_a_repeated_request_is_served_from_the_cache(
    client, now, make_post, django_assert_max_num_queries
):
    make_post(title="First")
    first = client.get(reverse("public:list"))
    with django_assert_max_num_queries(1):  # the content version only
        second = client.get(reverse("public:list"))
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_change_is_visible_at_once(client, now, make_post):
    post = make_post(title="Before")
    client.get(reverse("public:list"))
    post.title = "After"
    post.save()
    assert b"After" in client.get(reverse("public:list")).content


def test_a_scheduled_post_appears_at_its_time_despite_the_cache(
    client, now, make_post, time_machine
):
    make_post(title="Scheduled", published_at=now + timedelta(minutes=10))
    assert b"Scheduled" not in client.get(reverse("public:list")).content
    time_machine.move_to(now + timedelta(minutes=10), tick=False)
    assert b"Scheduled" in client.get(reverse("public:list")).content


def test_signed_in_people_never_get_or_fill_the_shared_page(
    client, now, make_post, django_user_model
):
    post = make_post(title="Public")
    client.get(reverse("public:list"))
    client.force_login(
        django_user_model.objects.create(username="staff", is_staff=True)
    )
    response = client.get(reverse("public:list"))
    assert "private" in response["Cache-Control"]
    post.status = Status.DRAFT
    post.save()
    client.logout()
    assert b"Public" not in client.get(reverse("public:list")).content
