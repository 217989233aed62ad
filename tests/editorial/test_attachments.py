"""Documents added in the back office pass the content check; only editors of the
post may add or remove them."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def draft(author, make_post):
    return make_post(author=author, status=Status.DRAFT, published_at=None)


def upload(client, post, name: str, data: bytes, title: str = "Minutes"):
    return client.post(
        reverse("editorial:attachments", args=[post.pk]),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )


def test_an_author_adds_a_checked_document_to_a_draft(author_client, draft):
    response = upload(author_client, draft, "minutes.PDF.pdf", pdf_bytes())
    assert response.status_code == 302
    item = draft.attachments.get()
    assert (item.title, item.content_type) == ("Minutes", "application/pdf")
    assert item.filename.endswith(".pdf")
    assert not item.file.name.endswith("minutes.PDF.pdf")  # stored under a random name


def test_html_named_pdf_is_refused_with_an_error_summary(author_client, draft):
    response = upload(
        author_client, draft, "report.pdf", b"<html><script>alert(1)</script>"
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".error-summary a[href='#id_file']") is not None
    assert not draft.attachments.exists()


def test_documents_of_a_post_one_may_not_edit_cannot_be_changed(
    author_client, other_author, make_post, make_attachment, author
):
    theirs = make_post(author=other_author, status=Status.DRAFT, published_at=None)
    assert upload(author_client, theirs, "a.pdf", pdf_bytes()).status_code == 404
    submitted = make_post(author=author, status=Status.IN_REVIEW, published_at=None)
    assert upload(author_client, submitted, "a.pdf", pdf_bytes()).status_code == 403
    item = make_attachment(theirs)
    remove = reverse("editorial:attachment_delete", args=[theirs.pk, item.pk])
    assert author_client.post(remove).status_code == 404
    assert theirs.attachments.exists()


def test_an_author_removes_a_document_from_a_draft(
    author_client, draft, make_attachment
):
    item = make_attachment(draft)
    remove = reverse("editorial:attachment_delete", args=[draft.pk, item.pk])
    assert author_client.post(remove).status_code == 302
    assert not draft.attachments.exists()
