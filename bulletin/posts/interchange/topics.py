"""Topic names in other languages, as lines of the interchange format carry them.

A line names its topics in the site's language (`topics`). `topic_names` gives, for
any of them, the name in the site's other languages, so that a dump keeps what the
topic form keeps and loading it into an empty site gives the same pages and feeds in
every language. It is written only for topics that have such names, so lines of
sites without them are unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from bulletin.posts.models import Topic
from bulletin.posts.text import clean_text

NAME_LENGTH = 100


def other_languages() -> set[str]:
    return {code for code, _ in settings.LANGUAGES} - {settings.LANGUAGE_CODE}


def names_of(topics: list[Topic]) -> dict[str, dict[str, str]]:
    """`topic_names` for a dumped line: only topics with names of their own."""
    return {
        topic.name: dict(sorted(topic.names.items()))
        for topic in topics
        if isinstance(topic.names, dict) and topic.names
    }


def check_names(value: Any, topics: list[str]) -> tuple[dict, list[str]]:
    """The checked `topic_names` of a line, and what is wrong with it."""
    if value is None:
        return {}, []
    if not isinstance(value, dict):
        return {}, ["topic_names must map each topic to its names by language"]
    problems, checked = [], {}
    languages = other_languages()
    for topic, names in value.items():
        if topic not in topics:
            problems.append(f"topic_names: {topic[:40]!r} is not one of the topics")
            continue
        if not isinstance(names, dict) or not all(
            isinstance(name, str) for name in names.values()
        ):
            problems.append(f"topic_names: {topic[:40]!r} must map languages to names")
            continue
        unknown = sorted(set(names) - languages)
        if unknown:
            problems.append(
                f"topic_names: {topic[:40]!r} names languages the site does not "
                f"offer besides its own: {', '.join(unknown)}"
            )
            continue
        cleaned = {code: clean_text(name).strip() for code, name in names.items()}
        if any(len(name) > NAME_LENGTH for name in cleaned.values()):
            problems.append(
                f"topic_names: a name of {topic[:40]!r} is longer than "
                f"{NAME_LENGTH} characters"
            )
            continue
        checked[topic] = {code: name for code, name in sorted(cleaned.items()) if name}
    return checked, problems


def apply_names(topics: dict[str, Topic], names: dict[str, dict[str, str]]) -> None:
    """Give `topics` the names a line carries; a topic already named so is not saved."""
    for name, given in names.items():
        topic = topics[name]
        kept = topic.names if isinstance(topic.names, dict) else {}
        if kept != given:
            topic.names = given
            topic.save(update_fields=["names"])
