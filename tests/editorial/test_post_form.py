"""A form that fits the post: each kind shows its own fields, in plain words, with or
without JavaScript, and changing the kind never loses or wrongly judges what was typed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from bulletin.editorial.models import Revision
from bulletin.posts.models import Kind, Post, Status
from tests.editorial.conftest import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("now")]

NEW = reverse("editorial:post_create")
NOTICE_LABELS = {"Pinned on top until", "Taken off the list at"}
EVENT_LABELS = {"Time zone of the event", "Event start", "Event end", "Place"}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def shown_labels(soup: BeautifulSoup) -> set[str]:
    """The labels a person sees: those not inside a part of the form kept hidden."""
    form = soup.select_one("form.post-form")
    return {
        label.get_text(" ", strip=True).rstrip(":")
        for label in form.select("label, legend")
        if not label.find_parent(attrs={"hidden": True})
    }


def chosen_kind(soup: BeautifulSoup) -> str:
    return soup.select_one("input[name=kind][checked]")["value"]


def value_of(soup: BeautifulSoup, name: str) -> str:
    return soup.select_one(f"[name={name}]").get("value", "")


@pytest.mark.parametrize(
    "kind, shown, not_shown",
    [
        ("news", set(), NOTICE_LABELS | EVENT_LABELS),
        ("notice", NOTICE_LABELS, EVENT_LABELS),
        ("event", EVENT_LABELS, NOTICE_LABELS),
    ],
)
def test_the_new_post_form_shows_only_the_fields_of_its_kind(
    author_client, kind, shown, not_shown
):
    soup = soup_of(author_client.get(NEW, {"kind": kind}))
    labels = shown_labels(soup)
    assert chosen_kind(soup) == kind
    assert shown <= labels
    assert not labels & not_shown
    assert {"Title", "Summary", "Web address", "Topics"} <= labels


def test_the_kinds_are_plain_choices_in_the_form(author_client):
    soup = soup_of(author_client.get(NEW))
    kind = soup.select_one("fieldset legend")
    assert kind.get_text(strip=True) == "Kind of post:"
    choices = [
        label.get_text(strip=True)
        for label in kind.find_parent("fieldset").select("label")
    ]
    assert choices == ["News item", "Notice", "Event"]
    assert soup.find("button", attrs={"name": "show_kind"}).get_text(strip=True) == (
        "Show the fields for this kind"
    )


def test_the_kind_is_preselected_from_the_link_else_the_last_used(
    author_client, author, make_post
):
    assert chosen_kind(soup_of(author_client.get(NEW))) == "news"
    make_post(kind=Kind.EVENT, author=author, status=Status.DRAFT, published_at=None)
    assert chosen_kind(soup_of(author_client.get(NEW))) == "event"
    assert chosen_kind(soup_of(author_client.get(NEW, {"kind": "notice"}))) == "notice"
    # A page is not started here, and nonsense falls back to the last used.
    assert chosen_kind(soup_of(author_client.get(NEW, {"kind": "page"}))) == "event"
    assert chosen_kind(soup_of(author_client.get(NEW, {"kind": "<x>"}))) == "event"


def test_the_new_post_link_from_a_kinds_list_opens_that_kind(author_client):
    soup = soup_of(author_client.get(reverse("editorial:posts"), {"kind": "notice"}))
    link = soup.find("a", string="New post")
    assert link["href"] == f"{NEW}?kind=notice"


def test_without_javascript_changing_the_kind_redraws_the_form_keeping_the_typing(
    author_client,
):
    typed = {
        "kind": "event",
        "title": "Open day",
        "summary": "Come and see the depot.",
        "language": "en",
        "pinned_until": "2026-07-01T09:00",
        "show_kind": "1",
    }
    response = author_client.post(NEW, typed)
    assert response.status_code == 200
    assert not Post.objects.exists()
    soup = soup_of(response)
    assert chosen_kind(soup) == "event"
    assert shown_labels(soup) >= EVENT_LABELS
    assert not NOTICE_LABELS & shown_labels(soup)
    assert soup.select_one(".error-summary") is None
    assert value_of(soup, "title") == "Open day"
    assert soup.select_one("[name=summary]").get_text().strip() == (
        "Come and see the depot."
    )
    # The notice's pin is still in the page, hidden, so changing back keeps it.
    assert value_of(soup, "pinned_until") == "2026-07-01T09:00"
    back = author_client.post(NEW, {**typed, "kind": "notice"})
    soup = soup_of(back)
    assert shown_labels(soup) >= NOTICE_LABELS
    assert value_of(soup, "pinned_until") == "2026-07-01T09:00"


def test_fields_of_another_kind_are_not_judged_and_not_saved(author_client):
    response = author_client.post(
        NEW,
        {
            "kind": "news",
            "title": "Budget adopted",
            "language": "en",
            # Left in the hidden parts of the form from an earlier choice.
            "event_start": "not a date",
            "event_end": "2026-12-04T10:00",
            "event_online_url": "not a link",
            "pinned_until": "2026-07-10T09:00",
            "expires_at": "2026-07-01T09:00",
        },
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.kind == Kind.NEWS
    assert (post.event_start, post.event_end, post.event_online_url) == (None, None, "")
    assert (post.pinned_until, post.expires_at) == (None, None)


@override_settings(TIME_ZONE="Europe/Zurich")
def test_an_event_turned_into_news_warns_then_drops_its_dates_kept_in_revisions(
    author_client, author, make_post
):
    seoul = ZoneInfo("Asia/Seoul")
    event = make_post(
        kind=Kind.EVENT,
        author=author,
        status=Status.DRAFT,
        published_at=None,
        event_timezone="Asia/Seoul",
        event_start=datetime(2026, 12, 4, 11, 0, tzinfo=seoul),
        event_location="Council chamber",
    )
    edit = reverse("editorial:post_edit", args=[event.pk])
    soup = soup_of(author_client.get(edit))
    # Each kind's warning is in the page; the event's own choice shows none.
    warnings = soup.select("[data-kind-loss]")
    assert {w["data-kind-loss"] for w in warnings} == {"news", "notice"}
    assert all(w.has_attr("hidden") for w in warnings)

    sent = form_data(
        event,
        kind="news",
        event_timezone="Asia/Seoul",
        event_start="2026-12-04T11:00",
        event_location="Council chamber",
    )
    switched = author_client.post(edit, {**sent, "show_kind": "1"})
    assert switched.status_code == 200
    warning = soup_of(switched).select_one("[data-kind-loss=news]")
    assert not warning.has_attr("hidden")
    assert "Event start, Place" in warning.get_text(" ", strip=True)
    assert "revisions" in warning.get_text()
    event.refresh_from_db()
    assert event.kind == Kind.EVENT  # nothing saved by a redraw

    assert author_client.post(edit, sent).status_code == 302
    event.refresh_from_db()
    assert event.kind == Kind.NEWS
    assert (event.event_start, event.event_location, event.event_timezone) == (
        None,
        "",
        "",
    )
    before = Revision.objects.filter(post=event).order_by("number").first()
    assert before.data["kind"] == "event"
    assert before.data["event_location"] == "Council chamber"


def test_labels_are_plain_words_and_every_time_names_its_zone(author_client):
    soup = soup_of(author_client.get(NEW, {"kind": "event"}))
    form = soup.select_one("form.post-form")
    words = " ".join(label.get_text(" ") for label in form.select("label, legend"))
    for jargon in ("Slug", "slug", "pk", "FK", "is_pinned", "_"):
        assert jargon not in words
    for control in form.select("input[type=datetime-local]"):
        helps = " ".join(
            soup.select_one(f"#{i}").get_text()
            for i in control["aria-describedby"].split()
        )
        assert "Time zone" in helps, control["name"]
    slug_help = soup.select_one("#id_slug_helptext").get_text()
    assert "address" in slug_help and "links to the page keep working" in slug_help


def test_a_page_keeps_its_kind_without_a_choice_of_kinds(
    author_client, author, make_post
):
    page = make_post(
        kind=Kind.PAGE, author=author, status=Status.DRAFT, published_at=None
    )
    soup = soup_of(author_client.get(reverse("editorial:post_edit", args=[page.pk])))
    assert soup.select("input[type=radio][name=kind]") == []
    assert soup.select_one("input[type=hidden][name=kind]")["value"] == "page"
    assert not (NOTICE_LABELS | EVENT_LABELS) & shown_labels(soup)


@override_settings(TIME_ZONE="Europe/Zurich")
def test_the_posts_page_gives_its_kinds_dates_each_with_its_zone(
    author_client, author, make_post
):
    seoul = ZoneInfo("Asia/Seoul")
    event = make_post(
        kind=Kind.EVENT,
        author=author,
        event_timezone="Asia/Seoul",
        event_start=datetime(2026, 12, 4, 11, 0, tzinfo=seoul),
        event_location="Council chamber",
    )
    notice = make_post(
        kind=Kind.NOTICE,
        author=author,
        pinned_until=datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Zurich")),
    )

    def facts(post) -> dict[str, str]:
        page = soup_of(author_client.get(reverse("editorial:post", args=[post.pk])))
        return {
            dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(
                " ", strip=True
            )
            for dt in page.select("dl.facts dt")
        }

    shown = facts(event)
    assert "11:00" in shown["Event start"] and "(Asia/Seoul)" in shown["Event start"]
    assert shown["Place"] == "Council chamber"
    assert "(Europe/Zurich)" in shown["Publication time"]
    pinned = facts(notice)["Pinned on top until"]
    assert "09:00" in pinned and "(Europe/Zurich)" in pinned
    assert "Event start" not in facts(notice)
