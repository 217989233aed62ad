"""Translating from the back office: the action on every post, the original beside the
translation, and a translation's public page in its own language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.i18n.translations import start_translation
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_every_post_offers_translate_in_each_missing_language(editor_client, make_post):
    post = make_post(title="Water works")
    page = soup_of(editor_client.get(reverse("editorial:post", args=[post.pk])))
    assert (
        page.select_one(".action-list a[href='#translations-heading']").text
        == "Translate"
    )
    buttons = [b.text for b in page.select("section.translations form button")]
    assert "Start a translation into Français" in buttons
    assert len(buttons) == 6, "every language but the original's own"


def test_the_original_is_shown_beside_the_translation_being_written(
    editor_client, editor, make_post
):
    post = make_post(title="Water works", body="<p>The original text</p>")
    draft = start_translation(post, "fr", editor)
    page = soup_of(editor_client.get(reverse("editorial:post_edit", args=[draft.pk])))
    assert page.h1.text == "Translate into Français"
    aside = page.select_one("aside.original")
    assert "The original (English)" in aside.h2.text
    assert aside.select_one("[lang=en]").h3.text == "Water works"
    assert "The original text" in aside.text
    assert page.select_one(".side-by-side form.post-form")


def test_an_original_is_edited_without_a_side_panel(editor_client, make_post):
    post = make_post()
    page = soup_of(editor_client.get(reverse("editorial:post_edit", args=[post.pk])))
    assert not page.select("aside.original") and page.h1.text == "Edit post"


def test_a_translations_public_page_link_is_in_its_own_language(
    editor_client, editor, make_post, now
):
    post = make_post(title="Water works")
    draft = start_translation(post, "fr", editor)
    draft.status, draft.published_at, draft.slug = (
        Status.PUBLISHED,
        post.published_at,
        "travaux",
    )
    draft.save()
    page = soup_of(editor_client.get(reverse("editorial:post", args=[draft.pk])))
    link = page.find("a", string="Public page")
    assert link["href"] == "/fr/travaux/" or link["href"].startswith("/fr/")
    assert link["hreflang"] == "fr"
