"""Mail over TLS to a real SMTP server (aiosmtpd) with its own certificate authority:
STARTTLS (`smtp://`) and TLS from the first byte (`smtps://`), with a password, the
server's certificate checked, and never a word in clear text when TLS fails."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.core import mail as django_mail

from bulletin.settings.mail import email_settings
from bulletin.subscriptions import outbox
from bulletin.subscriptions.models import Mail, MailState
from tests.subscriptions.conftest import Inbox, free_port
from tests.subscriptions.tls import make_certificates

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Said by aiosmtpd of the smtps server below, which is TLS all along.
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),
]

USER, PASSWORD = "news@example.org", "s3cret:/pass"
CREDENTIALS = "news%40example.org:s3cret%3A%2Fpass"


@dataclass
class SecureInbox(Inbox):
    """Also records, per message, whether it came over TLS and who signed in."""

    sessions: list[tuple[bool, str]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        over_tls = server.transport.get_extra_info("ssl_object") is not None
        login = session.auth_data.login.decode() if session.authenticated else ""
        self.sessions.append((over_tls, login))
        return await super().handle_DATA(server, session, envelope)


def check_password(server, session, envelope, mechanism, auth_data) -> AuthResult:
    given = (auth_data.login, auth_data.password)
    ok = isinstance(auth_data, LoginPassword) and given == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


@pytest.fixture
def certificates(tmp_path):
    return make_certificates(tmp_path)


def start(box: SecureInbox, **options) -> Controller:
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=check_password,
        auth_required=True,
        **options,
    )
    controller.start()
    box.port = controller.port
    return controller


@pytest.fixture
def starttls_server(certificates):
    box = SecureInbox()
    controller = start(
        box, tls_context=certificates.server_context(), require_starttls=True
    )
    yield box
    controller.stop()


@pytest.fixture
def smtps_server(certificates):
    box = SecureInbox()
    # Implicit TLS: aiosmtpd cannot tell the session is encrypted, so it is told
    # not to insist on STARTTLS before AUTH; the record above checks TLS itself.
    controller = start(
        box, ssl_context=certificates.server_context(), auth_require_tls=False
    )
    yield box
    controller.stop()


def configure(settings, url: str, ca_file=None) -> None:
    for name, value in email_settings(url).items():
        setattr(settings, name, value)
    settings.EMAIL_TIMEOUT = 10
    settings.BULLETIN_EMAIL_CA_FILE = str(ca_file) if ca_file else ""
    settings.BULLETIN_EMAIL_RATE = 0


def send_one(subject: str = "Hello") -> Mail:
    outbox.queue_message(f"test:{subject}", "reader@example.net", subject, "Body\n")
    outbox.deliver_due()
    return Mail.objects.get(key=f"test:{subject}")


def test_starttls_signs_in_and_sends_over_tls_when_the_ca_is_trusted(
    settings, starttls_server, certificates
):
    configure(
        settings,
        f"smtp://{CREDENTIALS}@127.0.0.1:{starttls_server.port}",
        certificates.ca_file,
    )
    assert send_one().state == MailState.SENT
    assert [m["Subject"] for m in starttls_server.messages] == ["Hello"]
    assert starttls_server.sessions == [(True, USER)]


def test_smtps_is_tls_from_the_first_byte(settings, smtps_server, certificates):
    configure(
        settings,
        f"smtps://{CREDENTIALS}@127.0.0.1:{smtps_server.port}",
        certificates.ca_file,
    )
    assert send_one().state == MailState.SENT
    assert smtps_server.sessions == [(True, USER)]


def test_every_other_mail_of_the_site_trusts_the_same_ca(
    settings, starttls_server, certificates
):
    configure(
        settings,
        f"smtp://{CREDENTIALS}@127.0.0.1:{starttls_server.port}",
        certificates.ca_file,
    )
    # Password resets, invitations and error mail use Django's own send_mail.
    django_mail.send_mail("Reset", "Link\n", None, ["staff@example.org"])
    assert starttls_server.sessions == [(True, USER)]


@pytest.mark.parametrize("scheme", ["smtp", "smtps"])
def test_a_certificate_nobody_trusts_stops_the_mail_and_says_why(
    settings, starttls_server, smtps_server, scheme, caplog
):
    server = starttls_server if scheme == "smtp" else smtps_server
    # No CA file: the system's trust store, which has never heard of this CA.
    configure(settings, f"{scheme}://{CREDENTIALS}@127.0.0.1:{server.port}")
    with caplog.at_level(logging.WARNING, logger="bulletin.subscriptions.outbox"):
        mail = send_one()
    assert server.messages == [] and server.sessions == []
    assert mail.state == MailState.PENDING, "kept, and tried again later"
    assert "CERTIFICATE_VERIFY_FAILED" in mail.last_error
    assert "BULLETIN_EMAIL_CA_FILE" in caplog.text


def test_a_server_without_starttls_gets_nothing_in_clear_text(settings):
    box = SecureInbox()
    # A plain server that offers no STARTTLS (and lets anyone send).
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        configure(settings, f"smtp://{CREDENTIALS}@127.0.0.1:{controller.port}")
        mail = send_one()
    finally:
        controller.stop()
    assert box.messages == []
    assert mail.state == MailState.PENDING
    assert "STARTTLS" in mail.last_error


def test_a_wrong_password_sends_nothing(settings, starttls_server, certificates):
    configure(
        settings,
        f"smtp://news%40example.org:wrong@127.0.0.1:{starttls_server.port}",
        certificates.ca_file,
    )
    mail = send_one()
    assert starttls_server.messages == []
    assert mail.state == MailState.PENDING
    assert "535" in mail.last_error
