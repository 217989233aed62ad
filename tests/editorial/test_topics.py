"""Editors name each topic in every language of the site, in plain words."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.posts.models import Topic

pytestmark = pytest.mark.django_db


def labels_of(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        label.get_text(strip=True).rstrip(":") for label in soup.select("main label")
    ]


def test_the_topic_form_asks_for_the_name_in_each_language(editor_client):
    labels = labels_of(editor_client.get(reverse("editorial:topic_create")))
    assert labels[:2] == ["Name in English", "Web address"]
    assert {"Name in Français", "Name in 한국어", "Name in العربية"} <= set(labels)
    assert not [label for label in labels if "slug" in label.lower()]


def test_names_per_language_are_saved_changed_and_cleared(editor_client):
    response = editor_client.post(
        reverse("editorial:topic_create"),
        {"name": "Drinking water", "name_fr": " Eau potable ", "name_es": ""},
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert topic.names == {"fr": "Eau potable"}
    assert topic.name_in("fr") == "Eau potable"
    assert topic.name_in("es") == "Drinking water"

    edit = reverse("editorial:topic_edit", args=[topic.pk])
    form = BeautifulSoup(editor_client.get(edit).content, "html.parser")
    assert form.select_one("[name=name_fr]")["value"] == "Eau potable"
    editor_client.post(
        edit, {"name": "Drinking water", "slug": "water", "name_es": "Agua potable"}
    )
    topic.refresh_from_db()
    assert topic.names == {"es": "Agua potable"}
    listing = editor_client.get(reverse("editorial:topics")).content.decode()
    assert "Agua potable" in listing
