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
CPU_TIMING = re.compile(r"cpu;dur=([0-9.]+)")


def hello_command(
    port: int, server: str | None = None, workers: int = 2, threads: int = 2
) -> list[str]:
    """The hello-world reference under the same server code as `bulletin serve`."""
    from_runner = (
        "import sys; from bulletin.server.runner import DEFAULT_SERVER, run; "
        "run('hello:app', server=sys.argv[1] or DEFAULT_SERVER, port=int(sys.argv[2]), "
        "workers=int(sys.argv[3]), threads=int(sys.argv[4]))"
    )
    return [sys.executable, "-c", from_runner, server or "", str(port), str(workers),
            str(threads)]  # fmt: skip


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
def server(args: list[str], env: dict[str, str], port: int) -> Iterator[int]:
    process = subprocess.Popen(
        args,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent,  # where the hello-world app is
    )
    try:
        wait_for(port)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def measure(
    port: int,
    path: str,
    count: int,
    warmup: int = 10,
    *,
    uncached: bool = False,
    session: str | None = None,
) -> dict[str, float]:
    """Median and 95th percentile of client time and server time (Server-Timing), in ms.

    `uncached` sends a (meaningless) session cookie, which the page cache never
    answers, so every request is rendered: about the cost of a page's first view.
    (Unknown query parameters no longer do: the cache ignores them.) `session` is a
    signed-in staff session's key, for back-office pages. Server CPU is the
    request thread's own CPU time (Server-Timing's cpu entry).
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client, server_side, cpu = [], [], []
    for n in range(warmup + count):
        started = time.perf_counter()
        headers = {"Host": "localhost"}
        if session:
            headers["Cookie"] = f"bulletin_session={session}"
        elif uncached:
            headers["Cookie"] = "bulletin_session=bench-uncached"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        if n >= warmup:
            client.append(elapsed)
            timing = response.getheader("Server-Timing") or ""
            found = TIMING.search(timing)
            if found:
                server_side.append(float(found.group(1)))
            found = CPU_TIMING.search(timing)
            if found:
                cpu.append(float(found.group(1)))
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
    if cpu:
        result |= {"cpu_p50": statistics.median(cpu), "cpu_p95": percentile(cpu, 95)}
    return result


# What every browser, feed reader and calendar client sends; the benchmarks send it
# too (to the hello-world references as well), unless told otherwise.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"
ACCEPT_ENCODING = [BROWSER_ACCEPT_ENCODING]


def request_headers(accept_encoding: str | None = None) -> dict[str, str]:
    given = ACCEPT_ENCODING[0] if accept_encoding is None else accept_encoding
    return {"Host": "localhost", **({"Accept-Encoding": given} if given else {})}


def timed_get(
    port: int, path: str, *, body: bool = False, accept_encoding: str | None = None
) -> float | bytes:
    """One request on a new connection: ms (or the body as sent, with body=True)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers=request_headers(accept_encoding))
    response = connection.getresponse()
    content = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return content if body else elapsed


def pss_of_tree(pid: int) -> int:
    """Proportional set size (kB) of a process and all its descendants.

    PSS shares each page among the processes that map it, so pages the workers
    share with the master (forked after the application was imported) count once.
    """
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
    return total


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


def prepare(
    data_dir: Path, posts: int, env: dict[str, str], *, may_write: bool = True
) -> None:
    """Migrate and seed once; a data directory that already has the posts is reused.

    `may_write=False` (a shared database) never migrates or seeds: without the
    marker it stops, instead of adding another `posts` posts to someone's data.
    """
    marker = data_dir / f"seeded-{posts}"
    if marker.exists():
        return
    if not may_write:
        raise SystemExit(f"{marker} is missing: not seeding a shared database")
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    subprocess.run([BULLETIN, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([BULLETIN, "seed", "--posts", str(posts)], env=env, check=True)
    marker.write_text("ok")
