"""The media library: images uploaded from the editor or the library page, checked
like every upload, described per language, replaced in place."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as Pillow

from bulletin.editorial.checks import images_without_alt
from bulletin.images.models import Image
from bulletin.thumbnails.models import Rendition

pytestmark = pytest.mark.django_db


def png(size=(1800, 900), name="harbour.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Pillow.new("RGB", size, (20, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_image_uploaded_from_the_editor_comes_back_as_a_choice_with_renditions(
    author_client,
):
    response = author_client.post(
        reverse("editorial:image_upload"),
        {"file": png(), "alt": "The harbour at dawn", "language": "fr"},
    )
    assert response.status_code == 201
    data = response.json()
    image = Image.objects.get(pk=data["id"])
    assert image.alt_texts == {"fr": "The harbour at dawn"}
    assert image.title == "harbour"
    widths = list(image.renditions.values_list("width", flat=True))
    assert widths == [480, 960, 1600]
    assert data["src"].endswith("/1600.jpg") and data["alt"] == "The harbour at dawn"
    served = author_client.get(data["src"])
    assert served["Content-Type"] == "image/jpeg"
    with Pillow.open(io.BytesIO(b"".join(served.streaming_content))) as copy:
        assert copy.size == (1600, 800)
        assert not copy.getexif(), "no EXIF reaches readers"


def test_a_small_image_is_never_enlarged(author_client):
    data = author_client.post(
        reverse("editorial:image_upload"), {"file": png((700, 300))}
    ).json()
    assert list(
        Rendition.objects.filter(image_id=data["id"]).values_list("width", flat=True)
    ) == [480, 700]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.pdf", b"%PDF-1.4 not really", "not a valid PDF"),
        ("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", ""),
        ("empty.png", b"", "empty"),
    ],
)
def test_what_is_not_an_image_is_refused_with_a_reason(
    author_client, name, data, reason
):
    response = author_client.post(
        reverse("editorial:image_upload"),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert not Image.objects.exists()


def test_an_upload_without_a_file_is_a_clear_400(author_client):
    response = author_client.post(reverse("editorial:image_upload"), {})
    assert response.status_code == 400 and response.json()["error"]


def test_people_without_a_role_cannot_upload(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(user)
    response = client.post(reverse("editorial:image_upload"), {"file": png()})
    assert response.status_code == 403


def test_the_library_finds_images_by_name_and_alt_text_and_offers_them_to_the_editor(
    author_client, django_assert_max_num_queries
):
    for name, alt in [("harbour.png", "Boats"), ("council.png", "Council chamber")]:
        author_client.post(
            reverse("editorial:image_upload"), {"file": png(name=name), "alt": alt}
        )
    page = author_client.get(reverse("editorial:images"), {"q": "chamber"})
    soup = BeautifulSoup(page.content, "html.parser")
    assert [a.text for a in soup.select(".image-grid a")] == ["council"]
    with django_assert_max_num_queries(6):
        choices = author_client.get(
            reverse("editorial:image_choices"), {"language": "en"}
        ).json()["images"]
    assert [c["title"] for c in choices] == ["council", "harbour"]
    assert choices[0]["thumb"].endswith("/480.jpg")


def test_alt_text_is_kept_per_language_and_a_replaced_file_keeps_its_address(
    editor_client,
):
    data = editor_client.post(
        reverse("editorial:image_upload"), {"file": png(), "alt": "Boats"}
    ).json()
    url = reverse("editorial:image", args=[data["id"]])
    response = editor_client.post(
        url,
        {
            "action": "describe",
            "title": "Harbour",
            "alt_en": "Boats",
            "alt_fr": "Des bateaux",
        },
    )
    assert response.status_code == 302
    image = Image.objects.get(pk=data["id"])
    assert image.alt_texts == {"en": "Boats", "fr": "Des bateaux"}
    assert image.alt_for("fr") == "Des bateaux" and image.alt_for("ko") == "Boats"

    response = editor_client.post(
        url, {"action": "replace", "file": png((1000, 1000), name="new.png")}
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (1000, 1000)
    assert list(image.renditions.values_list("width", flat=True)) == [480, 960, 1000]
    assert editor_client.get(data["src"].replace("1600", "960")).status_code == 200


def test_a_replacement_that_is_not_an_image_changes_nothing(editor_client):
    data = editor_client.post(reverse("editorial:image_upload"), {"file": png()}).json()
    response = editor_client.post(
        reverse("editorial:image", args=[data["id"]]),
        {"action": "replace", "file": SimpleUploadedFile("a.txt", b"hello")},
    )
    assert response.status_code == 400
    assert Image.objects.get(pk=data["id"]).width == 1800


def test_an_image_marked_decorative_may_go_public_without_alt_text():
    assert images_without_alt('<img src="/a.jpg" alt="" data-decorative="true">') == []
    assert images_without_alt('<img src="/a.jpg" alt="">') == ["/a.jpg"]
