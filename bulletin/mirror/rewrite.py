"""Turn a page as the site renders it into the mirror's copy of it.

Only the addresses change: each internal link becomes a relative link to the file
that holds its target (see addresses.py), links the mirror does not hold go to the
live site, and each page gains the mirror's one script (a static file, so a strict
Content-Security-Policy on the static host still allows it).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from bulletin.mirror.addresses import (
    SiteAddress,
    Target,
    relative_href,
    root_href,
    target_for,
)

# href, src and action attributes, quoted as Django's templates quote them.
LINK_ATTRIBUTE = re.compile(r'(?P<attr>\s(?:href|src|action))="(?P<value>[^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical"[^>]*>')
HEAD_END = "</head>"


def rewrite_html(
    text: str,
    own_file: str,
    site: SiteAddress,
    found: Callable[[Target], None],
    script: dict[str, str],
    *,
    from_root: bool = False,
) -> str:
    """Rewrite the links of one HTML page; `found` hears of each mirror target seen.

    Links are relative to `own_file`, or, `from_root`, paths from the host's root
    under the mirror's prefix (for the not-found page, answered at any address).
    """

    def href_to(file: str, fragment: str = "") -> str:
        if from_root:
            return root_href(site, file, fragment)
        return relative_href(own_file, file, fragment)

    keep = {m.start(): m.group(0) for m in CANONICAL.finditer(text)}

    def replace(match: re.Match) -> str:
        if any(
            start <= match.start() < start + len(tag) for start, tag in keep.items()
        ):
            return match.group(0)  # the canonical address stays the site's own
        href = html.unescape(match.group("value"))
        new = link(href, href_to, site, found)
        if new is None:
            return match.group(0)
        return f'{match.group("attr")}="{html.escape(new)}"'

    text = LINK_ATTRIBUTE.sub(replace, text)
    tag = (
        f'<script src="{html.escape(href_to(script["file"]))}"'
        f' data-root="{html.escape(href_to("index.html")[:-10])}"'
        f" data-kinds='{html.escape(script['kinds'])}' defer></script>\n"
    )
    return text.replace(HEAD_END, tag + HEAD_END, 1)


def link(
    href: str,
    href_to: Callable[[str, str], str],
    site: SiteAddress,
    found: Callable[[Target], None],
) -> str | None:
    """The mirror's link for one href, or None to leave it as it is."""
    path = site.local_path(href)
    if path is None:
        return None
    parts = urlsplit(href)
    target = target_for(path, parts.query)
    if target is None:
        # Not in the mirror (alerts, the back office, the API): the live site has it.
        if parts.netloc:
            return None
        return site.live + parts.path + (f"?{parts.query}" if parts.query else "")
    found(target)
    return href_to(target.file, parts.fragment)


def redirect_page(own_file: str, to_file: str) -> bytes:
    """A file standing for a redirect: static hosts cannot answer 301 by themselves."""
    href = html.escape(relative_href(own_file, to_file))
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}"><title>→</title></head>'
        f'<body><p><a href="{href}">{href}</a></p></body></html>\n'
    ).encode()


def script_options(kinds: dict[str, str], file: str) -> dict[str, str]:
    return {"file": file, "kinds": json.dumps(kinds, separators=(",", ":"))}
