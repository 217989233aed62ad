"""`{{ moment|iso }}`: a time as HTML's `<time datetime>` accepts it.

Django's `date:"c"` writes microseconds, which HTML does not allow (at most three
digits of a second); every page that shows a time uses this filter instead.
"""

from __future__ import annotations

from datetime import datetime

from django import template

register = template.Library()


def html_datetime(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


register.filter("iso", html_datetime)
