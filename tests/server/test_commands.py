"""The `bulletin` command: serve a real server, and the newcomer's demo set-up."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from bulletin.posts.models import Post

BULLETIN = str(Path(sys.executable).with_name("bulletin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive, as in HTTP) and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serve_migrates_and_answers_pages_and_static_files(tmp_path):
    port = free_port()
    # A fresh SQLite site in a temporary directory, whatever database the suite runs on.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(BULLETIN_DATA_DIR=str(tmp_path), BULLETIN_SECRET_KEY="serve-test")
    process = subprocess.Popen(
        [BULLETIN, "serve", "--port", str(port), "--workers", "1", "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        status, headers, body = get(f"http://127.0.0.1:{port}/en/")
        assert status == 200 and b"<h1>" in body
        # Anonymous readers are not told how long the server took (or whether the
        # page came from the cache).
        assert "Server-Timing" not in headers
        css = body.split(b'href="/static/public/site.', 1)[1].split(b'"', 1)[0]
        status, headers, _ = get(
            f"http://127.0.0.1:{port}/static/public/site.{css.decode()}"
        )
        assert status == 200 and "immutable" in headers["Cache-Control"]
        assert get(f"http://127.0.0.1:{port}/en/?page=x")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.django_db
def test_demo_sets_up_content_and_an_admin_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", no_serve=True, posts=30, stdout=out)
    # The 30 generated posts, the showcase's seven and its four pages.
    assert Post.objects.filter(language="en").count() == 30 + 7 + 4
    assert Post.objects.filter(language="fr").exists()  # a multilingual demo
    admin = get_user_model().objects.get(username="admin")
    password = (tmp_path / "demo-admin-password").read_text()
    assert admin.is_superuser and admin.check_password(password)
    assert password in out.getvalue()
    before = Post.objects.count()
    call_command("demo", no_serve=True, posts=30, stdout=io.StringIO())
    assert Post.objects.count() == before  # content is seeded only into an empty site
