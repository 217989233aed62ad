"""What a reader typed, read as words, "quoted phrases" and -exclusions.

Nothing the reader types is ever handed to a database as query syntax: the text is
split here into terms of index tokens, and each backend writes its own query from
those, quoting every token. Stars, brackets, NEAR, OR and SQL are words like any other
(or nothing, when they hold no letters or digits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bulletin.search.text import query_tokens

# What is read of a query at most; the rest is ignored, not an error.
MAX_QUERY_LENGTH = 500
MAX_TERMS = 12
MAX_EXCLUSIONS = 8
MAX_PHRASE_TOKENS = 24

_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class Term:
    """Tokens that must appear in this order; the last may be a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    include: tuple[Term, ...] = field(default_factory=tuple)
    exclude: tuple[Term, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        # A query of exclusions alone would list everything; it finds nothing.
        return bool(self.include)

    @property
    def cache_key(self) -> str:
        def show(terms: tuple[Term, ...]) -> str:
            return "|".join(
                " ".join(t.tokens) + ("*" if t.prefix else "") for t in terms
            )

        return f"{show(self.include)}!{show(self.exclude)}"

    @property
    def highlight_tokens(self) -> frozenset[str]:
        return frozenset(token for term in self.include for token in term.tokens)


def clean(text: str) -> str:
    """The typed text without lone surrogates or control characters, and not too long."""
    text = text[: MAX_QUERY_LENGTH * 4]
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") else ch
        for ch in text
    )
    return unicodedata.normalize("NFC", text)[:MAX_QUERY_LENGTH].strip()


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    include: list[Term] = []
    exclude: list[Term] = []
    for match in _TERM.finditer(text):
        quoted_minus, phrase, word_minus, word = match.groups()
        excluded = bool(quoted_minus if phrase is not None else word_minus)
        tokens, prefix = query_tokens(phrase if phrase is not None else word)
        if not tokens:
            continue
        term = Term(
            tuple(tokens[:MAX_PHRASE_TOKENS]),
            prefix and len(tokens) <= MAX_PHRASE_TOKENS,
        )
        target, limit = (exclude, MAX_EXCLUSIONS) if excluded else (include, MAX_TERMS)
        if term not in target and len(target) < limit:
            target.append(term)
    return ParsedQuery(text=text, include=tuple(include), exclude=tuple(exclude))
