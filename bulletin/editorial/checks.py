"""What must hold before a post may go public."""

from __future__ import annotations

from html.parser import HTMLParser


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        values = dict(attrs)
        if "data-decorative" in values:
            return  # marked decorative on purpose: an empty alt is right
        if not (values.get("alt") or "").strip():
            self.missing.append(values.get("src") or "")


def images_without_alt(body: str) -> list[str]:
    """The addresses of body images with no alt text (readers of screen readers and
    of text-only feeds would meet them as nothing, or as a file name)."""
    finder = _ImageFinder()
    finder.feed(body or "")
    finder.close()
    return finder.missing
