"""Outgoing e-mail: the mail server, the senders, the pace and times of alerts.

The server comes as one URL, `BULLETIN_EMAIL_URL`, read by `bulletin.settings.mail`.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from bulletin.settings.mail import email_ca_file, email_settings

# BULLETIN_EMAIL_URL, else the console.
globals().update(
    email_settings(
        os.environ.get("BULLETIN_EMAIL_URL", ""),
        os.environ.get("BULLETIN_EMAIL_BACKEND", ""),
    )
)
# The CA to check the mail server's certificate against (else the system's store).
BULLETIN_EMAIL_CA_FILE = email_ca_file(os.environ.get("BULLETIN_EMAIL_CA_FILE", ""))
DEFAULT_FROM_EMAIL = os.environ.get("BULLETIN_FROM_EMAIL", "bulletin@localhost")
# E-mail alerts (bulletin/subscriptions): how fast the outbox sends, where one-click
# "unsubscribe by e-mail" requests go, and when digests leave (site time zone).
BULLETIN_EMAIL_RATE = float(os.environ.get("BULLETIN_EMAIL_RATE", "10"))
BULLETIN_EMAIL_LEASE_SECONDS = int(
    os.environ.get("BULLETIN_EMAIL_LEASE_SECONDS", "300")
)
BULLETIN_UNSUBSCRIBE_EMAIL = os.environ.get(
    "BULLETIN_UNSUBSCRIBE_EMAIL", DEFAULT_FROM_EMAIL
)
BULLETIN_DIGEST_HOUR = int(os.environ.get("BULLETIN_DIGEST_HOUR", "8"))
BULLETIN_DIGEST_WEEKDAY = int(os.environ.get("BULLETIN_DIGEST_WEEKDAY", "0"))
if not 0 <= BULLETIN_DIGEST_HOUR <= 23 or not 0 <= BULLETIN_DIGEST_WEEKDAY <= 6:
    raise ImproperlyConfigured(
        "BULLETIN_DIGEST_HOUR must be 0-23 and BULLETIN_DIGEST_WEEKDAY 0-6 (Monday is 0)"
    )
# WebSub (bulletin/subscriptions/websub.py): the hub feeds name and the site pings.
BULLETIN_WEBSUB_HUB = os.environ.get("BULLETIN_WEBSUB_HUB", "")
# Django's error e-mails to BULLETIN_ADMINS (bulletin.settings.logs) come from here.
SERVER_EMAIL = DEFAULT_FROM_EMAIL
