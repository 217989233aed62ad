"""`/healthz` and `/readyz` as a load balancer calls them: through the WSGI entry point."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from bulletin.health import checks
from bulletin.scheduling.models import RunnerHeartbeat
from tests.wsgi import keeping_the_test_connection

pytestmark = pytest.mark.django_db


def call(path: str, method: str = "GET") -> tuple[int, dict, dict]:
    """Call the site's real WSGI application, as gunicorn does."""
    from wsgiref.util import setup_testing_defaults

    from bulletin.wsgi import application

    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "HTTP_HOST": "localhost"}
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO()
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = {k.lower(): v for k, v in headers}

    with keeping_the_test_connection():
        body = b"".join(application(environ, start_response))
    is_json = started["headers"].get("content-type") == "application/json"
    return started["status"], started["headers"], json.loads(body) if is_json else {}


@pytest.fixture(autouse=True)
def _fresh_migration_check():
    checks.forget()
    yield
    checks.forget()


def test_healthz_answers_ok_and_is_never_cached():
    status, headers, body = call("/healthz")
    assert status == 200
    assert body == {"status": "ok"}
    assert "no-store" in headers["cache-control"]
    assert "etag" not in headers


def test_readyz_is_ready_when_every_check_passes(now):
    RunnerHeartbeat.beat()
    status, headers, body = call("/readyz")
    assert status == 200
    assert body == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "jobs": "ok"},
    }
    assert "no-store" in headers["cache-control"]


def test_readyz_turns_not_ready_when_the_job_runner_stops(now, time_machine, settings):
    RunnerHeartbeat.beat()
    assert call("/readyz")[0] == 200
    time_machine.move_to(
        now + timedelta(seconds=settings.BULLETIN_RUNNER_STALE_SECONDS + 1)
    )
    status, _headers, body = call("/readyz")
    # The same address a moment later gives the new answer: nothing kept the old one.
    assert status == 503
    assert body["checks"]["jobs"] == "failing"
    assert body["checks"]["database"] == "ok"


def test_readyz_is_not_ready_before_any_job_runner_ran():
    status, _, body = call("/readyz")
    assert status == 503
    assert body["checks"]["jobs"] == "failing"


def test_readyz_reports_unapplied_migrations(now):
    RunnerHeartbeat.beat()
    # Every scheduling migration after the first counts as not applied (the leaf
    # among them, whichever it is now).
    MigrationRecorder(connection).migration_qs.filter(app="scheduling").exclude(
        name="0001_initial"
    ).delete()
    status, _, body = call("/readyz")
    assert status == 503
    assert body["checks"]["migrations"] == "failing"


def test_readyz_reports_an_unreachable_cache_without_saying_why(now):
    RunnerHeartbeat.beat()
    # A Redis port nothing listens on: the cache is configured but gone.
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        status, _, body = call("/readyz")
    assert status == 503
    assert body["checks"]["cache"] == "failing"
    text = json.dumps(body)
    assert "127.0.0.1" not in text and "redis" not in text.lower()


def test_probes_refuse_writes():
    assert call("/healthz", method="POST")[0] == 405
    assert call("/readyz", method="DELETE")[0] == 405


@override_settings(HTTPS=True, SECURE_SSL_REDIRECT=True)
def test_probes_answer_plain_http_behind_an_https_site():
    assert call("/healthz")[0] == 200


def test_a_served_site_with_its_job_runner_becomes_ready(tmp_path):
    """The real thing: `bulletin serve` migrates, starts the runner, and /readyz says so."""
    from tests.server.test_commands import BULLETIN, free_port, get

    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(BULLETIN_DATA_DIR=str(tmp_path), BULLETIN_SECRET_KEY="probe-test")
    process = subprocess.Popen(
        [BULLETIN, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        status, body = 0, b""
        while status != 200 and time.monotonic() < deadline:
            assert process.poll() is None, "the server stopped"
            with contextlib.suppress(OSError):
                status, _, body = get(f"http://127.0.0.1:{port}/readyz")
            time.sleep(0.5)
        assert status == 200, body
        assert json.loads(body)["checks"]["jobs"] == "ok"
        assert get(f"http://127.0.0.1:{port}/healthz")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
