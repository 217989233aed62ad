"""Control characters, lone surrogates and non-characters never get in, whichever
way text arrives (the back office form, `bulletin load`, code), so no channel can
show them: not the page, Open Graph, JSON-LD nor the API."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from bulletin.posts.interchange import load
from bulletin.posts.models import Post, Topic
from tests.editorial.conftest import client_for
from tests.posts.test_interchange import line

pytestmark = pytest.mark.django_db

DIRTY = "Road\x00 works\x07 on\x1b Main\x7f St\u0085reet\ufffe\U0010ffff"
CLEAN = "Road works on Main Street"


def test_the_cleaning_keeps_tabs_and_line_breaks_and_every_real_character():
    from bulletin.posts.text import clean_text

    assert clean_text("a\tb\r\nc\nd é 漢字 🙂") == "a\tb\nc\nd é 漢字 🙂"
    assert clean_text(DIRTY) == CLEAN
    assert clean_text("lone \ud800 surrogate \ufdd0") == "lone  surrogate "


def test_the_back_office_form_stores_text_without_control_characters(
    now, django_user_model
):
    from django.contrib.auth.models import Group

    from bulletin.accounts.roles import Role

    author = django_user_model.objects.create_user(username="al", password="x")
    author.groups.add(Group.objects.get(name=Role.AUTHOR.value))
    # A NUL is refused with a message by the form (Django's own rule)…
    client = client_for(author)
    url = reverse("editorial:post_create")
    refused = client.post(url, {"kind": "news", "title": "a\x00b", "language": "en"})
    assert "Null characters are not allowed." in refused.context["form"].errors["title"]
    # …every other unwanted character is dropped.
    dirty = DIRTY.replace("\x00", "")
    response = client.post(
        url,
        {"kind": "event", "title": dirty, "summary": dirty, "language": "en",
         "event_location": dirty, "body": f"<p>{dirty}</p>"},
    )  # fmt: skip
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.title, post.summary, post.event_location) == (CLEAN, CLEAN, CLEAN)
    assert post.body == f"<p>{CLEAN}</p>"


def test_a_loaded_line_is_stored_without_control_characters(now):
    load([line(title=DIRTY, summary=DIRTY, topics=[f"Water{chr(0x1f)}"],
               withdrawal_note="note\x0c")])  # fmt: skip
    post = Post.objects.get()
    assert (post.title, post.summary, post.withdrawal_note) == (CLEAN, CLEAN, "note")
    assert Topic.objects.get().name == "Water"


def test_no_channel_shows_them(client, now, make_post):
    post = make_post(title=DIRTY, summary=DIRTY)
    page = client.get(post.get_absolute_url())
    text = page.content.decode()
    assert CLEAN in text and "\x07" not in text and "\x1b" not in text
    tree = lxml_html.fromstring(page.content)
    (og,) = tree.xpath('//meta[@property="og:description"]/@content')
    assert og == CLEAN
    blocks = [
        json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')
    ]
    assert CLEAN in [b.get("description") for b in blocks]
    api = client.get(reverse("api:post", kwargs={"post_id": post.pk})).json()
    assert (api["title"], api["summary"]) == (CLEAN, CLEAN)


def test_a_dirty_topic_name_finds_the_clean_topic(now, make_topic):
    make_topic("Water")
    load([line(topics=["Wa\x1bter"])])
    assert list(Topic.objects.values_list("name", flat=True)) == ["Water"]
