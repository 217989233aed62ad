"""A WordPress post body as WordPress shows it: block comments gone, captions and
galleries as figures, paragraphs from blank lines.

WordPress stores "classic" bodies without <p>: it adds paragraphs when it shows
them. Bulletin stores what readers see, so the import does the same once. Written
for Bulletin from the behaviour WordPress documents, not from its code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.S)
BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|"
    "form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|"
    "th|thead|tr|ul"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.I)
ENDS_WITH_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>\s*$", re.I)
PRE = re.compile(r"<pre\b.*?</pre>", re.I | re.S)
SHORTCODE = re.compile(
    r"\[(?P<name>[a-zA-Z][\w-]*)(?P<attrs>[^\]]*)\](?:(?P<inner>.*?)\[/(?P=name)\])?",
    re.S,
)
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
IMG = re.compile(r"<img\b[^>]*>", re.I)

# Shortcodes whose content is kept as it is, without the brackets.
TRANSPARENT = {"embed", "audio", "video"}


def shortcode_attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in ATTRIBUTE.finditer(text)
    }


def _caption(attrs: dict[str, str], inner: str) -> str:
    image = IMG.search(inner)
    text = IMG.sub("", inner)
    # A caption's image is often wrapped in a link to the full-size file.
    text = re.sub(r"<a\b[^>]*>\s*</a>", "", text).strip()
    caption = attrs.get("caption") or text
    return (
        f"<figure>{image.group(0) if image else ''}"
        f"{f'<figcaption>{caption}</figcaption>' if caption else ''}</figure>"
    )


def _gallery(attrs: dict[str, str], images: dict[str, tuple[str, str]]) -> str:
    parts = []
    for image_id in re.split(r"[,\s]+", attrs.get("ids", "").strip()):
        if image_id in images:
            url, title = images[image_id]
            parts.append(f'<img src="{html.escape(url)}" alt="{html.escape(title)}">')
    return f"<figure>{''.join(parts)}</figure>" if parts else ""


def replace_shortcodes(
    body: str,
    images: dict[str, tuple[str, str]],
    unknown: Callable[[str], None],
) -> str:
    """Captions and galleries become figures; other shortcodes are reported and
    unwrapped, so their text stays and the brackets go."""

    def replace(match: re.Match) -> str:
        name = match.group("name").lower()
        attrs = shortcode_attributes(match.group("attrs"))
        inner = match.group("inner") or ""
        if name in ("caption", "wp_caption"):
            return _caption(attrs, inner)
        if name == "gallery":
            return _gallery(attrs, images)
        if match.group("inner") is None and not attrs and name not in TRANSPARENT:
            return match.group(0)  # "[sic]" is text, not a shortcode
        if name not in TRANSPARENT:
            unknown(name)
        return replace_shortcodes(inner, images, unknown)

    return SHORTCODE.sub(replace, body)


def paragraphs(body: str) -> str:
    """Blank lines make paragraphs and single newlines line breaks, except inside
    <pre> and around block elements, which stay as they are."""
    kept: list[str] = []

    def protect(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = PRE.sub(protect, body.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.fullmatch(r"\x00\d+\x00", chunk) or (
            STARTS_WITH_BLOCK.match(chunk) and ENDS_WITH_BLOCK.search(chunk)
        ):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    result = "\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], result)


def clean_body(
    body: str, images: dict[str, tuple[str, str]], unknown: Callable[[str], None]
) -> str:
    body = BLOCK_COMMENT.sub("", body or "")
    body = replace_shortcodes(body, images, unknown)
    return paragraphs(body)
