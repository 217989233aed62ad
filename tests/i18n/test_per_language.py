"""Lists, Prev/Next and the archive show one language: the URL's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bulletin.i18n.translations import public_url
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual(make_post, now):
    """Alternating English and French posts, an hour apart, newest first by index."""
    posts = []
    for n in range(6):
        language = "en" if n % 2 == 0 else "fr"
        posts.append(
            make_post(
                title=f"{language} {n}",
                language=language,
                published_at=now - timedelta(hours=n + 1),
            )
        )
    return posts


def test_each_language_lists_only_its_own_posts(client, bilingual):
    english = soup_of(client.get("/en/")).get_text()
    french = soup_of(client.get("/fr/")).get_text()
    assert all(f"en {n}" in english and f"en {n}" not in french for n in (0, 2, 4))
    assert all(f"fr {n}" in french and f"fr {n}" not in english for n in (1, 3, 5))


def test_a_language_without_posts_lists_none_of_the_others(client, bilingual):
    text = soup_of(client.get("/ko/")).select_one("main").get_text()
    assert not any(f"{lang} {n}" in text for lang in ("en", "fr") for n in range(6))


def test_prev_and_next_stay_in_the_language(client, bilingual):
    middle = bilingual[2]  # "en 2": newer is "en 0", older is "en 4"
    soup = soup_of(client.get(public_url(middle)))
    newer = soup.select_one('nav.board-nav a[rel="prev"]')
    older = soup.select_one('nav.board-nav a[rel="next"]')
    assert newer["href"] == public_url(bilingual[0])
    assert older["href"] == public_url(bilingual[4])


def test_the_french_post_neighbours_are_french(client, bilingual):
    soup = soup_of(client.get(public_url(bilingual[3])))
    assert soup.select_one('nav.board-nav a[rel="prev"]')["href"] == public_url(
        bilingual[1]
    )
    assert soup.select_one('nav.board-nav a[rel="next"]')["href"] == public_url(
        bilingual[5]
    )


def test_the_archive_counts_only_the_language(client, bilingual):
    english = (
        soup_of(client.get("/en/archive/")).select_one("main").get_text(" ", strip=True)
    )
    korean = (
        soup_of(client.get("/ko/archive/")).select_one("main").get_text(" ", strip=True)
    )
    assert "2026" in english
    assert "2026" not in korean
