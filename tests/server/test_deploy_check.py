"""`check --deploy` is clean for a production-like configuration, as .ci/run runs it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BULLETIN = str(Path(sys.executable).with_name("bulletin"))


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BULLETIN_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        BULLETIN_DATA_DIR=str(tmp_path),
        BULLETIN_SECRET_KEY=secrets.token_urlsafe(50),
        BULLETIN_HTTPS="1",
        BULLETIN_ALLOWED_HOSTS="news.example.org",
        BULLETIN_SITE_URL="https://news.example.org",
        **extra,
    )
    return env


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BULLETIN, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_hsts_subdomains_and_preload_are_switched_on_by_settings(tmp_path):
    result = deploy_check(
        production_env(
            tmp_path, BULLETIN_HSTS_INCLUDE_SUBDOMAINS="1", BULLETIN_HSTS_PRELOAD="1"
        )
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("left_out", "warning"),
    [
        ("BULLETIN_HSTS_INCLUDE_SUBDOMAINS", "security.W005"),
        ("BULLETIN_HSTS_PRELOAD", "security.W021"),
    ],
)
def test_without_them_check_deploy_warns(tmp_path, left_out, warning):
    extra = {"BULLETIN_HSTS_INCLUDE_SUBDOMAINS": "1", "BULLETIN_HSTS_PRELOAD": "1"}
    del extra[left_out]
    result = deploy_check(production_env(tmp_path, **extra))
    assert result.returncode != 0
    assert warning in result.stderr
