"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

SITE_URL = "https://news.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """What the server accepted, in order; it can refuse addresses or answer slowly."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # ("rcpt" | "data", n): keep the client waiting at that step of the n-th message
    # until `release()`; `reached` is set when it gets there.
    hold: tuple[str, int] | None = None
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    rcpts: int = 0
    port: int = 0

    async def _maybe_hold(self, step: str, n: int) -> None:
        if self.hold == (step, n):
            self.reached.set()
            await asyncio.to_thread(self.released.wait, 60)

    def release(self) -> None:
        self.released.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox"
        self.rcpts += 1
        await self._maybe_hold("rcpt", self.rcpts)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self.lock:
            self.messages.append(message)
            n = len(self.messages)
        # Recorded as soon as it arrives: a real server delivers a message even if
        # the client vanishes before reading the answer.
        await self._maybe_hold("data", n)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mails, got {len(self.messages)}")


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        inbox.port = controller.port
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def inbox(smtp_server, settings) -> Inbox:
    """Mail goes to the real SMTP server, as BULLETIN_EMAIL_URL would send it."""
    box, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.BULLETIN_EMAIL_RATE = 0
    settings.BULLETIN_SITE = {**settings.BULLETIN_SITE, "url": SITE_URL}
    settings.DEFAULT_FROM_EMAIL = "alerts@news.example.org"
    settings.BULLETIN_UNSUBSCRIBE_EMAIL = "unsubscribe@news.example.org"
    return box


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_path(text: str, name: str) -> str:
    """The path of the first link to /alerts/<name>/… in a mail's text."""
    match = re.search(rf"{re.escape(SITE_URL)}(/alerts/{name}/[^\s>]+)", text)
    assert match, f"no {name} link in:\n{text}"
    return urlsplit(match.group(0)).path
