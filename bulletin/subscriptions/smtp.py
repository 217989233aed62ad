"""Django's SMTP backend, with one more step: a callback just before DATA.

The outbox records "handed over" at that point, after the server accepted the
recipient and before it receives the message. A worker that dies later leaves a mail
whose fate is unknown; it is never sent again (see `outbox.recover_stale`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail.backends.smtp import EmailBackend


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
