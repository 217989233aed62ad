"""The Django admin is the Admin role's: saves there keep the same record and the
same protection against lost edits as the back office."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial.models import Action
from bulletin.posts.models import Post, Status

pytestmark = pytest.mark.django_db


def admin_form(client, url: str) -> dict:
    """The admin form's fields as the browser would send them untouched."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    form = soup.select_one("form#post_form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select("option[selected]")
            values = [o.get("value", "") for o in chosen]
            if field.has_attr("multiple"):
                data[name] = values
            else:
                data[name] = values[0] if values else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def test_an_admin_save_raises_the_version_and_keeps_the_record(
    admin_client_, admin_user, make_post
):
    post = make_post(status=Status.DRAFT, published_at=None, title="Via admin")
    url = reverse("admin:posts_post_change", args=[post.pk])
    data = admin_form(admin_client_, url)
    data.update(title="Edited in admin", status="in_review")
    response = admin_client_.post(url, data)
    assert response.status_code == 302, [str(e) for e in response.context["errors"]]
    post.refresh_from_db()
    assert (post.title, post.status, post.version) == (
        "Edited in admin",
        Status.IN_REVIEW,
        2,
    )
    assert post.revisions.first().data["title"] == "Edited in admin"
    entry = post.history.first()
    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        Action.SAVED,
        admin_user,
        Status.DRAFT,
        Status.IN_REVIEW,
    )


def test_an_admin_form_opened_before_another_save_is_refused(admin_client_, make_post):
    post = make_post(title="Original")
    url = reverse("admin:posts_post_change", args=[post.pk])
    stale = admin_form(admin_client_, url)
    Post.objects.filter(pk=post.pk).update(title="Someone's edit", version=2)
    stale.update(title="Admin's edit")
    response = admin_client_.post(url, stale)
    assert response.status_code == 200
    assert "Someone saved this post after you opened it" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Someone's edit"
