"""Links sent by e-mail point at the configured site, whatever Host the request named."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse


def test_a_reset_link_uses_the_configured_site_not_the_request_host(
    client, editor, mailoutbox, settings
):
    settings.BULLETIN_SITE = {
        **settings.BULLETIN_SITE,
        "url": "https://news.example.org",
    }
    # An allowed but different Host, as an attacker poisoning the link would send.
    client.post(
        reverse("accounts:password_reset"),
        {"email": "editor@example.org"},
        HTTP_HOST="localhost",
    )
    (message,) = mailoutbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(
        link.startswith("https://news.example.org/accounts/password-reset/")
        for link in links
    )
    assert "localhost" not in message.body


def test_check_deploy_requires_the_site_address(settings, db):
    settings.BULLETIN_SITE = {**settings.BULLETIN_SITE, "url": ""}
    with pytest.raises(SystemCheckError, match="BULLETIN_SITE_URL"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])
