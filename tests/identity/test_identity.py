"""The organisation's identity: set in the back office, shown on every page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletin.identity.contrast import ratio
from bulletin.identity.models import Identity
from tests.identity.conftest import png_bytes

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    data = {"brand": "", "brand_ink": "", "link": "", "accessibility_email": ""}
    for code in ("en", "fr", "es", "ar", "zh-hans", "ru", "ko"):
        for name in ("name", "tagline", "footer", "logo_alt"):
            data[f"text-{code}-{name}"] = ""
    data.update(changes)
    return data


def test_contrast_ratios_follow_wcag():
    assert round(ratio("#000000", "#ffffff"), 1) == 21.0
    assert ratio("#ffffff", "#ffffff") == 1.0
    assert round(ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest AA grey


def test_colours_without_enough_contrast_are_refused_with_the_ratio(admin_client_):
    url = reverse("identity_manage:settings")
    response = admin_client_.post(url, form(brand="#6fa8dc", brand_ink="#ffffff"))
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select(".error-summary li")
    assert any("4.5:1" in li.get_text() and "#ffffff" in li.get_text() for li in errors)
    response = admin_client_.post(url, form(link="#9fc5e8"))
    assert response.status_code == 400
    response = admin_client_.post(url, form(brand="blue"))
    assert response.status_code == 400
    assert not Identity.objects.exists()


def test_accepted_colours_go_out_as_a_stylesheet_not_inline(admin_client_, client):
    response = admin_client_.post(
        reverse("identity_manage:settings"),
        form(brand="#5a1e66", brand_ink="#ffffff", link="#6b2277"),
    )
    assert response.status_code == 302
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert not page.select("[style]")
    theme = [
        link["href"]
        for link in page.select("link[rel=stylesheet]")
        if "/identity/theme/" in link["href"]
    ]
    assert len(theme) == 1
    css = client.get(theme[0])
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #5a1e66;" in css.content.decode()
    assert "--link: #6b2277;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]


def test_name_tagline_and_footer_per_language(admin_client_, client):
    response = admin_client_.post(
        reverse("identity_manage:settings"),
        form(
            **{
                "text-en-name": "Riverside District Council",
                "text-en-tagline": "News and notices from your council",
                "text-en-footer": "Riverside District Council, 1 Market Square",
                "text-fr-name": "Conseil du district de Riverside",
                "text-fr-tagline": "Actualités et avis de votre conseil",
            }
        ),
    )
    assert response.status_code == 302
    english = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert english.select_one(".site-logo").get_text(strip=True) == (
        "Riverside District Council"
    )
    assert (
        "News and notices from your council" in english.select_one(".site-tagline").text
    )
    assert "1 Market Square" in english.select_one(".site-footer").text
    french = BeautifulSoup(client.get("/fr/").content, "html.parser")
    assert french.select_one(".site-logo").get_text(strip=True) == (
        "Conseil du district de Riverside"
    )
    # No French footer given: the default language's is used.
    assert "1 Market Square" in french.select_one(".site-footer").text


def test_a_logo_with_its_alternative_text_replaces_the_name(admin_client_, client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = admin_client_.post(
        reverse("identity_manage:settings"),
        {
            **form(**{"text-en-logo_alt": "Riverside District Council"}),
            "logo": logo,
        },
    )
    assert response.status_code == 302
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    image = page.select_one(".site-logo img")
    assert image["alt"] == "Riverside District Council"
    served = client.get(image["src"])
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_a_logo_that_is_not_an_image_is_refused(admin_client_):
    page = SimpleUploadedFile(
        "logo.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = admin_client_.post(
        reverse("identity_manage:settings"), {**form(), "logo": page}
    )
    assert response.status_code == 400
    assert not Identity.objects.filter(logo__gt="").exists()


def test_only_admins_set_the_identity(editor_client, client):
    url = reverse("identity_manage:settings")
    assert editor_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # to sign in


def test_an_old_theme_address_answers_404(admin_client_, client):
    admin_client_.post(reverse("identity_manage:settings"), form(brand="#5a1e66"))
    assert client.get(reverse("identity:theme", args=["0"])).status_code == 404


def test_a_new_name_shows_on_the_next_page_after_one_was_seen(admin_client_, client):
    # Pages take the content version the process remembers (no query per request):
    # the change raises it, so the page right after shows the new name.
    before = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert before.select_one(".site-logo").get_text(strip=True) == "Bulletin"
    response = admin_client_.post(
        reverse("identity_manage:settings"),
        form(**{"text-en-name": "Riverside District Council"}),
    )
    assert response.status_code == 302
    after = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert after.select_one(".site-logo").get_text(strip=True) == (
        "Riverside District Council"
    )
