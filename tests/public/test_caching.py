"""HTTP caching of public responses: validators, 304 answers, and who may keep what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.http import http_date

from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(now, make_post):
    return make_post(title="Water works")


def test_public_page_has_validators_and_may_be_shared(client, post):
    response = client.get(reverse("public:post", kwargs={"slug": post.slug}))
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert any(d.startswith("max-age=") for d in directives)
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_matching_etag_answers_304_with_the_same_validators(client, post):
    url = reverse("public:post", kwargs={"slug": post.slug})
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_head_with_matching_etag_answers_304(client, post):
    url = reverse("public:list")
    first = client.get(url)
    assert client.head(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_etag_changes_when_content_changes(client, post, time_machine):
    url = reverse("public:post", kwargs={"slug": post.slug})
    first = client.get(url)
    time_machine.shift(timedelta(seconds=5))
    post.title = "Water works, revised"
    post.save()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "revised" in again.content.decode()


def test_etag_changes_when_a_scheduled_post_comes_out(
    client, now, make_post, time_machine
):
    make_post(title="Already out")
    make_post(title="Coming later", published_at=now + timedelta(hours=1))
    url = reverse("public:list")
    first = client.get(url)
    assert "Coming later" not in first.content.decode()
    time_machine.move_to(now + timedelta(hours=2), tick=False)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert "Coming later" in again.content.decode()


def test_etag_differs_between_addresses(client, post):
    one = client.get(reverse("public:list"))
    two = client.get(reverse("public:list", kwargs={"kind": "news"}))
    assert one["ETag"] != two["ETag"]


def test_if_modified_since_answers_304_until_content_changes(
    client, post, time_machine
):
    url = reverse("public:post", kwargs={"slug": post.slug})
    first = client.get(url)
    since = first["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": since}).status_code == 304
    time_machine.shift(timedelta(minutes=1))
    post.summary = "Changed"
    post.save()
    assert client.get(url, headers={"if-modified-since": since}).status_code == 200


def test_an_old_if_modified_since_gets_the_page(client, post, now):
    url = reverse("public:post", kwargs={"slug": post.slug})
    old = http_date((now - timedelta(days=3)).timestamp())
    assert client.get(url, headers={"if-modified-since": old}).status_code == 200


def test_a_stale_or_wild_etag_does_not_answer_304(client, post):
    url = reverse("public:post", kwargs={"slug": post.slug})
    assert client.get(url, headers={"if-none-match": '"nope"'}).status_code == 200
    missing = reverse("public:post", kwargs={"slug": "no-such-post"})
    assert client.get(missing, headers={"if-none-match": "*"}).status_code == 404


def test_signed_in_reader_gets_private_no_store_and_no_validators(
    client, post, django_user_model
):
    user = django_user_model.objects.create_user("editor", password="x")
    client.force_login(user)
    url = reverse("public:post", kwargs={"slug": post.slug})
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "private, no-store"
    assert "ETag" not in first
    # Even a guessed public ETag does not make a signed-in request answer 304.
    anonymous = client.__class__().get(url)
    again = client.get(url, headers={"if-none-match": anonymous["ETag"]})
    assert again.status_code == 200
    assert again["Cache-Control"] == "private, no-store"


def test_credentials_make_a_response_private(client, post):
    url = reverse("public:list")
    response = client.get(url, headers={"authorization": "Bearer abc"})
    assert response["Cache-Control"] == "private, no-store"


def test_admin_is_never_public(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_not_found_is_not_given_validators(client, now):
    response = client.get(reverse("public:post", kwargs={"slug": "missing"}))
    assert response.status_code == 404
    assert "ETag" not in response


def test_a_withdrawn_post_is_not_answered_304_from_its_old_etag(
    client, post, time_machine
):
    url = reverse("public:post", kwargs={"slug": post.slug})
    first = client.get(url)
    time_machine.shift(timedelta(seconds=5))
    post.status = Status.WITHDRAWN
    post.withdrawn_at = post.published_at
    post.save()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code in (404, 410)
    assert "Body of post" not in again.content.decode()
