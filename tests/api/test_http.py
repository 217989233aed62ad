"""HTTP around the API: validators and 304, shared caching, CORS, HEAD, docs, schema."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.api.conftest import post_url, posts_url, topics_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(now, make_post):
    return make_post(title="Water works")


@pytest.mark.parametrize("url", [posts_url, topics_url])
def test_reads_carry_an_etag_and_may_be_shared(client, post, url):
    response = client.get(url())
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert any(d.startswith("max-age=") for d in directives)
    assert "Cookie" not in response.get("Vary", "")


def test_matching_etag_answers_304(client, post):
    first = client.get(post_url(post.pk))
    again = client.get(post_url(post.pk), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_etag_changes_when_content_changes_and_then_answers_200(client, post):
    first = client.get(posts_url())
    post.title = "Water works, corrected"
    post.save()
    again = client.get(posts_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["results"][0]["title"] == "Water works, corrected"


def test_etag_changes_when_a_scheduled_post_comes_out(
    client, now, make_post, post, time_machine
):
    make_post(published_at=now + timedelta(hours=1))
    first = client.get(posts_url())
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    again = client.get(posts_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert len(again.json()["results"]) == 2


def test_each_address_has_its_own_etag(client, post):
    assert (
        client.get(posts_url())["ETag"] != client.get(posts_url(), {"limit": 5})["ETag"]
    )


def test_errors_are_not_marked_shareable(client, post):
    response = client.get(post_url(post.pk + 1000))
    assert response.status_code == 404
    assert "ETag" not in response


def test_signed_in_reader_gets_a_private_answer(client, post, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor"))
    response = client.get(posts_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_head_answers_like_get_without_a_body(client, post):
    response = client.head(posts_url())
    full = client.get(posts_url())
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == full["ETag"]
    assert response["Content-Length"] == str(len(full.content))


def test_any_origin_may_read(client, post):
    response = client.get(posts_url(), headers={"origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "origin" in response["Vary"].lower()
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_allows_reads_only(client, post):
    response = client.options(
        posts_url(),
        headers={
            "origin": "https://partner.example",
            "access-control-request-method": "GET",
        },
    )
    assert response.status_code == 200
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_cors_is_limited_to_the_api(client, post):
    page = client.get(
        reverse("public:post", kwargs={"slug": post.slug}),
        headers={"origin": "https://partner.example"},
    )
    assert "Access-Control-Allow-Origin" not in page


def test_writes_are_not_allowed(client, post):
    assert client.post(posts_url(), {}).status_code == 405
    assert client.delete(post_url(post.pk)).status_code == 405


def test_openapi_document_describes_the_api(client):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    assert urlsplit(response.wsgi_request.path).path == "/api/openapi.json"
    document = response.json()
    assert document["info"]["description"]
    assert set(document["paths"]) == {
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/topics",
    }
    for path in document["paths"].values():
        assert set(path) == {"get"}
        operation = path["get"]
        assert operation["summary"] and operation["description"]
    params = {
        p["name"]: p for p in document["paths"]["/api/v1/posts"]["get"]["parameters"]
    }
    assert set(params) == {
        "kind",
        "topic",
        "language",
        "updated_since",
        "cursor",
        "limit",
    }
    assert all(p["description"] for p in params.values())


def test_docs_page_loads_only_packaged_assets(client):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assets = [tag["src"] for tag in soup.select("script[src]")] + [
        tag["href"] for tag in soup.select("link[href]")
    ]
    assert assets
    for asset in assets:
        assert asset.startswith("/" + settings.STATIC_URL.lstrip("/")), asset
        assert finders.find(asset.split(settings.STATIC_URL, 1)[1]), asset
    assert "http://" not in response.content.decode()
    assert "https://" not in response.content.decode()
    assert '"validatorUrl": null' in response.content.decode()
