"""Every response carries a strict Content-Security-Policy (django-csp).

What the policy lets a page do in a browser is tested in tests/browser/test_csp.py;
this checks the header itself, on every kind of answer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_the_policy_is_strict(client, make_post):
    make_post()
    found = policy(client.get(reverse("public:list")))
    assert found["default-src"] == ["'self'"]
    # A public page uses no nonce: scripts and styles from the site's files only.
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'"]
    assert found["img-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    # The same as X-Frame-Options: DENY.
    assert found["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in found.values() for value in values)


def test_every_kind_of_answer_carries_it(client, make_post, settings):
    post = make_post()
    settings.DEBUG = False
    answers = {
        "list": client.get(reverse("public:list")),
        "list again, from the cache": client.get(reverse("public:list")),
        "post": client.get(post.get_absolute_url()),
        "not modified": client.get(
            reverse("public:list"),
            HTTP_IF_NONE_MATCH=client.get(reverse("public:list"))["ETag"],
        ),
        "not found": client.get("/en/no-such-page/"),
        "feed": client.get("/feed.xml"),
        "api": client.get("/api/v1/posts"),
        "api docs": client.get("/api/docs"),
        "back office redirect": client.get("/manage/"),
        "bad host": Client(raise_request_exception=False).get(
            "/en/", HTTP_HOST="evil.example"
        ),
    }
    assert answers["not modified"].status_code == 304
    assert answers["bad host"].status_code == 400
    missing = [
        name
        for name, r in answers.items()
        if "object-src 'none'" not in r.get("Content-Security-Policy", "")
    ]
    assert missing == []


def test_images_may_come_from_hosts_an_administrator_lists():
    env = {
        **os.environ,
        "BULLETIN_IMAGE_HOSTS": "https://images.example.org, https://cdn.example.net",
    }
    script = (
        "import json; from bulletin.settings import test as s; "
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out) == [
        "'self'",
        "https://images.example.org",
        "https://cdn.example.net",
    ]
