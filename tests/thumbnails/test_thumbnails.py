"""Image attachments get small JPEG copies for lists and social cards, served like the original."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bulletin.thumbnails.models import Size, Thumbnail


def image_bytes(fmt: str, size: tuple[int, int], mode: str = "RGB", exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new(
        mode, size, (10, 120, 200) if mode == "RGB" else (10, 120, 200, 0)
    )
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


@pytest.fixture
def photo(make_post, make_attachment, now):
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Ltd"  # Make
    data = image_bytes("JPEG", (3000, 2000), exif=exif)
    return make_attachment(
        make_post(), data=data, filename="photo.jpg", content_type="image/jpeg"
    )


def opened(thumbnail: Thumbnail) -> Image.Image:
    with thumbnail.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_an_image_attachment_gets_a_list_and_a_card_thumbnail(photo):
    thumbs = {t.size: t for t in photo.thumbnails.all()}
    assert set(thumbs) == {Size.LIST, Size.CARD}
    assert (thumbs[Size.LIST].width, thumbs[Size.LIST].height) == (480, 320)
    assert (thumbs[Size.CARD].width, thumbs[Size.CARD].height) == (945, 630)
    image = opened(thumbs[Size.LIST])
    assert (image.format, image.size) == ("JPEG", (480, 320))
    # Camera metadata does not travel to the public copy.
    assert 0x010F not in image.getexif()
    assert "photo" not in thumbs[Size.LIST].file.name


def test_a_transparent_png_is_flattened_on_white(make_post, make_attachment):
    data = image_bytes("PNG", (100, 100), mode="RGBA")
    item = make_attachment(
        make_post(), data=data, filename="logo.png", content_type="image/png"
    )
    image = opened(item.thumbnails.get(size=Size.LIST))
    assert image.getpixel((50, 50)) == (255, 255, 255)


def test_a_small_image_is_not_enlarged(make_post, make_attachment):
    data = image_bytes("GIF", (64, 48))
    item = make_attachment(
        make_post(), data=data, filename="icon.gif", content_type="image/gif"
    )
    thumb = item.thumbnails.get(size=Size.CARD)
    assert (thumb.width, thumb.height) == (64, 48)


def test_documents_and_unreadable_images_get_none_and_do_not_fail(
    make_post, make_attachment
):
    post = make_post()
    assert not make_attachment(post).thumbnails.exists()
    broken = make_attachment(
        post,
        data=b"\x89PNG\r\n\x1a\nbroken",
        filename="x.png",
        content_type="image/png",
    )
    assert not broken.thumbnails.exists()


def test_the_thumbnail_is_served_inline_as_jpeg_while_the_post_is_public(client, photo):
    thumb = photo.thumbnails.get(size=Size.LIST)
    response = client.get(thumb.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (
        480,
        320,
    )

    photo.post.status = "draft"
    photo.post.save()
    assert client.get(thumb.get_absolute_url()).status_code == 404


def test_an_unknown_size_answers_404(client, photo):
    url = (
        photo.thumbnails.get(size=Size.LIST).get_absolute_url().replace("list", "huge")
    )
    assert client.get(url).status_code == 404


def test_a_new_file_replaces_the_thumbnail_and_deleting_removes_it(photo):
    from django.core.files.base import ContentFile

    old = photo.thumbnails.get(size=Size.LIST)
    storage, old_name = old.file.storage, old.file.name
    photo.file.save("new.jpg", ContentFile(image_bytes("JPEG", (800, 800))), save=True)
    new = photo.thumbnails.get(size=Size.LIST)
    assert (new.width, new.height) == (480, 480)
    assert not storage.exists(old_name)
    photo.delete()
    assert not storage.exists(new.file.name)


def test_lists_find_each_posts_first_image_in_one_query(
    make_post, make_attachment, django_assert_num_queries
):
    from bulletin.thumbnails.lookup import card_for, thumbnails_for

    posts = [make_post() for _ in range(3)]
    make_attachment(posts[0])  # a PDF: no thumbnail
    second = make_attachment(
        posts[0],
        data=image_bytes("PNG", (900, 300)),
        filename="b.png",
        content_type="image/png",
        position=2,
    )
    make_attachment(
        posts[0],
        data=image_bytes("PNG", (50, 50)),
        filename="c.png",
        content_type="image/png",
        position=3,
    )
    make_attachment(
        posts[2],
        data=image_bytes("GIF", (30, 30)),
        filename="d.gif",
        content_type="image/gif",
    )
    with django_assert_num_queries(1):
        found = thumbnails_for(posts)
    assert set(found) == {posts[0].pk, posts[2].pk}
    assert found[posts[0].pk].attachment_id == second.pk
    card = card_for(posts[0])
    assert (card.size, card.width, card.height) == (Size.CARD, 900, 300)
    assert card_for(posts[1]) is None


@pytest.mark.parametrize("number", ["0", "99999999999999999999", "9" * 30])
def test_a_thumbnail_number_no_row_can_have_answers_404(client, db, number):
    assert client.get(f"/thumbnails/{number}/list.jpg").status_code == 404
