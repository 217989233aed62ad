"""A live Bulletin server and Debian's Chromium driven by Playwright.

The browser is the system one (`/usr/bin/chromium`, or BULLETIN_CHROMIUM): Playwright
never downloads its own. Without it the browser tests skip with a message, except in
CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.board import Board, build_board

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PORTS = range(8400, 8500)
ARTIFACTS = Path(os.environ.get("BULLETIN_ARTIFACTS_DIR", "artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
STAFF_PASSWORD = "a-long-test-password"


def chromium_executable() -> str | None:
    configured = os.environ.get("BULLETIN_CHROMIUM", "")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """pytest-django's live server, on a free port of this suite's range (8400–8499).

    Each xdist worker starts its own, at a different offset to avoid racing for ports.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    offset = int(worker.removeprefix("gw") or 0) * 7
    candidates = [PORTS[(offset + i) % len(PORTS)] for i in range(len(PORTS))]
    server = None
    for port in candidates:
        try:
            server = LiveServer(f"127.0.0.1:{port}")
        except OSError:
            continue
        break
    if server is None:
        pytest.fail("No free port between 8400 and 8499 for the live server")
    yield server
    server.stop()


@pytest.fixture
def browser(monkeypatch) -> Iterator[Browser]:
    """Chromium for one test; Playwright starts and stops with it.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    alive, which Django reads as "async context"; the ORM calls a test makes between
    browser steps are plain sync code, so the guard is lifted for the test only.
    """
    executable = chromium_executable()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium, or set BULLETIN_CHROMIUM)"
        if in_ci():
            pytest.fail(f"{message}; CI must run the browser tests.")
        pytest.skip(f"{message}: browser tests skipped.")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        # ORM calls made while Playwright's loop runs get a connection of their own
        # (Django keeps connections per context); close it, or PostgreSQL refuses
        # to drop the test database at the end.
        connections.close_all()
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def open_page(
    request, browser: Browser, live_server: LiveServer
) -> Iterator[Callable[..., Page]]:
    """A fresh page in its own context: `open_page(width=390, color_scheme="dark")`.

    When the test fails, each page it opened is kept as a screenshot beside the others.
    """
    opened: list[Page] = []

    def open_(
        width: int = 1280,
        height: int = 900,
        *,
        color_scheme: str = "light",
        reduced_motion: str = "no-preference",
        scale: float = 1,
    ) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            accept_downloads=True,
            locale="en-GB",
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        opened.append(page)
        return page

    yield open_
    if getattr(request.node, "call_failed", False):
        name = re.sub(r"[^\w-]+", "-", request.node.name)
        for n, page in enumerate(opened):
            if not page.is_closed():
                screenshot(page, f"failed-{name}-{n}")


@pytest.fixture
def board(live_server: LiveServer) -> Board:
    return build_board()


@pytest.fixture
def staff_user(live_server: LiveServer, django_user_model):
    return django_user_model.objects.create_user(
        username="editor",
        email="editor@example.org",
        password=STAFF_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def screenshot(page: Page, name: str) -> Path:
    """Write a full-page PNG to artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path
