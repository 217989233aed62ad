from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def translated(make_post, now):
    """An English original with a public French and a draft Arabic translation."""

    def make(**fields):
        original = make_post(title="Water tariffs for 2027", language="en", **fields)
        french = make_post(
            title="Tarifs de l'eau pour 2027",
            language="fr",
            translation_group=original.translation_group,
            **fields,
        )
        arabic = make_post(
            title="تعريفات المياه لعام 2027",
            language="ar",
            translation_group=original.translation_group,
            status="draft",
            published_at=None,
            **fields,
        )
        return original, french, arabic

    return make


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user(
        "translator", password="pw", is_staff=True, is_superuser=True
    )
    return user
