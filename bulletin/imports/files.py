"""An imported post's files: documents become attachments, images in the body go to
the media library, and the body is pointed at them.

Every file passes the back office's upload check (`posts.uploads.inspect_upload`).
A file that cannot be had or is refused becomes a note; the post is written anyway.
A file an earlier run stored is kept, not fetched again.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import lxml.html
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.text import Truncator
from PIL import Image as PillowImage
from PIL import ImageOps

from bulletin.images.models import Image
from bulletin.imports.fetching import FetchError, fetch, read_file
from bulletin.imports.items import FileRef
from bulletin.posts.models import Attachment, Post
from bulletin.posts.uploads import inspect_upload, max_upload_bytes
from bulletin.thumbnails.models import Rendition

if TYPE_CHECKING:
    from bulletin.imports.writing import Options

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
Stored = Attachment | Image


def reference(stored: Stored) -> str:
    """How the import record names a stored file: "image:12" or "attachment:34"."""
    return f"{'image' if isinstance(stored, Image) else 'attachment'}:{stored.pk}"


def _known(value) -> tuple[str, int]:
    kind, _, pk = str(value).rpartition(":")
    return (kind or "attachment"), int(pk) if pk.isdigit() else -1


def _bytes(ref: FileRef, options: Options) -> bytes:
    limit = max_upload_bytes()
    if ref.path:
        return read_file(Path(ref.path), max_bytes=limit)
    if options.uploads_dir is not None:
        path = urlsplit(ref.url).path
        marker = "/wp-content/uploads/"
        if marker in path:
            relative = PurePosixPath(unquote(path.split(marker, 1)[1]))
            if ".." not in relative.parts:
                local = options.uploads_dir / relative
                if local.is_file():
                    return read_file(local, max_bytes=limit)
    if not options.download:
        raise FetchError("not in the uploads folder, and downloads are off")
    return fetch(ref.url, max_bytes=limit, timeout=options.timeout).data


def _library_image(upload, checked, ref: FileRef, language: str) -> Image:
    upload.seek(0)
    with PillowImage.open(upload) as source:
        width, height = ImageOps.exif_transpose(source).size
    upload.seek(0)
    image = Image(
        title=Truncator(ref.title or checked.filename).chars(200),
        content_type=checked.content_type,
        width=width,
        height=height,
        alt_texts={language: ref.title} if ref.title else {},
    )
    image.file.save("upload", upload, save=False)
    image.save()  # its renditions are made here
    return image


def _new(ref: FileRef, post: Post, options: Options, saved: list[str]) -> Stored:
    data = _bytes(ref, options)
    name = PurePosixPath(unquote(urlsplit(ref.url).path)).name or "file"
    upload = SimpleUploadedFile(name, data)
    checked = inspect_upload(upload)
    if ref.in_body and ref.is_image and checked.content_type in IMAGE_TYPES:
        image = _library_image(upload, checked, ref, post.language)
        saved.append(image.file.name)
        saved.extend(image.renditions.values_list("file", flat=True))
        return image
    attachment = Attachment(
        post=post,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
    )
    attachment.file.save(checked.filename, upload, save=False)
    saved.append(attachment.file.name)
    return attachment


def store(
    post: Post,
    refs: list[FileRef],
    known: dict[str, str],
    options: Options,
    saved: list[str],
) -> tuple[dict[str, Stored], list[str]]:
    """Store the post's files, keeping those an earlier run stored; list what failed."""
    kept: dict[str, Stored] = {}
    notes: list[str] = []
    attachments = {a.pk: a for a in post.attachments.all()}
    image_ids = [pk for kind, pk in map(_known, known.values()) if kind == "image"]
    images = {i.pk: i for i in Image.objects.filter(pk__in=image_ids)}
    for position, ref in enumerate(refs):
        if ref.url in kept:
            continue
        kind, pk = _known(known.get(ref.url, ""))
        stored = (images if kind == "image" else attachments).get(pk)
        if stored is None:
            try:
                stored = _new(ref, post, options, saved)
            except FetchError as error:
                notes.append(f"file not imported: {ref.url}: {error}")
                continue
            except ValidationError as error:
                notes.append(f"file refused: {ref.url}: {' '.join(error.messages)}")
                continue
        if isinstance(stored, Attachment):
            stored.title = Truncator(ref.title or stored.filename).chars(300)
            stored.position = position
            stored.save()
            saved.extend(stored.thumbnails.values_list("file", flat=True))
        kept[ref.url] = stored
    # Files an earlier run brought that the source no longer has.
    for value in known.values():
        kind, pk = _known(value)
        old = (images if kind == "image" else attachments).get(pk)
        if old is not None and old not in kept.values():
            old.file.delete(save=False)
            old.delete()
    return kept, notes


def _address(stored: Stored, language: str) -> str:
    if isinstance(stored, Image):
        widest = Rendition.objects.filter(image=stored).order_by("-width").first()
        return widest.get_absolute_url() if widest else ""
    with translation.override(language):
        return stored.get_absolute_url()


def point_body_at(post: Post, refs: list[FileRef], stored: dict[str, Stored]) -> str:
    """Point the body's images and links at what was stored: a library image is
    marked as the editor marks it (`data-file`), so readers get its renditions."""
    targets = {
        ref.in_body: stored[ref.url]
        for ref in refs
        if ref.in_body and ref.url in stored
    }
    if not targets or not post.body.strip():
        return post.body
    wrapper = lxml.html.fragment_fromstring(post.body, create_parent="div")
    for element in wrapper.iter("img", "a"):
        attribute = "src" if element.tag == "img" else "href"
        target = targets.get(element.get(attribute))
        if target is None:
            continue
        element.set(attribute, _address(target, post.language))
        if element.tag == "img" and isinstance(target, Image):
            element.set("data-file", str(target.pk))
    html = lxml.html.tostring(wrapper, encoding="unicode")
    return html[len("<div>") : -len("</div>")]


def delete_files(names: list[str]) -> None:
    storage = Attachment.file.field.storage
    for name in names:
        if name:
            storage.delete(name)
