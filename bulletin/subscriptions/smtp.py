"""Django's SMTP backend, with two more things.

- The server's certificate is checked against `BULLETIN_EMAIL_CA_FILE` when it is set
  (a private CA, or a self-signed server), else against the system's trust store. A
  certificate that does not check out stops the mail with an error; nothing is ever
  sent in clear text instead (`smtp://` insists on STARTTLS, `smtps://` on TLS).
- `HandoverEmailBackend` calls back just before DATA. The outbox records "handed
  over" at that point, after the server accepted the recipient and before it
  receives the message. A worker that dies later leaves a mail whose fate is
  unknown; it is never sent again (see `outbox.recover_stale`).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable

from django.conf import settings
from django.core.mail.backends import smtp
from django.utils.functional import cached_property


class EmailBackend(smtp.EmailBackend):
    """Every mail of the site (alerts, notifications, password resets) goes by this."""

    @cached_property
    def ssl_context(self) -> ssl.SSLContext:
        # Certificate and host name are always checked (create_default_context).
        context = ssl.create_default_context(
            cafile=getattr(settings, "BULLETIN_EMAIL_CA_FILE", "") or None
        )
        if self.ssl_certfile or self.ssl_keyfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context


class HandoverEmailBackend(EmailBackend):
    """Calls `on_handover()` before each DATA; if it raises, nothing is sent."""

    on_handover: Callable[[], None] | None = None

    def open(self) -> bool | None:
        opened = super().open()
        connection = self.connection
        if connection is not None and not getattr(connection, "_handover", False):
            send_data = connection.data

            def data(message):
                if self.on_handover is not None:
                    try:
                        self.on_handover()
                    except Exception:
                        connection.rset()  # end the envelope; the server keeps nothing
                        raise
                return send_data(message)

            connection.data = data
            connection._handover = True
        return opened
