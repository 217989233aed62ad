"""A post's text as readers get it: each library image at the widths it exists in.

The editor stores a library image as `<img src="…" data-file="ID">`. At display
time the tag is rebuilt from the image's current renditions, so a replaced image
shows everywhere at once, with `srcset`, `sizes`, width and height (no layout jump),
lazy loading, and the library's alt text where the post gave none. An image marked
decorative keeps its empty alt.
"""

from __future__ import annotations

import html
import re

from django.utils.safestring import SafeString, mark_safe

from bulletin.images.models import Image
from bulletin.thumbnails.models import Rendition

_IMG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
# Post bodies sit in a column about 44rem wide; narrow screens use the full width.
SIZES = "(max-width: 48rem) 100vw, 44rem"


def _attributes(tag: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(tag)}


def library_ids(body: str) -> list[int]:
    ids = []
    for match in _IMG.finditer(body or ""):
        value = _attributes(match[1]).get("data-file", "")
        if value.isdigit():
            ids.append(int(value))
    return ids


def _tag(attrs: dict[str, str]) -> str:
    return (
        "<img "
        + " ".join(
            f'{name}="{html.escape(value, quote=True)}"'
            for name, value in attrs.items()
        )
        + ">"
    )


def with_renditions(body: str, language: str) -> SafeString:
    """The sanitised body with library images rebuilt from their renditions (one
    query for all of them)."""
    ids = library_ids(body)
    if not ids:
        return mark_safe(body or "")
    images = {image.pk: image for image in Image.objects.filter(pk__in=ids)}
    renditions: dict[int, list[Rendition]] = {}
    for rendition in Rendition.objects.filter(image_id__in=ids).select_related("image"):
        renditions.setdefault(rendition.image_id, []).append(rendition)

    def rebuild(match: re.Match) -> str:
        attrs = _attributes(match[1])
        value = attrs.pop("data-file", "")
        decorative = attrs.pop("data-decorative", None) is not None
        image = images.get(int(value)) if value.isdigit() else None
        sizes = (
            sorted(renditions.get(image.pk, []), key=lambda r: r.width) if image else []
        )
        if not sizes:
            if decorative:
                attrs["alt"] = ""
            return _tag(attrs)
        largest = sizes[-1]
        default = next((r for r in sizes if r.width >= 960), largest)
        alt = "" if decorative else (attrs.get("alt") or image.alt_for(language))
        rebuilt = {
            "src": default.get_absolute_url(),
            "srcset": ", ".join(f"{r.get_absolute_url()} {r.width}w" for r in sizes),
            "sizes": SIZES,
            "width": str(default.width),
            "height": str(default.height),
            "alt": alt,
            "loading": "lazy",
            "decoding": "async",
        }
        return _tag(rebuilt)

    return mark_safe(_IMG.sub(rebuild, body))
