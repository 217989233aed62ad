"""BULLETIN_EMAIL_URL becomes Django's mail settings: STARTTLS, TLS, or the console."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from bulletin.settings.mail import (
    CONSOLE_BACKEND,
    SMTP_BACKEND,
    email_ca_file,
    email_settings,
)
from tests.subscriptions.tls import make_certificates


def test_smtp_on_587_uses_starttls_with_decoded_credentials():
    config = email_settings("smtp://news%40example.org:p%3Ass@mail.example.org:587")
    assert config["EMAIL_BACKEND"] == SMTP_BACKEND
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert config["EMAIL_HOST_USER"] == "news@example.org"
    assert config["EMAIL_HOST_PASSWORD"] == "p:ss"
    assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]


def test_smtps_uses_tls_from_the_start_on_465():
    config = email_settings("smtps://u:p@mail.example.org")
    assert config["EMAIL_PORT"] == 465
    assert config["EMAIL_USE_SSL"] and not config["EMAIL_USE_TLS"]


def test_a_trusted_relay_may_turn_starttls_off():
    config = email_settings("smtp://relay.internal:25?starttls=off&timeout=5")
    assert not config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]
    assert config["EMAIL_TIMEOUT"] == 5


def test_the_console_is_the_default():
    assert email_settings("")["EMAIL_BACKEND"] == CONSOLE_BACKEND
    assert email_settings("console://")["EMAIL_BACKEND"] == CONSOLE_BACKEND


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.org",
        "smtp://",
        "smtp://mail.example.org:notaport",
        "smtp://mail.example.org?tls=yes",
        "smtp://mail.example.org?timeout=soon",
    ],
)
def test_a_bad_url_stops_the_site_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="BULLETIN_EMAIL_URL"):
        email_settings(url)


def test_the_ca_file_is_read_at_start_and_a_bad_one_stops_the_site(tmp_path):
    certificates = make_certificates(tmp_path)
    assert email_ca_file(str(certificates.ca_file)) == str(certificates.ca_file)
    assert email_ca_file("") == "", "the system's trust store"
    (tmp_path / "junk.pem").write_text("not a certificate")
    for path in (tmp_path / "missing.pem", tmp_path / "junk.pem"):
        with pytest.raises(ImproperlyConfigured, match="BULLETIN_EMAIL_CA_FILE"):
            email_ca_file(str(path))
