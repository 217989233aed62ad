"""Digests leave at the site's hour in the site's time zone, once per period, with
each post of the period once, and not at all when there is nothing to say."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bulletin.posts.models import Kind
from bulletin.scheduling.worker import run_once
from bulletin.subscriptions.models import Frequency
from tests.subscriptions.conftest import text_part
from tests.subscriptions.factories import follower

pytestmark = pytest.mark.django_db(transaction=True)
SEOUL = ZoneInfo("Asia/Seoul")


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(
        2026, 6, day, hour, minute, tzinfo=SEOUL
    )  # 15 June 2026 is a Monday


@pytest.fixture
def site_in_seoul(settings, inbox):
    settings.TIME_ZONE = "Asia/Seoul"
    settings.BULLETIN_DIGEST_HOUR = 8
    settings.BULLETIN_DIGEST_WEEKDAY = 0
    return inbox


def test_the_daily_digest_leaves_at_eight_in_seoul_with_the_days_posts(
    site_in_seoul, make_post, time_machine
):
    inbox = site_in_seoul
    time_machine.move_to(seoul(15, 7, 0), tick=False)
    follower("daily@example.net", frequency=Frequency.DAILY)
    follower("daily@example.net", kind=Kind.NOTICE, frequency=Frequency.DAILY)
    make_post(title="Yesterday morning", kind=Kind.NOTICE, published_at=seoul(14, 10))
    make_post(title="Early today", published_at=seoul(15, 6, 30))
    make_post(title="Last week", published_at=seoul(7, 9))

    time_machine.move_to(seoul(15, 7, 59), tick=False)
    run_once()
    assert inbox.to("daily@example.net") == [], "not before 08:00 Seoul time"

    time_machine.move_to(seoul(15, 8, 0), tick=False)
    run_once()
    run_once()
    [digest] = inbox.to("daily@example.net")
    assert digest["Subject"] == "Your daily digest from Bulletin"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = text_part(digest)
    assert body.count("Yesterday morning") == 1, (
        "a post in two followed lists appears once"
    )
    assert "Early today" in body
    assert "Last week" not in body, "a digest covers the day since the last one"

    make_post(title="Later today", published_at=seoul(15, 9))
    time_machine.move_to(seoul(16, 7, 59), tick=False)
    run_once()
    assert len(inbox.to("daily@example.net")) == 1
    time_machine.move_to(seoul(16, 8, 1), tick=False)
    run_once()
    second = inbox.to("daily@example.net")[1]
    assert "Later today" in text_part(second)
    assert "Early today" not in text_part(second), "each post in one digest only"


def test_an_empty_period_sends_no_digest(site_in_seoul, make_post, time_machine):
    time_machine.move_to(seoul(15, 8, 30), tick=False)
    follower("quiet@example.net", frequency=Frequency.DAILY)
    make_post(title="A news item", kind=Kind.NEWS, published_at=seoul(15, 8, 10))
    follower("notices@example.net", kind=Kind.NOTICE, frequency=Frequency.WEEKLY)
    run_once()
    assert site_in_seoul.messages == []


def test_the_weekly_digest_leaves_on_monday_and_covers_the_week(
    site_in_seoul, make_post, time_machine
):
    inbox = site_in_seoul
    time_machine.move_to(seoul(8, 9), tick=False)  # Monday 8 June, after 08:00
    follower("weekly@example.net", kind=Kind.NOTICE, frequency=Frequency.WEEKLY)
    run_once()  # this week's round: nothing since 1 June
    make_post(title="Tuesday notice", kind=Kind.NOTICE, published_at=seoul(9, 12))
    make_post(title="Sunday notice", kind=Kind.NOTICE, published_at=seoul(14, 12))
    make_post(title="Sunday news", kind=Kind.NEWS, published_at=seoul(14, 13))
    for day in (9, 10, 12, 14):
        time_machine.move_to(seoul(day, 8, 30), tick=False)
        run_once()
    assert inbox.to("weekly@example.net") == []
    time_machine.move_to(seoul(15, 8, 0), tick=False)
    run_once()
    [digest] = inbox.to("weekly@example.net")
    assert digest["Subject"] == "Your weekly digest from Bulletin"
    body = text_part(digest)
    assert "Tuesday notice" in body and "Sunday notice" in body
    assert "Sunday news" not in body


def test_a_runner_that_was_down_for_days_catches_up_with_one_digest(
    site_in_seoul, make_post, time_machine
):
    inbox = site_in_seoul
    time_machine.move_to(seoul(15, 8, 5), tick=False)
    follower("daily@example.net", frequency=Frequency.DAILY)
    run_once()  # Monday's round: nothing since Sunday
    for day in (15, 16, 17):
        make_post(title=f"Posted on the {day}th", published_at=seoul(day, 10))
    # No runner from Monday 08:05 until Thursday 09:00.
    time_machine.move_to(seoul(18, 9), tick=False)
    run_once()
    run_once()
    [digest] = inbox.to("daily@example.net")
    body = text_part(digest)
    for day in (15, 16, 17):
        assert body.count(f"Posted on the {day}th") == 1
    time_machine.move_to(seoul(18, 23), tick=False)
    run_once()
    assert len(inbox.to("daily@example.net")) == 1, "one digest, not three"
