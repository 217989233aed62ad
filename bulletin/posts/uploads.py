"""Check an uploaded file by what it contains, not by what it is called.

`inspect_upload()` is the one gate every attachment passes (the Django admin's
inline, the editorial back office, imports). It accepts a short allow-list of types,
confirms each with the real parser for that type (Pillow decodes images, pypdf opens
PDFs, the zip directory of office documents is read), refuses files that are also
something else (polyglots), and returns the type, the extension that goes with it and
a safe display name. The stored name is random (`posts.attachments.attachment_path`); the
display name only ever appears in the download URL and `Content-Disposition`.

Served files also carry `X-Content-Type-Options: nosniff` and are downloaded, not
shown, so a file that slipped through still cannot run as a page on the site.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 10_000
# A zip may expand to this many times the upload limit before it counts as a bomb.
MAX_ZIP_EXPANSION = 10
MAX_ZIP_MEMBERS = 5_000

# Byte strings that mark HTML, SVG or script. A browser that sniffs would run a file
# holding them as a page, so no accepted file may carry them, whatever its type.
MARKUP_MARKERS = (
    b"<script",
    b"<html",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<!doctype",
    b"<object",
    b"<embed",
    b"<meta",
    b"javascript:",
)


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    size: int
    filename: str


@dataclass(frozen=True)
class AllowedType:
    extension: str
    verify: Callable[[bytes], None]


def max_upload_bytes() -> int:
    return int(settings.BULLETIN_MAX_UPLOAD_MB * 1024 * 1024)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _verify_pdf(data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # Readers accept %PDF- anywhere in the first kilobyte; we accept it only at byte 0,
    # so an HTML page with a PDF tail is not a PDF here.
    if not data.startswith(b"%PDF-"):
        raise _refuse(_("The file is not a valid PDF."), "invalid_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) < 1:
            raise _refuse(_("The PDF has no pages."), "invalid_pdf")
        if reader.is_encrypted:
            raise _refuse(
                _("The PDF is password-protected; upload it without a password."),
                "encrypted_pdf",
            )
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        RecursionError,
    ) as error:
        raise _refuse(_("The file is not a valid PDF."), "invalid_pdf") from error
    for active in (b"/JavaScript", b"/Launch"):
        if active in data:
            raise _refuse(
                _("The PDF contains scripts or launch actions, which are not allowed."),
                "active_pdf",
            )


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(_("The document is damaged."), "invalid_zip") from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise _refuse(_("The document has too many parts."), "zip_bomb")
    if sum(m.file_size for m in members) > MAX_ZIP_EXPANSION * max_upload_bytes():
        raise _refuse(_("The document expands to an unreasonable size."), "zip_bomb")
    for member in members:
        name = member.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/"):
            raise _refuse(_("The document is damaged."), "invalid_zip")
        if name.lower().endswith(("vbaproject.bin", ".exe", ".js", ".html", ".svg")):
            raise _refuse(
                _(
                    "The document contains macros or embedded programs, which are not allowed."
                ),
                "active_document",
            )
    return archive


def _zip_verifier(
    *required: str, mimetype: str | None = None
) -> Callable[[bytes], None]:
    def verify(data: bytes) -> None:
        archive = _open_zip(data)
        names = set(archive.namelist())
        if not all(part in names for part in required):
            raise _refuse(_("The document is damaged."), "invalid_zip")
        if (
            mimetype is not None
            and archive.read("mimetype").strip() != mimetype.encode()
        ):
            raise _refuse(_("The document is damaged."), "invalid_zip")

    return verify


def _image_verifier(pillow_format: str) -> Callable[[bytes], None]:
    def verify(data: bytes) -> None:
        try:
            with warnings.catch_warnings():
                # Pillow only warns for images a little over its pixel limit.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    if image.format != pillow_format:
                        raise _refuse(_("The image is damaged."), "invalid_image")
                    width, height = image.size
                    if (
                        width > MAX_IMAGE_SIDE
                        or height > MAX_IMAGE_SIDE
                        or width * height > MAX_IMAGE_PIXELS
                    ):
                        raise _refuse(
                            _("The image is too large in pixels."), "image_too_big"
                        )
                    image.verify()
                # verify() leaves the image unusable; decode it fully once more.
                with Image.open(io.BytesIO(data)) as image:
                    image.load()
        except ValidationError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
        ) as error:
            raise _refuse(_("The image is damaged."), "invalid_image") from error

    return verify


def _verify_png(data: bytes) -> None:
    _image_verifier("PNG")(data)
    # Nothing may follow the IEND chunk (name + CRC); a tail would be another file.
    if not data.rstrip(b"\r\n\x00").endswith(b"IEND\xae\x42\x60\x82"):
        raise _refuse(_("The image has data appended to it."), "polyglot")


def _verify_gif(data: bytes) -> None:
    # A GIF whose width bytes read "/*" opens a JavaScript comment: the classic
    # GIF/JS polyglot.
    if data[6:8] == b"/*":
        raise _refuse(_("The image is also a script."), "polyglot")
    _image_verifier("GIF")(data)


ALLOWED_TYPES: dict[str, AllowedType] = {
    "application/pdf": AllowedType("pdf", _verify_pdf),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": AllowedType(
        "docx", _zip_verifier("[Content_Types].xml", "word/document.xml")
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": AllowedType(
        "xlsx", _zip_verifier("[Content_Types].xml", "xl/workbook.xml")
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": AllowedType(
        "pptx", _zip_verifier("[Content_Types].xml", "ppt/presentation.xml")
    ),
    "application/vnd.oasis.opendocument.text": AllowedType(
        "odt",
        _zip_verifier(
            "mimetype",
            "content.xml",
            mimetype="application/vnd.oasis.opendocument.text",
        ),
    ),
    "application/vnd.oasis.opendocument.spreadsheet": AllowedType(
        "ods",
        _zip_verifier(
            "mimetype",
            "content.xml",
            mimetype="application/vnd.oasis.opendocument.spreadsheet",
        ),
    ),
    "application/vnd.oasis.opendocument.presentation": AllowedType(
        "odp",
        _zip_verifier(
            "mimetype",
            "content.xml",
            mimetype="application/vnd.oasis.opendocument.presentation",
        ),
    ),
    "image/png": AllowedType("png", _verify_png),
    "image/jpeg": AllowedType("jpg", _image_verifier("JPEG")),
    "image/gif": AllowedType("gif", _verify_gif),
    "image/webp": AllowedType("webp", _image_verifier("WEBP")),
}
ZIP_TYPES = {
    mime for mime in ALLOWED_TYPES if "opendocument" in mime or "openxml" in mime
}
OOXML_MAIN_PARTS = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
TEXT_EXTENSIONS = {"txt": "text/plain", "text": "text/plain", "csv": "text/csv"}


def safe_filename(name: str, extension: str) -> str:
    """A display name: no path, no control characters, every old extension dropped."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    # "report.pdf.exe" and "report.exe.pdf" both become "report" + the checked type.
    stem = name.split(".", 1)[0] if not name.startswith(".") else ""
    stem = "".join(
        ch for ch in stem if unicodedata.category(ch)[0] in "LN" or ch in " -_()"
    )
    stem = re.sub(r"\s+", " ", stem).strip(" -_")[:100].strip() or "file"
    return f"{stem}.{extension}"


