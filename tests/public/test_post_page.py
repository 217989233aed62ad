"""A post page: content, event details, attachments and the board's LIST / Prev / Next."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.posts.models import ChangeNote, Kind, Status

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def board(soup):
    nav = soup.select_one("nav.board-nav")
    prev, nxt = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
    listing = nav.select_one(".board-nav__list a")
    return (
        prev["href"] if prev else None,
        listing["href"],
        nxt["href"] if nxt else None,
    )


def test_a_post_page_shows_title_kind_date_topics_and_body(
    client, make_post, make_topic
):
    post = make_post(
        title="Roundtable reviews the year",
        body="<p>We met.</p>",
        topics=[make_topic("Governance")],
    )
    soup = soup_of(client.get(post.get_absolute_url()))
    assert soup.select_one("h1").get_text(strip=True) == "Roundtable reviews the year"
    assert soup.select_one("article .badge--news").get_text(strip=True) == "News"
    assert soup.select_one(".post__body").decode_contents() == "<p>We met.</p>"
    assert [a.get_text() for a in soup.select(".post-topics a")] == ["Governance"]
    assert soup.select_one("link[rel=canonical]")["href"].endswith(
        post.get_absolute_url()
    )
    assert soup.html["lang"] == "en"


def test_an_event_shows_its_times_in_its_own_time_zone_and_its_place(client, make_post):
    post = make_post(
        kind=Kind.EVENT,
        event_start=datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
        event_end=datetime(2026, 12, 4, 12, 30, tzinfo=UTC),
        event_timezone="Europe/Zurich",
        event_location="Room 3, City Hall",
        event_online_url="https://meet.example.org/roundtable",
    )
    details = soup_of(client.get(post.get_absolute_url())).select_one(".event-details")
    text = details.get_text(" ", strip=True)
    assert (
        "11:00" in text
        and "13:30" in text
        and "Europe/Zurich" in text
        and "UTC+01:00" in text
    )
    assert "Room 3, City Hall" in text
    assert details.select_one("a[href='https://meet.example.org/roundtable']")


def test_attachments_are_listed_and_downloadable(client, make_post, make_attachment):
    post = make_post()
    item = make_attachment(
        post, title="Agenda", filename="agenda.pdf", data=b"%PDF-1.4 agenda"
    )
    soup = soup_of(client.get(post.get_absolute_url()))
    link = soup.select_one(".attachments a")
    assert link.get_text() == "Agenda"
    assert "application/pdf" in soup.select_one(".attachments__info").get_text()
    response = client.get(link["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 agenda"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert item.size == len(b"%PDF-1.4 agenda")


def test_attachments_of_unpublished_posts_do_not_download(
    client, now, make_post, make_attachment
):
    draft = make_attachment(make_post(status=Status.DRAFT, published_at=None))
    scheduled = make_attachment(make_post(published_at=now + timedelta(days=1)))
    for item in (draft, scheduled):
        assert client.get(item.get_absolute_url()).status_code == 404


def test_an_attachment_whose_file_is_gone_from_storage_answers_404(
    client, make_post, make_attachment
):
    item = make_attachment(make_post())
    item.file.storage.delete(item.file.name)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_change_notes_are_listed_with_dates(client, now, make_post):
    post = make_post()
    ChangeNote.objects.create(post=post, noted_at=now, note="Slides added")
    soup = soup_of(client.get(post.get_absolute_url()))
    notes = [li.get_text(" ", strip=True) for li in soup.select(".change-notes li")]
    assert notes[0].endswith("Slides added") and notes[-1].endswith("First published.")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_unpublished_posts_answer_404(client, now, make_post, status):
    post = make_post(status=status)
    assert client.get(post.get_absolute_url()).status_code in (404, 410)


def test_a_scheduled_post_answers_404_until_its_time(
    client, now, make_post, time_machine
):
    post = make_post(published_at=now + timedelta(hours=1))
    assert client.get(post.get_absolute_url()).status_code == 404
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    assert client.get(post.get_absolute_url()).status_code == 200


def test_list_prev_and_next_walk_every_post_once_ties_included(client, now, make_post):
    posts = [make_post(published_at=now - timedelta(hours=n // 4)) for n in range(43)]
    order = sorted(posts, key=lambda p: (p.published_at, p.pk), reverse=True)
    url, visited, list_links = order[0].get_absolute_url(), [], []
    while url:
        soup = soup_of(client.get(url))
        visited.append(soup.select_one("h1").get_text(strip=True))
        _newer, listing, url = board(soup)
        list_links.append(listing)
    assert visited == [p.title for p in order]
    # LIST goes back to the page that holds the post.
    assert list_links[0] == reverse("public:list")
    assert list_links[20] == reverse("public:list") + "?page=2"
    assert list_links[42] == reverse("public:list") + "?page=3"
    back, url = [], order[-1].get_absolute_url()
    while url:
        soup = soup_of(client.get(url))
        back.append(soup.select_one("h1").get_text(strip=True))
        url = board(soup)[0]
    assert back == list(reversed(visited))


def test_from_a_filtered_list_the_board_stays_in_that_list(
    client, now, make_post, make_topic
):
    water = make_topic("Water")
    a = make_post(
        title="A",
        kind=Kind.NOTICE,
        topics=[water],
        published_at=now - timedelta(hours=1),
    )
    make_post(
        title="between",
        kind=Kind.NEWS,
        topics=[water],
        published_at=now - timedelta(hours=2),
    )
    c = make_post(
        title="C",
        kind=Kind.NOTICE,
        topics=[water],
        published_at=now - timedelta(hours=3),
    )
    kwargs = {"kind": "notices", "topic": water.slug}
    url = reverse("public:post", kwargs={**kwargs, "slug": a.slug})
    prev, listing, nxt = board(soup_of(client.get(url)))
    assert prev is None
    assert listing == reverse("public:list", kwargs=kwargs)
    assert nxt == reverse("public:post", kwargs={**kwargs, "slug": c.slug})


def test_a_post_outside_the_named_list_is_not_found(client, make_post):
    news = make_post(kind=Kind.NEWS)
    assert (
        client.get(
            reverse("public:post", kwargs={"kind": "notices", "slug": news.slug})
        ).status_code
        == 404
    )


def test_an_expired_notice_is_reachable_and_browsed_in_its_year(client, now, make_post):
    notice = make_post(
        title="Expired", kind=Kind.NOTICE, expires_at=now - timedelta(hours=1)
    )
    soup = soup_of(client.get(notice.get_absolute_url()))
    assert "expired" in soup.select_one(".notice-banner").get_text().lower()
    assert board(soup)[1] == reverse(
        "public:list", kwargs={"year": notice.published_at.year}
    )
