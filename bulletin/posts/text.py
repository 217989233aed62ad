"""Text as it may be stored: no control characters, no lone surrogates, no
non-characters.

They arrive pasted from word processors, in imports and in forged form posts, and
then show up raw in pages, Open Graph, JSON-LD and the API (and make HTML and XML
invalid). Every text field of the domain is one of the fields below, which clean the
value both when it is validated (forms, `bulletin load`) and when it is saved, so the
rule holds once, for every way in.
"""

from __future__ import annotations

import re

from django.db import models

# C0 controls except tab and line feed, DEL, C1 controls, lone surrogates, and the
# Unicode non-characters (U+FDD0–U+FDEF and the last two code points of each plane).
_NON_CHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
    for plane in range(17)
)
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NON_CHARACTERS + "]"
)


# In ASCII text only these can be unwanted; a shorter class is scanned far faster.
_UNWANTED_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value: str) -> str:
    """`value` with line breaks as "\\n" and every unwanted character removed."""
    value = value.replace("\r\n", "\n")
    return (_UNWANTED_ASCII if value.isascii() else _UNWANTED).sub("", value)


class _CleanText:
    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = clean_text(value)
            setattr(model_instance, self.attname, value)
        return value


class TextField(_CleanText, models.TextField):
    pass


class CharField(_CleanText, models.CharField):
    pass
