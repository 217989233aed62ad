"""The browsable API docs in a real Chromium: they render, and fetch nothing off-site."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import CHROMIUM_ARGS, chromium_executable, in_ci

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# This suite's own ports, so it never races the reader-journey server.
PORTS = range(8200, 8300)


@pytest.fixture
def api_server() -> Iterator[LiveServer]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    offset = int(worker.removeprefix("gw") or 0) * 7
    for i in range(len(PORTS)):
        try:
            server = LiveServer(f"127.0.0.1:{PORTS[(offset + i) % len(PORTS)]}")
        except OSError:
            continue
        yield server
        server.stop()
        return
    pytest.fail("No free port between 8200 and 8299 for the live server")


@pytest.fixture
def chromium(monkeypatch):
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if in_ci():
            pytest.fail(f"{message}; CI must run the browser tests.")
        pytest.skip(message)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_docs_render_the_operations_from_local_files_only(
    api_server, chromium, make_post
):
    make_post(title="Water works")
    page = chromium.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(api_server.url + reverse("api:openapi-view"))
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)

    assert "Bulletin API" in page.inner_text(".swagger-ui .info")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {p.replace("\u200b", "") for p in paths} == {
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/topics",
    }
    origin = urlsplit(api_server.url).netloc
    offsite = [url for url in requested if urlsplit(url).netloc not in (origin, "")]
    assert offsite == []
    assert any(url.endswith(reverse("api:openapi-json")) for url in requested)
