"""The root sends a visitor to the language their browser asks for, else the default."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "home"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/"),
        ("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "/ko/"),
        ("de-DE, de;q=0.9, es;q=0.5, en;q=0.3", "/es/"),  # unsupported first choice
        ("en;q=0.2, ru;q=0.8", "/ru/"),  # q-values, not order, decide
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ar-EG", "/ar/"),
        ("de, ja;q=0.5", "/en/"),  # nothing offered: the default
        ("", "/en/"),
        ("*", "/en/"),
    ],
)
def test_root_redirects_to_the_preferred_offered_language(client, accept, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == home


def test_the_root_answer_varies_by_accept_language_and_is_not_shared(client):
    response = client.get(reverse("language_root"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]
    assert "private" in response["Cache-Control"]


def test_a_malformed_accept_language_gets_the_default_not_an_error(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr;q=abc,,;;=" + "x" * 600)
    assert response.status_code == 302
    assert response["Location"] in {"/en/", "/fr/"}


@override_settings(LANGUAGE_CODE="fr")
def test_without_preference_the_configured_default_wins(client):
    assert client.get("/")["Location"] == "/fr/"


@override_settings(LANGUAGES=[("en", "English"), ("ar", "العربية")])
def test_a_language_not_offered_on_this_site_is_not_chosen(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr, ar;q=0.5")["Location"] == "/ar/"


def test_a_path_without_language_is_redirected_into_the_preferred_one(
    client, make_post, now
):
    make_post(title="Budget", slug="budget", language="en")
    response = client.get("/posts/budget/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/posts/budget/"


def test_the_language_in_the_url_wins_over_the_browser(client):
    response = client.get("/ru/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
