"""Two app servers sharing PostgreSQL and Redis both show a change within a second.

Each `bulletin serve` keeps pages in its own memory and in Redis; a change made
anywhere (here by a third process, as an editor on another server would) must reach
readers of every server and every worker within 1 s, without a restart.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_HOST = ("127.0.0.1", 6379)


def reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not (reachable("127.0.0.1", 5432) and reachable(*REDIS_HOST)),
    reason="needs PostgreSQL and Redis on loopback",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page(port: int) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/en/", headers={"Host": "localhost"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read()


@pytest.fixture
def site(tmp_path):
    """A fresh PostgreSQL database and Redis database, migrated, with one post."""
    name = f"bulletin_two_servers_{os.getpid()}_{random.randrange(10**6)}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    redis_db = random.randrange(1, 16)
    redis.Redis(*REDIS_HOST, db=redis_db).flushdb()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(
        BULLETIN_DATA_DIR=str(tmp_path),
        BULLETIN_SECRET_KEY="two-servers-test",
        DATABASE_URL=f"{POSTGRES}/{name}",
        BULLETIN_CACHE_URL=f"redis://{REDIS_HOST[0]}:{REDIS_HOST[1]}/{redis_db}",
    )
    run = {"env": env, "check": True, "capture_output": True}
    subprocess.run([BULLETIN, "migrate", "-v0"], **run)
    shell = (
        "from bulletin.posts.models import Post;"
        "Post.objects.create(kind='news', title='Water works before', status='published')"
    )
    subprocess.run([BULLETIN, "shell", "-c", shell], **run)
    try:
        yield env
    finally:
        redis.Redis(*REDIS_HOST, db=redis_db).flushdb()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_servers_show_a_change_within_a_second(site):
    ports = [free_port(), free_port()]
    serve = [BULLETIN, "serve", "--workers", "2", "--no-worker", "--no-migrate"]
    logs = [Path(site["BULLETIN_DATA_DIR"]) / f"serve-{port}.log" for port in ports]
    servers = [
        subprocess.Popen(
            [*serve, "--port", str(port)],
            env=site,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        deadline = time.monotonic() + 120
        while not all(reachable("127.0.0.1", port) for port in ports):
            stopped = [log for s, log in zip(servers, logs, strict=True) if s.poll()]
            assert not stopped, "a server stopped: " + stopped[0].read_text()[-2000:]
            assert time.monotonic() < deadline, "the servers did not start"
            time.sleep(0.3)
        for _ in range(6):  # both workers of both servers hold the page now
            for port in ports:
                assert b"Water works before" in page(port)
        change = (
            "from bulletin.posts.models import Post;"
            "p = Post.objects.get(); p.title = 'Water works after'; p.save()"
        )
        subprocess.run([BULLETIN, "shell", "-c", change], env=site, check=True)
        changed_at = time.monotonic()
        seen = {}
        while len(seen) < len(ports) and time.monotonic() - changed_at < 1.0:
            for port in ports:
                if port not in seen and b"Water works after" in page(port):
                    seen[port] = time.monotonic() - changed_at
            time.sleep(0.02)
        assert set(seen) == set(ports), f"seen after the change: {seen}"
        # And it stays seen: no worker of either server serves the old page again.
        for _ in range(8):
            for port in ports:
                assert b"Water works after" in page(port)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
