"""`BULLETIN_EMAIL_URL`: the outgoing mail server as one URL.

    smtp://user:password@mail.example.org:587   SMTP with STARTTLS (the default)
    smtp://relay.internal:25?starttls=off       plain SMTP, for a relay on a trusted network
    smtps://user:password@mail.example.org:465  SMTP over TLS from the first byte
    console://                                  print mail to standard output (the default)

User name and password may be percent-encoded (`%40` for `@`). `?timeout=` sets the
seconds to wait for the server (default 30).

The server's certificate is always checked: against the system's trust store, or
against `BULLETIN_EMAIL_CA_FILE` (a PEM file) for a server with a private CA.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

# Django's SMTP backend, checking certificates against BULLETIN_EMAIL_CA_FILE if set.
SMTP_BACKEND = "bulletin.subscriptions.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
OFF = {"0", "off", "false", "no"}


def email_settings(url: str, backend: str = "") -> dict:
    """Django's EMAIL_* settings for the URL; an empty URL keeps `backend` or the console."""
    if not url:
        return {"EMAIL_BACKEND": backend or CONSOLE_BACKEND}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE_BACKEND}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            "BULLETIN_EMAIL_URL must start with smtp://, smtps:// or console://"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("BULLETIN_EMAIL_URL names no mail server")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    unknown = set(query) - {"starttls", "timeout"}
    if unknown:
        raise ImproperlyConfigured(
            f"BULLETIN_EMAIL_URL: unknown option(s) {', '.join(sorted(unknown))}"
        )
    try:
        port = parts.port
        timeout = float(query.get("timeout", "30"))
    except ValueError as error:
        raise ImproperlyConfigured(f"BULLETIN_EMAIL_URL: {error}") from error
    tls = scheme == "smtps"
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if tls else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": tls,
        "EMAIL_USE_TLS": not tls and query.get("starttls", "on").lower() not in OFF,
        "EMAIL_TIMEOUT": timeout,
    }


def email_ca_file(path: str) -> str:
    """The CA file to trust for the mail server, checked at start; "" for the system's."""
    if not path:
        return ""
    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as error:
        raise ImproperlyConfigured(
            f"BULLETIN_EMAIL_CA_FILE: cannot read certificates from {path}: {error}"
        ) from error
    return str(Path(path).resolve())
