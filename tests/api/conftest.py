"""Helpers for the read API tests: addresses by name, never hard-coded."""

from __future__ import annotations

import pytest
from django.urls import reverse


def posts_url() -> str:
    return reverse("api:posts")


def post_url(post_id: int) -> str:
    return reverse("api:post", kwargs={"post_id": post_id})


def topics_url() -> str:
    return reverse("api:topics")


@pytest.fixture
def walk(client):
    """Follow `next` from a first address; return every page's JSON."""

    def walk_pages(params: dict | None = None, *, max_pages: int = 100) -> list[dict]:
        response = client.get(posts_url(), params or {})
        assert response.status_code == 200, response.content
        pages = [response.json()]
        while pages[-1]["next"] and len(pages) < max_pages:
            response = client.get(pages[-1]["next"])
            assert response.status_code == 200, response.content
            pages.append(response.json())
        return pages

    return walk_pages


def ids(pages: list[dict]) -> list[int]:
    return [post["id"] for page in pages for post in page["results"]]
