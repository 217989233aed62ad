"""Logs are one line each, with time, level, logger and request id; errors are mailed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
PROBE = (
    "from django.test import Client; "
    "r = Client(raise_request_exception=False).get('/en/', HTTP_HOST='evil.example', HTTP_X_REQUEST_ID='probe-12345678'); "
    "print(r.status_code, r['X-Request-ID'])"
)


def run_probe(tmp_path, log_format: str) -> tuple[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        BULLETIN_DATA_DIR=str(tmp_path),
        BULLETIN_SECRET_KEY="logs-test",
        BULLETIN_LOG_FORMAT=log_format,
        # The suite's settings (plain static files: no collectstatic needed).
        DJANGO_SETTINGS_MODULE="bulletin.settings.test",
    )
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [BULLETIN, "shell", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1], [
        line for line in done.stderr.splitlines() if line
    ]


def test_a_log_line_carries_time_level_logger_and_request_id(tmp_path):
    answer, lines = run_probe(tmp_path, "text")
    assert answer == "400 probe-12345678"
    # The rejected Host is logged (with its traceback folded in), on one line.
    (line,) = lines
    assert re.match(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR django\.security\.DisallowedHost "
        r"\[probe-12345678\] Invalid HTTP_HOST header",
        line,
    ), line


def test_json_lines_with_the_same_fields(tmp_path):
    _, lines = run_probe(tmp_path, "json")
    (line,) = lines
    record = json.loads(line)
    assert record["levelname"] == "ERROR"
    assert record["name"] == "django.security.DisallowedHost"
    assert record["request_id"] == "probe-12345678"
    assert record["message"].startswith("Invalid HTTP_HOST header")
    assert record["asctime"]


def test_an_unusable_request_id_is_replaced(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_server_error_is_mailed_to_the_admins(settings, mailoutbox, monkeypatch):
    from bulletin.public import views

    def broken(*args, **kwargs):
        raise RuntimeError("the archive broke")

    monkeypatch.setattr(views, "year_counts", broken)
    settings.DEBUG = False
    settings.ADMINS = [("Ops", "ops@example.org")]
    response = Client(raise_request_exception=False).get("/en/archive/")
    assert response.status_code == 500
    (mail,) = mailoutbox
    assert mail.to == ["ops@example.org"]
    assert "the archive broke" in mail.body
    # The reader's page says nothing of it.
    assert b"the archive broke" not in response.content


def test_bulletin_admins_is_read_as_names_and_addresses(tmp_path):
    env = {
        **os.environ,
        "BULLETIN_ADMINS": "Ops Team <ops@example.org>, duty@example.org",
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from bulletin.settings import test as s; print(json.dumps(s.ADMINS))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out) == [
        ["Ops Team", "ops@example.org"],
        ["duty@example.org", "duty@example.org"],
    ]
