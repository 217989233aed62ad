"""Snippets for result pages: the text around the first match, escaped, matches marked."""

from __future__ import annotations

import re
import unicodedata
from html import escape  # what django.utils.html.escape runs, without its lazy wrapper

from django.utils.safestring import SafeString, mark_safe

from bulletin.search.query import ParsedQuery
from bulletin.search.text import tokenize

SNIPPET_LENGTH = 220
# Text in other scripts is read token by token, up to this many characters.
MAX_SCANNED = 20_000
CONTEXT_BEFORE = 60


def _spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    words = query.highlight_tokens
    prefixes = tuple(term.tokens[-1] for term in query.include if term.prefix)
    if text.isascii() and not prefixes and all(word.isascii() for word in words):
        # Plain ASCII: a word is a run of letters and digits, found by one regex.
        alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        pattern = re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")
        return [match.span() for match in pattern.finditer(text.lower())]
    spans: list[tuple[int, int]] = []
    for token in tokenize(text[:MAX_SCANNED]):
        if token.text in words:
            span = (token.start, token.end)
        elif prefixes and token.text.startswith(prefixes):
            span = (
                token.start,
                token.start + 1 if token.end - token.start == 2 else token.end,
            )
        else:
            continue
        if spans and span[0] <= spans[-1][1]:
            spans[-1] = (
                spans[-1][0],
                max(spans[-1][1], span[1]),
            )  # CJK bigrams overlap
        else:
            spans.append(span)
    return spans


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for low, high in spans:
        low, high = max(low, start), min(high, end)
        if high <= low:
            continue
        out.append(escape(text[at:low]))
        out.append(f"<mark>{escape(text[low:high])}</mark>")
        at = high
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight(text: str, query: ParsedQuery) -> SafeString:
    """All of `text` with the matched words marked."""
    text = unicodedata.normalize("NFC", text)
    return mark_safe(
        _marked(text, _spans(text, query), 0, len(text))
    )  # every piece is escaped


def snippet(text: str, query: ParsedQuery, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` around the first match, matches marked."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    spans = _spans(text, query)
    start = 0
    if spans and spans[0][0] > CONTEXT_BEFORE:
        start = spans[0][0] - CONTEXT_BEFORE
        space = text.find(" ", start, spans[0][0])
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start + length // 2, end)
        end = space if space != -1 else end
    marked = _marked(text, spans, start, end)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(before + marked + after)  # every piece is escaped
