"""Accessible formats: alternatives on each document, and a throttled request form
that e-mails the address the admin set."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.alternatives.models import Alternative
from bulletin.identity.models import Identity
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(make_post, make_attachment, now):
    post = make_post(title="Budget 2027")
    return make_attachment(post, title="Draft budget (PDF)")


@pytest.fixture
def editor_client(db, django_user_model) -> Client:
    user = django_user_model.objects.create_user(username="erin", password="x")
    user.groups.add(Group.objects.get(name=Role.EDITOR.value))
    client = Client()
    client.force_login(user)
    return client


def request_data(**changes) -> dict:
    data = {
        "wanted": "large_print",
        "details": "Font size 18, please.",
        "name": "Sam Reader",
        "email": "sam@example.net",
    }
    data.update(changes)
    return data


def test_every_document_offers_the_request_form(client, document):
    page = BeautifulSoup(
        client.get(document.post.get_absolute_url()).content, "html.parser"
    )
    links = [
        a
        for a in page.select(".attachments a")
        if a.get_text().startswith("Request an accessible format")
    ]
    assert len(links) == 1
    link = links[0]
    # In the document's own list item, beside the document's link.
    assert link.find_parent("li").find_parent("li").a.get_text() == "Draft budget (PDF)"
    form = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    assert form.select_one("h1").get_text() == "Request an accessible format"
    labels = [label.get_text(strip=True) for label in form.select("label")]
    assert "Large print" in labels
    assert any(label.startswith("Your e-mail address") for label in labels)


def test_a_request_is_e_mailed_to_the_address_the_admin_set(
    client, document, smtp, django_capture_on_commit_callbacks
):
    Identity.objects.create(pk=1, accessibility_email="access@council.example.org")
    url = reverse("alternatives:request", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, request_data())
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["X-Envelope-To"] == "access@council.example.org"
    assert "Draft budget (PDF)" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert "Large print" in body and "sam@example.net" in body
    assert "Font size 18" in body
    assert document.post.get_absolute_url() in body
    thanks = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "We have your request" in thanks.select_one("[role=status]").text


def test_an_incomplete_request_is_refused_with_messages_and_sends_nothing(
    client, document, smtp, django_capture_on_commit_callbacks
):
    url = reverse("alternatives:request", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, request_data(email="not an address", wanted=""))
    assert response.status_code == 400
    errors = BeautifulSoup(response.content, "html.parser").select(".error-summary li")
    assert len(errors) == 2
    assert smtp.messages == []


def test_requests_are_throttled_per_address(
    client, document, smtp, settings, django_capture_on_commit_callbacks
):
    settings.BULLETIN_FORMAT_REQUESTS_PER_HOUR = 2
    url = reverse("alternatives:request", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        codes = [client.post(url, request_data()).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert len(smtp.messages) == 2


def test_a_document_of_an_unpublished_post_has_no_request_form(client, document):
    document.post.status = Status.DRAFT
    document.post.save()
    url = reverse("alternatives:request", kwargs={"pk": document.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, request_data()).status_code == 404


def test_an_html_version_added_in_the_back_office_is_offered_to_readers(
    editor_client, client, document
):
    url = reverse("alternatives_manage:formats", kwargs={"pk": document.pk})
    response = editor_client.post(
        url,
        {
            "format": "html",
            "html": "<h2>Spending</h2><p>Schools: 12 million.</p><script>x()</script>",
        },
    )
    assert response.status_code == 302
    page = BeautifulSoup(
        client.get(document.post.get_absolute_url()).content, "html.parser"
    )
    link = page.select_one(".attachments__formats a[href*='/documents/formats/']")
    assert "HTML version" in link.get_text()
    version = client.get(link["href"])
    assert version.status_code == 200
    text = BeautifulSoup(version.content, "html.parser").select_one("main")
    assert "Schools: 12 million." in text.get_text()
    assert not text.select("script")


def test_a_large_print_file_passes_the_upload_gate(editor_client, client, document):
    url = reverse("alternatives_manage:formats", kwargs={"pk": document.pk})
    evil = SimpleUploadedFile("big.txt", b"<html><script>x()</script></html>")
    response = editor_client.post(url, {"format": "large_print", "upload": evil})
    assert response.status_code == 400
    assert not Alternative.objects.exists()
    text = SimpleUploadedFile("budget-large-print.txt", b"DRAFT BUDGET 2027\n")
    response = editor_client.post(url, {"format": "text", "upload": text})
    assert response.status_code == 302
    alternative = Alternative.objects.get()
    download = client.get(alternative.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/plain")
    assert b"".join(download.streaming_content) == b"DRAFT BUDGET 2027\n"


def test_authors_cannot_change_formats_of_others_posts(document, django_user_model):
    user = django_user_model.objects.create_user(username="alice", password="x")
    user.groups.add(Group.objects.get(name=Role.AUTHOR.value))
    client = Client()
    client.force_login(user)
    url = reverse("alternatives_manage:formats", kwargs={"pk": document.pk})
    assert client.get(url).status_code == 404


def test_a_format_whose_file_is_gone_from_storage_answers_404(client, document):
    alternative = Alternative.objects.create(
        attachment=document,
        format="text",
        file=SimpleUploadedFile("budget.txt", b"DRAFT BUDGET 2027\n"),
        filename="budget.txt",
        content_type="text/plain",
    )
    alternative.file.storage.delete(alternative.file.name)
    assert client.get(alternative.get_absolute_url()).status_code == 404
