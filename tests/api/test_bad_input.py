"""Bad input gets a 4xx with a message that says what was wrong, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.api.conftest import post_url, posts_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _some_posts(now, make_post):
    make_post()


def _problem(response, status: int = 422) -> str:
    assert response.status_code == status, response.content
    detail = response.json()["detail"]
    return detail if isinstance(detail, str) else " ".join(str(d) for d in detail)


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-06-01",
        "1718000000",
        "2026-06-01T25:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-06-01T00:00:00+24:00",
        "2026-06-01T00:00:00Z\x00",
        " 2026-06-01T00:00:00Z",
        "\u0662\u0660\u0662\u0666-06-01T00:00:00Z",
        "",
    ],
)
def test_bad_updated_since_is_refused_with_a_clear_message(client, value):
    message = _problem(client.get(posts_url(), {"updated_since": value}))
    assert "updated_since" in message
    assert "ISO 8601" in message


@pytest.mark.parametrize(
    ("value", "included"),
    [
        ("0000-01-01T00:00:00Z", True),
        ("0001-01-01T00:00:00+23:59", True),
        ("2026-06-14T23:59:60Z", True),
        ("2026-06-14t12:00:00.123456789z", True),
        ("9999-12-31T23:59:59-23:59", False),
    ],
)
def test_edge_of_calendar_times_are_accepted(client, value, included):
    response = client.get(posts_url(), {"updated_since": value})
    assert response.status_code == 200
    assert bool(response.json()["results"]) is included


@pytest.mark.parametrize(
    ("name", "value"),
    [("kind", "press-release"), ("language", "xx"), ("language", "EN")],
)
def test_unknown_choices_are_refused(client, name, value):
    assert name in _problem(client.get(posts_url(), {name: value}))


def test_unknown_topic_answers_404_by_name(client):
    message = _problem(client.get(posts_url(), {"topic": "no-such-topic"}), 404)
    assert message == "There is no topic 'no-such-topic'."


def test_overlong_values_are_refused(client):
    assert client.get(posts_url(), {"topic": "x" * 101}).status_code == 422
    assert client.get(posts_url(), {"cursor": "x" * 501}).status_code == 422


@pytest.mark.parametrize("post_id", ["0", "-1", str(2**63), "9" * 40])
def test_impossible_post_ids_are_refused(client, post_id):
    response = client.get(f"{posts_url()}/{post_id}")
    assert response.status_code in (404, 422)


def test_unknown_post_id_is_404_with_json(client):
    response = client.get(post_url(2**63 - 1))
    assert response.status_code == 404
    assert response.json() == {"detail": "No public post has this id."}


def test_unknown_api_version_is_404(client):
    response = client.get(reverse("api:posts").replace("/v1/", "/v2/"))
    assert response.status_code == 404
