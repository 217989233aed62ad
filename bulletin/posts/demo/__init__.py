"""Demo text that reads like an organisation's own news, in each of the seven languages.

A post's *story* (which template, which subject, which deadline…) is drawn from a
random generator seeded with a number the post keeps (its translation group), so
the same story can be written again in any language: the French version of a post
is the same announcement as the English one, not another post. Each language
module (`en.py`, `fr.py`…) holds the same templates in the same order, written for
that language's grammar; nothing here queries the database, so the bulk seeder can
call `compose()` for every one of a million posts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import import_module
from zoneinfo import ZoneInfo

# Language code -> module holding its templates.
MODULES = {
    "en": "en",
    "fr": "fr",
    "es": "es",
    "ar": "ar",
    "zh-hans": "zh_hans",
    "ru": "ru",
    "ko": "ko",
}
LANGUAGES = tuple(MODULES)
KINDS = ("news", "notice", "event")
# Invented venues: the names stay as they are in every language, like any address.
PLACES = [
    "Town Hall, Council Chamber, 1 Market Square",
    "Central Library, reading room, 2 Market Square",
    "Riverside Community Centre, 14 Mill Lane",
    "Harbour Conference Centre, 3 Quay Street",
    "Old Town School, main hall, 7 Church Street",
    "East District Sports Hall, 40 Park Avenue",
    "Hillside Youth Centre, 22 Orchard Road",
    "North District Office, 5 Linden Way",
]


@dataclass(frozen=True)
class Written:
    title: str
    summary: str
    body: str


@cache
def text_for(language: str) -> dict:
    """The templates of one language (an unknown code is a ValueError)."""
    try:
        module = MODULES[language]
    except KeyError:
        raise ValueError(f"No demo text for language {language!r}") from None
    return import_module(f"bulletin.posts.demo.{module}").TEXT


def place(rng: random.Random) -> str:
    return rng.choice(PLACES)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(text: dict, moment: datetime) -> str:
    return text["date"].format(
        d=moment.day, m=moment.month, month=text["months"][moment.month - 1]
    )


def compose(
    language: str,
    kind: str,
    topic: str,
    story: int,
    published_at: datetime,
    *,
    event_start: datetime | None = None,
    event_end: datetime | None = None,
    event_timezone: str = "",
    event_location: str = "",
    online: bool = False,
) -> Written:
    """Title, summary and body (HTML) of one post, written in `language`.

    `topic` is the English name of the post's first topic; `story` is the number the
    story is drawn from, so calling this again with another language gives the same
    post in that language.
    """
    text = text_for(language)
    rng = random.Random(story)  # noqa: S311  (demo text, not secrets)
    templates = text[kind]
    template = templates[rng.randrange(len(templates))]
    subjects = text["subjects"].get(topic) or text["subjects"]["Governance"]
    subject = subjects[rng.randrange(len(subjects))]
    department = text["departments"].get(topic) or text["departments"]["Governance"]
    role = text["roles"][rng.randrange(len(text["roles"]))]
    deadline = published_at + timedelta(days=rng.randint(14, 45))
    values = {
        "subject": subject,
        "Subject": _cap(subject),
        "dept": department,
        "Dept": _cap(department),
        "role": role,
        "date": _date(text, deadline),
        "year": published_at.year,
        "place": event_location or PLACES[0],
    }
    paragraphs = [part.format(**values) for part in template["body"]]
    if kind == "event" and event_start is not None:
        zone = ZoneInfo(event_timezone or "UTC")
        start = event_start.astimezone(zone)
        end = (event_end or event_start).astimezone(zone)
        paragraphs.append(
            text["when"].format(
                date=_date(text, start),
                start=f"{start:%H:%M}",
                end=f"{end:%H:%M}",
                zone=event_timezone or "UTC",
                place=values["place"],
            )
        )
        if online:
            paragraphs.append(text["online"])
    paragraphs.append(text["contact"].format(**values))
    return Written(
        title=_cap(template["title"].format(**values)),
        summary=template["summary"].format(**values),
        body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
    )
