"""Library images in a post's text reach readers with srcset, size and alt text."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

from bulletin.editorial.images import add_image
from bulletin.thumbnails.bodies import with_renditions

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    buffer = io.BytesIO()
    Pillow.new("RGB", (2000, 1000), (200, 20, 20)).save(buffer, "JPEG")
    upload = SimpleUploadedFile("red.jpg", buffer.getvalue())
    return add_image(None, upload, alt="A red square", language="en")


def test_a_library_image_gets_every_width_and_its_size(
    image, django_assert_num_queries
):
    body = f'<figure><img src="/old.jpg" alt="Red" data-file="{image.pk}"></figure>'
    with django_assert_num_queries(2):
        html = with_renditions(body, "en")
    img = BeautifulSoup(html, "html.parser").img
    assert [part.split()[1] for part in img["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert img["src"].endswith("/960.jpg")
    assert (img["width"], img["height"]) == ("960", "480")
    assert img["alt"] == "Red", "the post's own alt text wins"
    assert img["sizes"] and img["loading"] == "lazy"
    assert not img.has_attr("data-file")


def test_the_library_alt_text_fills_in_and_decorative_stays_empty(image):
    body = (
        f'<img src="/x.jpg" data-file="{image.pk}">'
        f'<img src="/x.jpg" alt="" data-decorative="true" data-file="{image.pk}">'
    )
    first, second = BeautifulSoup(with_renditions(body, "fr"), "html.parser")("img")
    assert first["alt"] == "A red square"
    assert second["alt"] == ""


def test_other_images_and_unknown_ids_are_left_as_written():
    body = '<p>x</p><img src="https://example.org/a.png" alt="A" data-file="999">'
    img = BeautifulSoup(with_renditions(body, "en"), "html.parser").img
    assert img["src"] == "https://example.org/a.png" and img["alt"] == "A"
