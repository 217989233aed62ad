"""Helpers shared by the benchmarks: a seeded data directory, servers, timed requests."""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULLETIN = str(Path(sys.executable).with_name("bulletin"))
TIMING = re.compile(r"app;dur=([0-9.]+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on {port}")


@contextmanager
def server(args: list[str], env: dict[str, str], port: int) -> Iterator[None]:
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(port)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


def measure(
    port: int, path: str, count: int, warmup: int = 10, *, uncached: bool = False
) -> dict[str, float]:
    """Median and 95th percentile of client time and server time (Server-Timing), in ms.

    `uncached` sends a (meaningless) session cookie, which the page cache never
    answers, so every request is rendered: about the cost of a page's first view.
    (Unknown query parameters no longer do: the cache ignores them.)
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client, server_side = [], []
    for n in range(warmup + count):
        started = time.perf_counter()
        headers = {"Host": "localhost"}
        if uncached:
            headers["Cookie"] = "bulletin_session=bench-uncached"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        if n >= warmup:
            client.append(elapsed)
            found = TIMING.search(response.getheader("Server-Timing") or "")
            if found:
                server_side.append(float(found.group(1)))
    connection.close()
    result = {
        "client_p50": statistics.median(client),
        "client_p95": percentile(client, 95),
    }
    if server_side:
        result |= {
            "server_p50": statistics.median(server_side),
            "server_p95": percentile(server_side, 95),
        }
    return result


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bulletin_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = dict(
        os.environ,
        BULLETIN_DATA_DIR=str(data_dir),
        BULLETIN_SECRET_KEY="bench-only",
        # The benches read the server's own time from this header.
        BULLETIN_SERVER_TIMING="1",
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(data_dir: Path, posts: int, env: dict[str, str]) -> None:
    """Migrate and seed once; a data directory that already has the posts is reused."""
    marker = data_dir / f"seeded-{posts}"
    if marker.exists():
        return
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    subprocess.run([BULLETIN, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([BULLETIN, "seed", "--posts", str(posts)], env=env, check=True)
    marker.write_text("ok")
