"""Snapshots of a post's fields: taking them, applying them, comparing them."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from datetime import datetime

from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst

from bulletin.editorial import kinds
from bulletin.editorial.models import Revision, RevisionState
from bulletin.posts.models import Post, Topic

# The fields a revision keeps, in the order a comparison shows them.
FIELDS = [
    "kind",
    "title",
    "slug",
    "summary",
    "body",
    "language",
    "pinned_until",
    "expires_at",
    "event_start",
    "event_end",
    "event_timezone",
    "event_location",
    "event_online_url",
]
DATETIME_FIELDS = {"pinned_until", "expires_at", "event_start", "event_end"}
TOPICS = "topics"


def snapshot(post: Post, topic_ids: list[int] | None = None) -> dict:
    """The post's editable fields as JSON-ready values (topics as sorted ids)."""
    data = {}
    for name in FIELDS:
        value = getattr(post, name)
        data[name] = value.isoformat() if isinstance(value, datetime) else value
    if topic_ids is None:
        topic_ids = list(post.topics.values_list("pk", flat=True)) if post.pk else []
    data[TOPICS] = sorted(topic_ids)
    return data


def apply(post: Post, data: dict) -> list[int]:
    """Put a snapshot's values on the post (unsaved); returns its topic ids."""
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in DATETIME_FIELDS and value:
            value = parse_datetime(value)
        setattr(post, name, value)
    return list(data.get(TOPICS, []))


def record(
    post: Post, actor, data: dict, *, state: str = RevisionState.APPLIED, note: str = ""
):
    last = (
        post.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    )
    return Revision.objects.create(
        post=post, number=last + 1, state=state, created_by=actor, data=data, note=note
    )


def latest(post: Post) -> Revision | None:
    return post.revisions.order_by("-number").first()


def pending_change(post: Post) -> Revision | None:
    """The change prepared on a published post, if its newest revision is one."""
    newest = latest(post)
    return newest if newest and newest.state == RevisionState.PENDING else None


def merge(base: dict | None, theirs: dict, mine: dict) -> tuple[dict, list[str]]:
    """Three-way merge of field values; returns the merge and the fields both changed.

    A field only one side changed takes that side's value; a field both changed to
    different values keeps mine in the merge and is reported, so a person decides.
    """
    merged, conflicts = {}, []
    for name in [*FIELDS, TOPICS]:
        ancestor = base.get(name) if base else None
        their, my = theirs.get(name), mine.get(name)
        if my == their or (base is not None and their == ancestor):
            merged[name] = my
        elif base is not None and my == ancestor:
            merged[name] = their
        else:
            merged[name] = my
            conflicts.append(name)
    return merged, conflicts


@dataclass
class FieldDiff:
    name: str
    label: str
    parts: list[tuple[str, str]]  # ("equal" | "delete" | "insert", text)


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|tr|pre)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def readable(name: str, value) -> str:
    """What a person reads for a field's value: text, not markup or ids."""
    if value is None or value == "":
        return ""
    if name == "body":
        text = _TAG.sub("", _BLOCK_END.sub("\n", value))
        return "\n".join(
            line.strip() for line in html.unescape(text).splitlines() if line.strip()
        )
    if name == TOPICS:
        names = Topic.objects.filter(pk__in=value).values_list("name", flat=True)
        return ", ".join(sorted(names))
    return str(value)


def label(name: str) -> str:
    if name in kinds.LABELS:
        return str(kinds.LABELS[name])
    return capfirst(Post._meta.get_field(name).verbose_name)


# Unchanged stretches longer than this many words show only their ends.
CONTEXT_WORDS = 12


def _shorten(tokens: list[str], *, first: bool, last: bool) -> str:
    """An unchanged stretch, cut to the words next to the changes around it."""
    keep = CONTEXT_WORDS * 2  # tokens alternate word, space
    if len(tokens) <= keep * 2 + 1:
        return "".join(tokens)
    head = "" if first else "".join(tokens[:keep])
    tail = "" if last else "".join(tokens[-keep:])
    return f"{head} … {tail}".strip(" ") if head or tail else " … "


def diff(old: dict, new: dict) -> list[FieldDiff]:
    """Word-level differences of every field that changed, old to new."""
    changes = []
    for name in [*FIELDS, TOPICS]:
        before, after = readable(name, old.get(name)), readable(name, new.get(name))
        if before == after:
            continue
        a, b = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
        parts = []
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                parts.append(
                    ("equal", _shorten(a[i1:i2], first=i1 == 0, last=i2 == len(a)))
                )
                continue
            if op in ("delete", "replace"):
                parts.append(("delete", "".join(a[i1:i2])))
            if op in ("insert", "replace"):
                parts.append(("insert", "".join(b[j1:j2])))
        changes.append(FieldDiff(name=name, label=label(name), parts=parts))
    return changes
