"""The outbox: mail waits in the database and the job runner sends it.

Each mail is claimed by one worker with a conditional UPDATE (so two workers never
take the same one), marked "handed over" just before the server receives it, and
marked sent after. Temporary failures are retried with growing delays; an address the
server refuses for good several times is paused. Sending happens outside any
transaction, so no row lock is ever held while talking to the mail server.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend
from django.db import connection
from django.db.models import F
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string

from bulletin.posts import clock
from bulletin.subscriptions.models import (
    Mail,
    MailKind,
    MailState,
    UndeliverableAddress,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_BATCH = 20
PAUSE_AFTER = 3  # permanent refusals before an address is paused
BATCH_SECONDS = 30  # one call sends at most this long's worth at the configured rate


class LostClaim(Exception):
    """Another worker took the mail over (our lease ran out); do not send it."""


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 6 * 60))


def queue_message(
    key: str,
    address: str,
    subject: str,
    text: str,
    html: str = "",
    language: str = "",
) -> bool:
    """Queue a ready-made message once per key; answer whether it was new.

    Call it inside the transaction that makes the message owed: the mail exists exactly
    when the event does, and the runner sends it after commit. `language` (the one
    it is written in) becomes its Content-Language.
    """
    _, created = Mail.objects.get_or_create(
        key=key,
        defaults={
            "kind": MailKind.MESSAGE,
            "address": address,
            "subject": subject[:300],
            "text": text,
            "html": html,
            "data": {"language": language} if language else {},
        },
    )
    return created


def recover_stale(now: datetime | None = None) -> tuple[int, int]:
    """Give back mail whose worker stopped: claimed only → sent again; handed over →
    marked uncertain, never sent twice. Answer both counts."""
    now = now or clock.now()
    cutoff = now - timedelta(seconds=settings.BULLETIN_EMAIL_LEASE_SECONDS)
    back = Mail.objects.filter(state=MailState.SENDING, claimed_at__lt=cutoff).update(
        state=MailState.PENDING, claimed_by="", claimed_at=None
    )
    unknown = Mail.objects.filter(
        state=MailState.HANDED_OVER, claimed_at__lt=cutoff
    ).update(state=MailState.UNCERTAIN)
    if unknown:
        logger.warning(
            "%s mail(s) may or may not have been sent; not repeated", unknown
        )
    return back, unknown


def _connection():
    if issubclass(import_string(settings.EMAIL_BACKEND), DjangoSMTPBackend):
        return get_connection("bulletin.subscriptions.smtp.HandoverEmailBackend")
    return get_connection()


def _explain(error: Exception) -> None:
    """Say plainly what an administrator must fix when it is not the network."""
    if isinstance(error, ssl.SSLCertVerificationError):
        logger.error(
            "The mail server's certificate is not trusted (%s); nothing was sent. "
            "Fix the server's certificate, or set BULLETIN_EMAIL_CA_FILE to the CA "
            "that signed it.",
            error.verify_message or error,
        )
    elif isinstance(error, smtplib.SMTPNotSupportedError):
        logger.error(
            "The mail server offers no STARTTLS (%s); nothing was sent in clear text. "
            "Use smtps:// if it speaks TLS from the start.",
            error,
        )
    elif isinstance(error, smtplib.SMTPAuthenticationError):
        logger.error(
            "The mail server refused the user name or password in "
            "BULLETIN_EMAIL_URL (%s %s); nothing was sent.",
            error.smtp_code,
            error.smtp_error.decode(errors="replace"),
        )
    else:
        logger.warning(
            "Mail server not reachable (%s: %s); each mail will try again",
            type(error).__name__,
            error,
        )


def _claim(pks: list[int], worker: str) -> list[Mail]:
    """Take the still-waiting mails among `pks` for this worker, in one statement."""
    Mail.objects.filter(pk__in=pks, state=MailState.PENDING).update(
        state=MailState.SENDING, claimed_by=worker, claimed_at=clock.now()
    )
    return list(
        Mail.objects.filter(pk__in=pks, state=MailState.SENDING, claimed_by=worker)
        .select_related("subscriber", "post")
        .order_by("run_after", "id")
    )


def _hand_over(pk: int, worker: str) -> None:
    moved = Mail.objects.filter(
        pk=pk, state=MailState.SENDING, claimed_by=worker
    ).update(state=MailState.HANDED_OVER)
    if not moved:
        raise LostClaim(pk)


def _finish(pk: int, worker: str, **fields) -> None:
    Mail.objects.filter(
        pk=pk,
        claimed_by=worker,
        state__in=[MailState.SENDING, MailState.HANDED_OVER, MailState.UNCERTAIN],
    ).update(**fields)


def _permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def _refused(address: str, error: str, now: datetime) -> None:
    record, _ = UndeliverableAddress.objects.get_or_create(address=address)
    UndeliverableAddress.objects.filter(pk=record.pk).update(
        failures=F("failures") + 1, last_error=error[:2000], last_failed_at=now
    )
    record.refresh_from_db()
    if record.failures >= PAUSE_AFTER and record.paused_at is None:
        record.paused_at = now
        record.save(update_fields=["paused_at"])
        logger.warning("Paused %s after %s refusals", address, record.failures)


def _send_one(mail: Mail, worker: str, backend, troubled: dict) -> str:
    """Send one claimed mail; `troubled` maps addresses with refusals to their pause."""
    from bulletin.subscriptions.mails import compose

    pk, now = mail.pk, clock.now()
    paused = troubled.get(mail.address) is not None
    message = None if paused else compose(mail)
    if message is None:
        _finish(pk, worker, state=MailState.CANCELLED)
        return "cancelled"
    try:
        if hasattr(backend, "on_handover"):
            backend.on_handover = lambda: _hand_over(pk, worker)
        else:
            _hand_over(pk, worker)
        backend.send_messages([message])
    except LostClaim:
        return "lost"
    except Exception as error:
        backend.close()  # the next mail starts on a fresh connection
        text = f"{type(error).__name__}: {error}"[:2000]
        attempts = mail.attempts + 1
        if _permanent(error):
            _finish(
                pk, worker, state=MailState.FAILED, attempts=attempts, last_error=text
            )
            _refused(mail.address, text, now)
            return "refused"
        if attempts >= MAX_ATTEMPTS:
            _finish(
                pk, worker, state=MailState.FAILED, attempts=attempts, last_error=text
            )
            logger.error("Gave up on mail %s: %s", mail.key, text)
            return "failed"
        _finish(
            pk,
            worker,
            state=MailState.PENDING,
            attempts=attempts,
            last_error=text,
            run_after=now + retry_delay(attempts),
            claimed_by="",
            claimed_at=None,
        )
        logger.warning("Mail %s failed (%s); trying again later", mail.key, text)
        return "retry"
    _finish(pk, worker, state=MailState.SENT, sent_at=clock.now(), last_error="")
    if mail.address in troubled:
        # Delivered after all: earlier refusals no longer count.
        UndeliverableAddress.objects.filter(
            address=mail.address, paused_at__isnull=True
        ).delete()
    return "sent"


def deliver_due(
    now: datetime | None = None, worker: str = "", limit: int | None = None
) -> dict[str, int]:
    """Send mail that is due, at the configured pace; answer counts by outcome."""
    if connection.in_atomic_block:
        raise RuntimeError("Mail is sent outside transactions, never under a lock")
    now = now or clock.now()
    worker = worker or get_random_string(16)
    rate = settings.BULLETIN_EMAIL_RATE
    if limit is None:
        limit = max(1, int(rate * BATCH_SECONDS)) if rate > 0 else 1000
    due = Mail.objects.filter(state=MailState.PENDING, run_after__lte=now).order_by(
        "run_after", "id"
    )
    pks = list(due.values_list("pk", flat=True)[:limit])
    outcomes: dict[str, int] = {}
    if not pks:
        return outcomes
    backend = _connection()
    try:
        backend.open()  # one connection for the batch
    except Exception as error:
        _explain(error)
    interval = 1 / rate if rate > 0 else 0
    next_at = time.monotonic()
    # Claimed a few at a time: fewer commits, and a dead runner holds few for long.
    claim_size = max(1, min(CLAIM_BATCH, int(rate * 2))) if rate > 0 else CLAIM_BATCH
    try:
        for start in range(0, len(pks), claim_size):
            mails = _claim(pks[start : start + claim_size], worker)
            troubled = dict(
                UndeliverableAddress.objects.filter(
                    address__in={m.address for m in mails}
                ).values_list("address", "paused_at")
            )
            for mail in mails:
                wait = next_at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                next_at = max(next_at, time.monotonic()) + interval
                outcome = _send_one(mail, worker, backend, troubled)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        backend.close()
    return outcomes
