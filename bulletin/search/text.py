"""Words as the index sees them: one tokenizer for documents and queries, both databases.

Text is folded before either database sees it (case, accents on Latin, Greek and
Cyrillic letters, Arabic diacritics and letter variants), so SQLite and PostgreSQL
find exactly the same posts and neither depends on an extension. Chinese, Japanese
and Korean are written without spaces between words, so a run of those characters is
indexed as overlapping two-character tokens (bigrams), the way Lucene's CJK analyzer
does: any word of two or more characters is then a phrase of bigrams, and a single
character is a prefix of one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

# Longer tokens are cut to this length, at indexing and at query time alike.
MAX_TOKEN_LENGTH = 64

# Letters written without spaces between words.
_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # Half-width Katakana
    (0x20000, 0x3134F),  # CJK extensions B–G
)

# Arabic letters with several written forms are searched as one.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,
    }
)
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


@functools.lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """A character as the index stores it: lower case, without accents ("É" → "e")."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    out = []
    for ch in folded:
        if ord(ch) < 0x0530 or 0x1E00 <= ord(ch) <= 0x1FFF:
            # Latin, Greek, Cyrillic: drop combining accents.
            ch = "".join(
                c
                for c in unicodedata.normalize("NFD", ch)
                if unicodedata.category(c) != "Mn"
            )
        out.append(ch)
    return "".join(out).translate(_LIGATURES).translate(_ARABIC_FOLD)


class Token(NamedTuple):
    """A token, the span of text it was read from, and its place in a CJK run."""

    text: str
    start: int
    end: int
    # The last character of a CJK run, indexed alone after the run's bigrams.
    tail: bool = False
    # A CJK run of one character.
    single: bool = False


def _runs(text: str) -> Iterator[tuple[list[str], list[int], bool]]:
    """Runs of word characters: their folded forms, their offsets in `text`, whether CJK."""
    pieces: list[str] = []
    offsets: list[int] = []
    kind: bool | None = None  # None: not in a run; else whether the run is CJK
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category in ("Mn", "Cf"):
            continue  # combining marks (Arabic harakat) and invisible format characters
        piece = fold_char(char)
        cjk = is_cjk(char)
        if kind is not None and (
            not piece or not all(map(_is_word_char, piece)) or cjk != kind
        ):
            yield pieces, offsets, kind
            pieces, offsets, kind = [], [], None
        if piece and all(map(_is_word_char, piece)):
            kind = cjk
            pieces.append(piece)
            offsets.append(index)
    if kind is not None:
        yield pieces, offsets, kind


# Runs of letters and digits, with the marks and joiners that may sit inside a word.
_WORD = re.compile(
    r"[^\W_](?:[^\W_]|[\u00ad\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
    r"\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u3099\u309a\ufe00-\ufe0f])*"
)


def tokenize(text: str) -> list[Token]:
    """Index tokens of `text` (NFC-normalised by the caller), in order, with their spans."""
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():  # the common case, without a look at each character
            tokens.append(
                Token(word.lower()[:MAX_TOKEN_LENGTH], match.start(), match.end())
            )
            continue
        for pieces, offsets, cjk in _runs(word):
            offsets = [offset + match.start() for offset in offsets]
            if not cjk:
                folded = "".join(pieces)[:MAX_TOKEN_LENGTH]
                tokens.append(Token(folded, offsets[0], offsets[-1] + 1))
            elif len(pieces) == 1:
                tokens.append(Token(pieces[0], offsets[0], offsets[0] + 1, single=True))
            else:
                tokens.extend(
                    Token(pieces[i] + pieces[i + 1], offsets[i], offsets[i + 1] + 1)
                    for i in range(len(pieces) - 1)
                )
                tokens.append(
                    Token(pieces[-1], offsets[-1], offsets[-1] + 1, tail=True)
                )
    return tokens


_ASCII_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The tokens of `text` alone, for indexing; quick for text in plain ASCII."""
    if text.isascii():
        return [word[:MAX_TOKEN_LENGTH] for word in _ASCII_WORD.findall(text.lower())]
    return [token.text for token in tokenize(unicodedata.normalize("NFC", text))]


def query_tokens(text: str) -> tuple[list[str], bool]:
    """The tokens a typed word or phrase must match in order, and whether the last is a prefix.

    Inside a phrase a CJK run that another word follows ends where the document's run
    ends, so its tail token is kept; at the end of the phrase the document's run may go
    on, so the tail is dropped, and a lone character matches the start of a bigram.
    """
    tokens = tokenize(unicodedata.normalize("NFC", text))
    if tokens and tokens[-1].tail:
        tokens.pop()
    prefix = bool(tokens) and tokens[-1].single
    return [token.text for token in tokens], prefix


def index_text(text: str) -> str:
    """The tokens of `text` joined by spaces, for a database tokenizer that splits on spaces."""
    return " ".join(
        token.text for token in tokenize(unicodedata.normalize("NFC", text))
    )
