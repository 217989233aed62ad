"""Filter values stored in the index beside the words, so a filter narrows the match itself.

A facet is a token no reader can type: the tokenizer keeps letters and digits only,
and every facet holds a "~". The index is only a short cut: the filters are applied
again through the ORM (see `searching.Filters.apply`), which has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import timezone

from bulletin.posts.models import Post


def language(code: str) -> str:
    return "~l~" + re.sub(r"[^a-z0-9]", "", code.lower())


def kind(value: str) -> str:
    return "~k~" + re.sub(r"[^a-z0-9]", "", value.lower())


def year(value: int) -> str:
    return f"~y~{value}"


def is_year(value: str) -> bool:
    return value.startswith("~y~")


def topic(pk: int) -> str:
    return f"~t~{pk}"


def of_post(post: Post, topic_ids: Iterable[int] | None = None) -> list[str]:
    """The post's facets; `topic_ids` when known already (bulk indexing)."""
    found = [language(post.language), kind(post.kind)]
    if topic_ids is None:
        topic_ids = [item.pk for item in post.topics.all()]
    found.extend(topic(pk) for pk in sorted(topic_ids))  # one order, either way
    if post.published_at:
        # The year as the year filter reads it: in the site's time zone.
        found.append(year(timezone.localtime(post.published_at).year))
    return found
