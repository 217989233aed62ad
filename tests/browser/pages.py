"""Every kind of page the browser tests visit, by name, with its address."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from tests.browser.board import Board


def _optional(name: str, **kwargs) -> str | None:
    """The address of a page another area adds, once it exists."""
    try:
        return reverse(name, **kwargs)
    except NoReverseMatch:
        return None


def public_pages(board: Board) -> dict[str, str]:
    """One address per public page type, keyed by a short name used in reports."""
    list_url = reverse("public:list")
    pages = {
        "list": list_url,
        "list-page-2": f"{list_url}?page=2",
        "filtered-list": reverse(
            "public:list", kwargs={"kind": "news", "topic": board.water.slug}
        ),
        "post": reverse(
            "public:post",
            kwargs={
                "kind": "news",
                "topic": board.water.slug,
                "slug": _first_water_slug(board),
            },
        ),
        "event-post": board.event.get_absolute_url(),
        "expired-notice": board.expired_notice.get_absolute_url(),
        "withdrawn-post": board.withdrawn.get_absolute_url(),
        "year-archive": reverse(
            "public:list", kwargs={"year": str(board.event.published_at.year)}
        ),
        "archive": reverse("public:archive"),
        "topics": reverse("public:topics"),
        "not-found": f"{list_url}no-such-page/",
    }
    search = _optional("search:search")
    if search:
        pages["search-results"] = f"{search}?q=water+supply"
        pages["search-no-results"] = f"{search}?q=zeppelin"
    return pages


def _first_water_slug(board: Board) -> str:
    return (
        board.water.posts.filter(kind="news").order_by("-published_at", "-id")[0].slug
    )
