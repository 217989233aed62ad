"""The "Needs me" page and the choices page, as staff use them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from bulletin.accounts.profiles import mail_language
from bulletin.notifications.models import Event, Notification, Preference
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def test_needs_me_lists_what_waits_and_done_clears_it(
    editor, editor_client, author, author_client, make_post
):
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    author_client.post(
        reverse("editorial:post_step", args=[post.pk, "submit"]),
        {"comment": "Please look"},
    )
    page = BeautifulSoup(
        editor_client.get(reverse("notifications:needs_me")).content, "html.parser"
    )
    [item] = page.select("main section li.notification")
    assert item.find("a", string="Bins")["href"] == reverse(
        "editorial:post", args=[post.pk]
    )
    assert "Please look" in item.get_text()
    assert "submitted for review" in item.get_text()
    action = item.find("form")["action"]
    assert editor_client.post(action).status_code == 302
    assert not Notification.objects.filter(user=editor, done_at__isnull=True).exists()
    assert (
        editor_client.post(
            reverse("notifications:done", args=[Notification.objects.get().pk])
        ).status_code
        == 302
    )


def test_one_person_cannot_clear_anothers_item(
    editor, author_client, author, make_post
):
    post = make_post(author=author, status=Status.DRAFT, published_at=None)
    author_client.post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {"comment": ""}
    )
    item = Notification.objects.get(user=editor)
    author_client.post(reverse("notifications:done", args=[item.pk]))
    item.refresh_from_db()
    assert item.done_at is None


def test_the_pages_are_for_staff_only(db, django_user_model):
    assert Client().get(reverse("notifications:needs_me")).status_code == 302
    reader = django_user_model.objects.create_user("reader", password="x")
    client = Client()
    client.force_login(reader)
    assert client.get(reverse("notifications:needs_me")).status_code == 403
    assert client.get(reverse("notifications:preferences")).status_code == 403


def test_choices_are_saved_per_event(author, author_client):
    page = author_client.get(reverse("notifications:preferences"))
    soup = BeautifulSoup(page.content, "html.parser")
    boxes = soup.select("main form input[type=checkbox]")
    assert len(boxes) == 2 * len(Event) and all(b.has_attr("checked") for b in boxes)
    data = {box["name"]: "on" for box in boxes if box["name"] != "sent_back-email"}
    data["language"] = "en"
    assert (
        author_client.post(reverse("notifications:preferences"), data).status_code
        == 302
    )
    choice = Preference.objects.get(user=author, event=Event.SENT_BACK)
    assert (choice.by_email, choice.in_list) == (False, True)
    again = BeautifulSoup(
        author_client.get(reverse("notifications:preferences")).content, "html.parser"
    )
    assert not again.select_one("input[name=sent_back-email]").has_attr("checked")


def test_the_language_of_my_mails_defaults_to_the_site_s_and_is_mine_to_change(
    author, author_client, settings
):
    settings.LANGUAGE_CODE = "es"
    page = BeautifulSoup(
        author_client.get(reverse("notifications:preferences")).content, "html.parser"
    )
    select = page.select_one("main form select[name=language]")
    assert page.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert select.find("option", selected=True)["value"] == "es"
    assert {o["value"] for o in select.find_all("option")} == {
        code for code, _ in settings.LANGUAGES
    }
    author_client.post(reverse("notifications:preferences"), {"language": "ko"})
    assert mail_language(author) == "ko"
    again = BeautifulSoup(
        author_client.get(reverse("notifications:preferences")).content, "html.parser"
    )
    chosen = again.select_one("main form select[name=language] option[selected]")
    assert chosen["value"] == "ko"


def test_a_language_the_site_does_not_offer_is_a_form_error(author, author_client):
    response = author_client.post(
        reverse("notifications:preferences"), {"language": "xx"}
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".error-summary a[href='#id_language']")
    assert mail_language(author) == "en"
