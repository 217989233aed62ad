"""The dashboard leads to what needs this person."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_links_to_needs_me(author_client):
    soup = BeautifulSoup(
        author_client.get(reverse("editorial:dashboard")).content, "html.parser"
    )
    link = soup.find("a", string="Needs me")
    assert link is not None and link["href"] == reverse("notifications:needs_me")
