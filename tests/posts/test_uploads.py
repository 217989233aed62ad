"""Uploads are judged by content: allowed files pass, files built as an attacker would are refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from bulletin.posts.uploads import inspect_upload, safe_filename

FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English, whatever language an earlier test left on.
    with translation.override("en"):
        yield


def image_bytes(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(
    members: dict[str, bytes], first: tuple[str, bytes] | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
            "_rels/.rels": b"<?xml version='1.0'?><Relationships/>",
            "word/document.xml": b"<?xml version='1.0'?><w:document/>",
            **(extra or {}),
        }
    )


def odt_bytes() -> bytes:
    return zip_bytes(
        {"content.xml": b"<?xml version='1.0'?><office:document-content/>"},
        first=("mimetype", b"application/vnd.oasis.opendocument.text"),
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refusal(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(name, data))
    return caught.value


class TestAllowedFiles:
    @pytest.mark.parametrize(
        ("name", "fmt", "content_type", "extension"),
        [
            ("photo.png", "PNG", "image/png", "png"),
            ("photo.jpeg", "JPEG", "image/jpeg", "jpg"),
            ("anim.gif", "GIF", "image/gif", "gif"),
            ("pic.webp", "WEBP", "image/webp", "webp"),
        ],
    )
    def test_common_images_pass_with_their_real_type(
        self, name, fmt, content_type, extension
    ):
        data = image_bytes(fmt)
        checked = inspect_upload(upload(name, data))
        assert checked.content_type == content_type
        assert checked.extension == extension
        assert checked.size == len(data)
        assert checked.filename.endswith(f".{extension}")

    def test_a_pdf_opened_by_the_pdf_parser_passes(self):
        checked = inspect_upload(upload("Annual report 2026.pdf", pdf_bytes()))
        assert checked.content_type == "application/pdf"
        assert checked.filename == "Annual report 2026.pdf"

    def test_office_and_opendocument_files_pass(self):
        assert inspect_upload(upload("minutes.docx", docx_bytes())).extension == "docx"
        assert (
            inspect_upload(upload("minutes.odt", odt_bytes())).content_type
            == "application/vnd.oasis.opendocument.text"
        )

    @pytest.mark.parametrize(
        ("name", "extension"),
        [
            ("minutes.docx", "docx"),
            ("budget.xlsx", "xlsx"),
            ("plan.pptx", "pptx"),
            ("hours.odt", "odt"),
            ("figures.ods", "ods"),
            ("slides.odp", "odp"),
        ],
    )
    def test_documents_written_by_office_libraries_pass(self, name, extension):
        # Made by python-docx, openpyxl, python-pptx and odfpy (tests/posts/files/).
        data = (FILES / name).read_bytes()
        checked = inspect_upload(upload(name, data))
        assert (checked.extension, checked.filename) == (extension, name)

    def test_an_office_file_with_its_parts_in_an_unusual_order_passes(self):
        # The signature detector reads only the first entries; the zip directory decides.
        original = zipfile.ZipFile(FILES / "minutes.docx")
        members = {n: original.read(n) for n in original.namelist()}
        filler = {
            f"customXml/item{i}.xml": b"<?xml version='1.0'?><a/>" for i in range(6)
        }
        ordered = {
            "_rels/.rels": members.pop("_rels/.rels"),
            **filler,
            **members,
        }
        checked = inspect_upload(upload("minutes.docx", zip_bytes(ordered)))
        assert checked.extension == "docx"

    def test_csv_and_plain_text_pass_by_their_extension(self):
        csv_file = inspect_upload(upload("budget.csv", b"line,amount\nrepairs,1200\n"))
        assert csv_file.content_type == "text/csv"
        text_file = inspect_upload(
            upload("read me.txt", "Opening hours: 9–17\n".encode())
        )
        assert (text_file.content_type, text_file.filename) == (
            "text/plain",
            "read me.txt",
        )

    def test_a_png_named_jpg_is_named_for_what_it_is(self):
        checked = inspect_upload(upload("photo.jpg", image_bytes("PNG")))
        assert (checked.content_type, checked.filename) == ("image/png", "photo.png")


class TestAttackerFiles:
    def test_svg_with_script_is_refused(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        assert refusal("logo.svg", svg).code == "type_not_allowed"
        # Renamed to look like text, it is still markup.
        assert refusal("logo.txt", svg).code == "markup"

    def test_html_renamed_to_pdf_is_refused(self):
        html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
        error = refusal("report.pdf", html)
        assert error.code == "type_not_allowed"
        assert "not allowed" in error.messages[0]

    def test_pdf_with_an_html_header_is_refused(self):
        error = refusal(
            "report.pdf", b"<html><script>alert(1)</script></html>\n" + pdf_bytes()
        )
        assert error.code == "type_not_allowed"

    def test_gif_that_is_also_javascript_is_refused(self):
        # GIF89a/*<rest of a gif>*/=alert(1); runs as script when loaded by <script src>.
        gif = image_bytes("GIF")
        polyglot = b"GIF89a/*" + gif[8:] + b"*/=alert(document.domain);"
        assert refusal("cat.gif", polyglot).code == "polyglot"

    def test_jpeg_that_is_also_a_zip_is_refused(self):
        polyglot = image_bytes("JPEG") + zip_bytes({"evil.html": b"<h1>hi</h1>"})
        assert refusal("photo.jpg", polyglot).code == "polyglot"

    def test_png_with_an_html_page_appended_is_refused(self):
        polyglot = image_bytes("PNG") + b"<html><script>alert(1)</script></html>"
        assert refusal("chart.png", polyglot).code == "polyglot"

    def test_a_double_extension_with_a_program_inside_is_refused(self):
        program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
        assert refusal("report.pdf.exe", program).code == "type_not_allowed"

    def test_a_double_extension_on_a_real_pdf_is_normalised(self):
        assert (
            inspect_upload(upload("report.pdf.exe", pdf_bytes())).filename
            == "report.pdf"
        )
        assert (
            inspect_upload(upload("invoice.exe.pdf", pdf_bytes())).filename
            == "invoice.pdf"
        )

    def test_an_oversize_file_is_refused_before_it_is_read(self, settings):
        settings.BULLETIN_MAX_UPLOAD_MB = 1
        error = refusal("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024))
        assert error.code == "too_big"
        assert "limit is 1.0\xa0MB" in error.messages[0]

    def test_a_zero_byte_file_is_refused(self):
        assert refusal("empty.pdf", b"").code == "empty"

    def test_a_truncated_image_is_refused(self):
        data = image_bytes("PNG", (300, 300))
        assert refusal("cut.png", data[: len(data) // 2]).code == "invalid_image"

    def test_a_pdf_that_only_starts_like_one_is_refused(self):
        assert refusal("fake.pdf", b"%PDF-1.7\nnot really a pdf").code == "invalid_pdf"

    def test_a_pdf_with_javascript_is_refused(self):
        writer = PdfWriter()
        writer.add_blank_page(width=100, height=100)
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hi');"),
            }
        )
        buffer = io.BytesIO()
        writer.write(buffer)
        assert refusal("form.pdf", buffer.getvalue()).code == "active_pdf"

    def test_a_word_document_with_macros_is_refused(self):
        data = docx_bytes({"word/vbaProject.bin": b"\x00macro"})
        assert refusal("letter.docx", data).code == "active_document"

    def test_a_zip_bomb_is_refused(self, settings):
        settings.BULLETIN_MAX_UPLOAD_MB = 0.1
        data = docx_bytes({"word/media/filler.bin": b"\x00" * (2 * 1024 * 1024)})
        assert len(data) < 100 * 1024
        assert refusal("bomb.docx", data).code == "zip_bomb"

    def test_a_plain_zip_is_refused(self):
        assert (
            refusal("files.zip", zip_bytes({"a.txt": b"a"})).code == "type_not_allowed"
        )

    def test_text_that_is_not_utf8_is_refused_with_advice(self):
        error = refusal("notes.txt", "café".encode("latin-1"))
        assert error.code == "text_encoding"
        assert "UTF-8" in error.messages[0]

    def test_an_image_too_large_in_pixels_is_refused(self):
        data = image_bytes("PNG", (12_000, 10))
        assert refusal("strip.png", data).code == "image_too_big"


class TestSafeFilename:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("../../etc/passwd.pdf", "passwd.pdf"),
            ("C:\\Users\\me\\report.pdf", "report.pdf"),
            ("report.pdf.exe", "report.pdf"),
            ("<script>.pdf", "script.pdf"),
            (".htaccess", "file.pdf"),
            ("Compte rendu déc.pdf", "Compte rendu déc.pdf"),
            ("a\x00b\nc.pdf", "abc.pdf"),
        ],
    )
    def test_names_keep_no_path_no_control_and_only_the_checked_extension(
        self, given, expected
    ):
        assert safe_filename(given, "pdf") == expected


class TestAdminFormAndServing:
    """The admin's attachment form checks the file; the download answers safely."""

    def form(self, post, name: str, data: bytes):
        from bulletin.editorial.admin import AttachmentForm
        from bulletin.posts.models import Attachment

        return AttachmentForm(
            data={"title": "Chart", "position": 0},
            files={"file": upload(name, data)},
            instance=Attachment(post=post),
        )

    def test_the_admin_form_refuses_html_named_pdf(self, make_post):
        html = b"<html><body><script>alert(1)</script></body></html>"
        form = self.form(make_post(), "report.pdf", html)
        assert not form.is_valid()
        assert "not allowed" in form.errors["file"][0]

    def test_a_checked_file_is_served_as_a_download_of_its_real_type(
        self, client, make_post, now
    ):
        data = image_bytes("PNG")
        form = self.form(make_post(), "chart.jpg", data)
        assert form.is_valid(), form.errors
        item = form.save()
        assert item.file.name.startswith("attachments/")
        assert "chart" not in item.file.name

        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == 'attachment; filename="chart.png"'
        assert b"".join(response.streaming_content) == data

    def test_a_draft_posts_file_answers_404(self, client, make_post, now):
        form = self.form(
            make_post(status="draft", published_at=None), "a.png", image_bytes("PNG")
        )
        assert form.is_valid(), form.errors
        item = form.save()
        assert client.get(item.get_absolute_url()).status_code == 404

    def test_a_non_ascii_name_is_sent_in_the_encoded_form_browsers_read(
        self, client, make_post, now
    ):
        form = self.form(make_post(), "Compte rendu déc.pdf", pdf_bytes())
        assert form.is_valid(), form.errors
        item = form.save()
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''Compte%20rendu%20d%C3%A9c.pdf"
        )
