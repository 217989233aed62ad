"""A post asked for in a language it does not exist in says so; it never shows the
wrong language silently."""

from __future__ import annotations

import pytest

from bulletin.i18n.translations import public_url
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


def post_path(language: str, slug: str) -> str:
    return f"/{language}/posts/{slug}/"


def test_a_post_missing_in_the_language_answers_404_naming_where_it_is(
    client, translated
):
    original, french, _arabic = translated()
    response = client.get(post_path("es", original.slug))
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.html["lang"] == "es"
    links = soup.select("main .missing-translation__links a")
    assert [a["href"] for a in links] == [public_url(original), public_url(french)]
    assert [a["hreflang"] for a in links] == ["en", "fr"]
    # The text is in Spanish; the post's own text is not shown.
    assert (
        "esta publicación no está disponible en español"
        in soup.select_one("main p").text.lower()
    )
    assert original.body not in response.content.decode()


def test_the_message_names_the_requested_language(client, make_post, now):
    post = make_post(language="fr", slug="budget")
    response = client.get(post_path("en", "budget"))
    assert response.status_code == 404
    text = soup_of(response).select_one("main").get_text(" ", strip=True)
    assert "This post is not available in English. It is available in:" in text
    assert "Français: " + post.title in text
    assert "(French)" in text


def test_a_slug_of_another_language_redirects_to_the_translation_here(
    client, translated
):
    original, french, _arabic = translated()
    response = client.get(post_path("fr", original.slug))
    assert response.status_code == 302
    assert response["Location"] == public_url(french)


def test_a_draft_translation_is_not_revealed(client, translated):
    original, _french, arabic = translated()
    response = client.get(post_path("en", arabic.slug))
    assert response.status_code == 404
    assert not soup_of(response).select(".missing-translation")
    # Asked in Arabic, the public versions are offered, the draft is not followed.
    response = client.get(post_path("ar", original.slug))
    assert response.status_code == 404
    assert soup_of(response).select(".missing-translation__links a")
    assert "تعريفات" not in soup_of(response).select_one("main").get_text()


def test_a_slug_that_exists_nowhere_is_a_plain_404(client, db):
    response = client.get(post_path("fr", "nothing-here"))
    assert response.status_code == 404
    assert not soup_of(response).select(".missing-translation")


def test_a_post_that_is_here_but_not_in_the_list_keeps_its_own_404(
    client, make_post, now
):
    post = make_post(language="en", kind="news", slug="same-slug")
    make_post(language="fr", kind="news", slug="same-slug")
    response = client.get(f"/en/events/posts/{post.slug}/")
    assert response.status_code == 404
    assert not soup_of(response).select(".missing-translation")


def test_the_missing_page_has_no_hreflang_alternates(client, translated):
    original, _french, _arabic = translated()
    response = client.get(post_path("ko", original.slug))
    assert not soup_of(response).select('head link[rel="alternate"][hreflang]')
