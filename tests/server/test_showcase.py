"""The demo shows every feature once, in all seven languages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from bulletin.alternatives.models import Alternative
from bulletin.i18n.seeding import seed_translations
from bulletin.pages.models import Page, Role
from bulletin.posts.models import Kind, Post, Status
from bulletin.posts.seeding import seed
from bulletin.server.showcase import build_showcase

pytestmark = pytest.mark.django_db


def test_the_showcase_has_every_feature_once(client, now):
    seed(30, random_seed=1)
    shown = build_showcase()
    assert build_showcase() == {}  # a second run adds nothing
    seed_translations(12)
    assert shown["pinned"].is_pinned() and shown["pinned"].kind == Kind.NOTICE
    assert shown["expired"].is_expired()
    assert shown["withdrawn"].status == Status.WITHDRAWN
    assert shown["correction"].change_notes.get().note.startswith("Correction")
    assert Alternative.objects.filter(attachment__post=shown["document"]).count() == 2
    assert {p.role for p in Page.objects.all()} >= {Role.ACCESSIBILITY, Role.CONTACT}
    event = client.get(shown["event"].get_absolute_url())
    calendar = BeautifulSoup(event.content, "html.parser").select("a[href$='.ics']")
    assert calendar, "the event offers its calendar"
    image_page = BeautifulSoup(
        client.get(shown["image"].get_absolute_url()).content, "html.parser"
    )
    image = image_page.select_one(".post__body img")
    assert image["alt"] == "Volunteers planting young trees on the river bank"
    assert client.get(image["src"]).status_code == 200
    languages = set(
        Post.objects.filter(
            translation_group=shown["pinned"].translation_group
        ).values_list("language", flat=True)
    )
    assert languages == {code for code, _ in settings.LANGUAGES}
    home = BeautifulSoup(client.get("/ko/").content, "html.parser")
    assert home.select_one(".site-logo img")["alt"] == "리버사이드 구의회"
