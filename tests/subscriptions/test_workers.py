"""Real job-runner processes against a real SMTP server: one killed in the middle of
sending and started again, and two running at once. Nobody gets an alert twice, and
every alert arrives."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from threading import Event

import psycopg
import pytest

SETUP = """
import django; django.setup()
from datetime import timedelta
from bulletin.posts import clock
from bulletin.posts.models import Kind, Post, Status
from bulletin.subscriptions.models import Frequency, Subscriber, Subscription
for n in range({count}):
    s = Subscriber.objects.create(email=f"r{{n}}@example.net", language="en")
    Subscription.objects.create(subscriber=s, language="en", frequency=Frequency.IMMEDIATE,
                                confirmed_at=clock.now())
Post.objects.create(kind=Kind.NOTICE, title="Road closed", status=Status.PUBLISHED,
                    published_at=clock.now() - timedelta(seconds=1))
"""
STATES = """
import django, json; django.setup()
from django.db.models import Count
from bulletin.subscriptions.models import Mail
print(json.dumps({
    "states": dict(Mail.objects.values_list("state").annotate(n=Count("id"))),
    "workers": Mail.objects.exclude(claimed_by="").values("claimed_by").distinct().count(),
}))
"""


class Site:
    """A data directory (or PostgreSQL database) of its own, shared by the processes."""

    def __init__(self, tmp_path, smtp_port: int) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bulletin.settings.base",
            "BULLETIN_DATA_DIR": str(tmp_path),
            "BULLETIN_SECRET_KEY": "worker-test-key",
            "BULLETIN_EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off",
            "BULLETIN_EMAIL_RATE": "0",
            "BULLETIN_EMAIL_LEASE_SECONDS": "1",
            "BULLETIN_SITE_URL": "https://news.example.org",
            "BULLETIN_LOG_LEVEL": "WARNING",
        }
        self.database = None
        server = os.environ.get("DATABASE_URL", "")
        if server.startswith("postgres"):
            self.database = f"outbox_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(self._admin_url(server), autocommit=True) as db:
                db.execute(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + self.database
        else:
            self.env.pop("DATABASE_URL", None)
        self.run([sys.executable, "-m", "bulletin.cli", "migrate", "-v", "0"])

    @staticmethod
    def _admin_url(url: str) -> str:
        return url.replace("postgres://", "postgresql://", 1)

    def run(self, command: list[str]) -> str:
        done = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def python(self, code: str) -> str:
        return self.run([sys.executable, "-c", code])

    def worker(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "bulletin.cli", "worker", "--interval", "0.2"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def outbox(self) -> dict:
        return json.loads(self.python(STATES))

    def close(self) -> None:
        if self.database:
            server = self._admin_url(os.environ["DATABASE_URL"])
            with psycopg.connect(server, autocommit=True) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def site(tmp_path, smtp_server):
    inbox, port = smtp_server
    made = Site(tmp_path, port)
    try:
        yield made, inbox
    finally:
        made.close()


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def settle(site: Site, inbox, total: int, timeout: float = 90) -> dict:
    """Wait until no mail is waiting or in flight; answer the outbox's states."""
    inbox.wait_for(total, timeout=timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        outbox = site.outbox()
        states = outbox["states"]
        if sum(states.values()) == total and set(states) <= {"sent", "uncertain"}:
            return outbox
        time.sleep(1)
    raise AssertionError(f"outbox never settled: {site.outbox()}")


def kill_at(site: Site, inbox, step: str, n: int) -> dict:
    """Start a worker, SIGKILL it while the server holds it at `step` of mail `n`."""
    inbox.hold, inbox.reached, inbox.released = (step, n), Event(), Event()
    worker = site.worker()
    try:
        assert inbox.reached.wait(90), f"the worker never reached {step} {n}"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        inbox.release()
        stop(worker)
    return site.outbox()["states"]


def test_a_worker_killed_mid_send_and_restarted_sends_nothing_twice(site):
    site, inbox = site
    site.python(SETUP.format(count=30))
    # Killed after the server accepted the recipient, before the message: it is
    # sent again, once.
    states = kill_at(site, inbox, "rcpt", 3)
    assert states.get("sending", 0) >= 1, states  # that one and the rest of its claim
    # Killed after the server took the message, before the answer was read: its fate
    # is unknown to the site, so it is marked uncertain and never repeated.
    states = kill_at(site, inbox, "data", 10 - 1)
    assert states.get("handed_over") == 1, states
    inbox.hold = None
    restarted = site.worker()
    try:
        outbox = settle(site, inbox, 30)
    finally:
        stop(restarted)
    received = Counter(m["To"] for m in inbox.messages)
    assert len(received) == 30, "every follower got the alert"
    assert set(received.values()) == {1}, f"someone got it twice: {received}"
    assert outbox["states"] == {"sent": 29, "uncertain": 1}


def test_two_workers_at_once_send_nothing_twice(site):
    site, inbox = site
    site.python(SETUP.format(count=40))
    inbox.delay = 0.05
    workers = [site.worker(), site.worker()]
    try:
        outbox = settle(site, inbox, 40)
    finally:
        stop(*workers)
    received = Counter(m["To"] for m in inbox.messages)
    assert len(received) == 40
    assert set(received.values()) == {1}, f"someone got it twice: {received}"
    assert outbox["states"] == {"sent": 40}