def _given_extension(name: str) -> str:
    base = re.split(r"[/\\]", name or "")[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _contains_markup(data: bytes) -> bool:
    lowered = data.lower()
    return any(marker in lowered for marker in MARKUP_MARKERS)


def _check_text(data: bytes, given: str) -> tuple[str, str]:
    """Plain text or CSV: UTF-8, no binary, nothing a browser would treat as a page."""
    content_type = TEXT_EXTENSIONS.get(given or "txt")
    if content_type is None:
        raise _refuse(
            _("This type of file is not allowed. Allowed: %(types)s.")
            % {"types": allowed_description()},
            "type_not_allowed",
        )
    if b"\x00" in data:
        raise _refuse(_("The file is not text."), "type_not_allowed")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refuse(
            _("The text file must be saved as UTF-8."), "text_encoding"
        ) from error
    if _contains_markup(data) or text.lstrip().startswith("<"):
        raise _refuse(_("HTML, SVG and XML files are not allowed."), "markup")
    if content_type == "text/csv":
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as error:
            raise _refuse(_("The CSV file cannot be read."), "invalid_csv") from error
        if not rows:
            raise _refuse(_("The CSV file is empty."), "empty")
    extension = "csv" if content_type == "text/csv" else "txt"
    return content_type, extension


def _office_type_of_zip(data: bytes) -> str | None:
    """The office type of a zip the signature check could not place.

    The detector looks only at the first few entries, and some writers order them
    differently; the zip's directory says for certain.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names:
            declared = archive.read("mimetype").decode("ascii", "replace").strip()
            return declared if declared in ZIP_TYPES else None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for part, mime in OOXML_MAIN_PARTS.items():
        if part in names:
            return mime
    return None


def allowed_description() -> str:
    return "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, CSV, TXT, PNG, JPEG, GIF, WebP"


def inspect_upload(uploaded_file: UploadedFile) -> CheckedUpload:
    """Accept the file or raise ValidationError saying why, in words an editor knows."""
    size = uploaded_file.size or 0
    limit = max_upload_bytes()
    if size == 0:
        raise _refuse(_("The file is empty."), "empty")
    if size > limit:
        raise _refuse(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_big",
        )
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    uploaded_file.seek(0)
    if len(data) != size:
        raise _refuse(_("The upload did not arrive whole; try again."), "incomplete")

    given = _given_extension(uploaded_file.name)
    kind = filetype.guess(data)
    if kind is None:
        content_type, extension = _check_text(data, given)
    else:
        mime = kind.mime
        if mime == "application/zip":
            mime = _office_type_of_zip(data) or mime
        allowed = ALLOWED_TYPES.get(mime)
        if allowed is None:
            raise _refuse(
                _("This type of file (%(type)s) is not allowed. Allowed: %(types)s.")
                % {"type": kind.extension.upper(), "types": allowed_description()},
                "type_not_allowed",
            )
        if _contains_markup(data):
            raise _refuse(_("The file also contains HTML or script."), "polyglot")
        if mime not in ZIP_TYPES and zipfile.is_zipfile(io.BytesIO(data)):
            raise _refuse(_("The file has an archive hidden in it."), "polyglot")
        allowed.verify(data)
        content_type, extension = mime, allowed.extension
    return CheckedUpload(
        content_type=content_type,
        extension=extension,
        size=size,
        filename=safe_filename(uploaded_file.name, extension),
    )
