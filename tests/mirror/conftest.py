"""A small site with every kind of page, exported, and a plain static server for it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from bulletin.posts.models import Kind, Status
from tests.conftest import NOW
from tests.server.test_commands import free_port


@pytest.fixture
def site(now, make_post, make_topic, make_attachment):
    """Two pages of English posts over two years, an expired notice, a pinned notice,
    an event, a document, a French post, and what the public must not see."""
    water, roads = make_topic("Water"), make_topic("Roads")
    posts = {}
    for n in range(23):
        posts[f"news-{n}"] = make_post(
            title=f"Water report {n}",
            published_at=NOW - timedelta(days=n * 20),
            topics=[water] if n % 2 else [roads],
        )
    posts["expired"] = make_post(
        kind=Kind.NOTICE,
        title="Old road closure",
        published_at=NOW - timedelta(days=400),
        expires_at=NOW - timedelta(days=300),
        topics=[roads],
    )
    posts["pinned"] = make_post(
        kind=Kind.NOTICE,
        title="Boil water notice",
        pinned_until=NOW + timedelta(days=3),
        topics=[water],
    )
    posts["event"] = make_post(
        kind=Kind.EVENT,
        title="Public meeting on water",
        event_start=NOW + timedelta(days=10),
        event_end=NOW + timedelta(days=10, hours=2),
        event_timezone="Europe/Paris",
    )
    make_attachment(posts["event"], filename="agenda.pdf", title="Agenda")
    posts["french"] = make_post(language="fr", title="Rapport sur l’eau")
    posts["draft"] = make_post(title="Secret draft", status=Status.DRAFT)
    posts["future"] = make_post(
        title="Scheduled later", published_at=NOW + timedelta(days=1)
    )
    return posts


class StaticServer:
    """`python -m http.server` over a folder, on 127.0.0.1 and a free port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.origin + "/", timeout=2).close()  # noqa: S310
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                assert time.monotonic() < deadline, "the static server did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def static_server(tmp_path):
    server = StaticServer(tmp_path / "host")
    server.root.mkdir()
    server.start()
    yield server
    server.stop()
