"""A hostile-request corpus: whatever is sent, the answer is never a 5xx.

Every URL pattern of the site (public, back office, admin, API) is asked with each
integer at 0, −1, 10**30 and a real id; every address with PUT, DELETE, TRACE and
OPTIONS, anonymous and signed in; and a selection of addresses with bad Host headers,
malformed cookies, garbage conditional, Range, Accept-Language and X-Forwarded-*
headers, and huge or non-UTF-8 paths and queries. The count is printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

pytestmark = pytest.mark.django_db

INTEGERS = ["0", "-1", str(10**30)]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS"]
PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")
SIMPLE_GROUP = re.compile(r"\(\?P<(\w+)>[^()]*\)")


def _route(pattern, value: str, real: str) -> str | None:
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    text = str(pattern)
    if isinstance(pattern, RoutePattern):

        def fill(match: re.Match) -> str:
            converter = match.group(1) or "str"
            return (
                value
                if converter in ("int", "id")
                else ("x" if value != real else real)
            )

        return PLACEHOLDER.sub(fill, text)
    text = SIMPLE_GROUP.sub("x", text.removeprefix("^").removesuffix("$"))
    text = text.replace("\\.", ".")
    return None if re.search(r"[()\[\]?*+\\|^$]", text) else text


def addresses(value: str, real: str) -> Iterator[str]:
    def walk(patterns, prefix: str) -> Iterator[str]:
        for entry in patterns:
            part = _route(entry.pattern, value, real)
            if part is None:
                continue
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                yield prefix + part

    return walk(get_resolver().url_patterns, "/")


@pytest.fixture
def site(make_post, make_topic, make_attachment):
    topic = make_topic("Water")
    post = make_post(topics=[topic])
    make_attachment(post)
    editor = get_user_model().objects.create_user("erin", password="pw")
    editor.groups.add(Group.objects.get(name="Editor"))
    admin = get_user_model().objects.create_superuser("ada", "ada@example.org", "pw")
    return {"post": post, "editor": editor, "admin": admin}


def clients(site) -> dict[str, Client]:
    made = {"anonymous": Client(raise_request_exception=False)}
    for name in ("editor", "admin"):
        made[name] = Client(raise_request_exception=False)
        made[name].force_login(site[name])
    return made


HEADERS = [
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "localhost:99999999"},
    {"HTTP_HOST": "[::1"},
    {"HTTP_HOST": "a" * 2000},
    {"HTTP_COOKIE": "bulletin_session=" + "%" * 50},
    {"HTTP_COOKIE": "bulletin_csrf=\x00\x01; bulletin_session=; django_language=zz-ZZ"},
    {"HTTP_COOKIE": "django_language=" + "x" * 5000},
    {"HTTP_COOKIE": '"=;;;=;"\\'},
    {"HTTP_IF_NONE_MATCH": '"' * 300},
    {"HTTP_IF_NONE_MATCH": "W/, *, \x00"},
    {"HTTP_IF_MODIFIED_SINCE": "Mon, 99 Foo 99999 99:99:99 GMT"},
    {"HTTP_IF_MODIFIED_SINCE": "-" * 400},
    {"HTTP_IF_UNMODIFIED_SINCE": "yesterday"},
    {"HTTP_IF_MATCH": "garbage"},
    {"HTTP_RANGE": "bytes=999999999999999999999-"},
    {"HTTP_RANGE": "bytes=-0,5-1,x-y"},
    {"HTTP_ACCEPT_LANGUAGE": "zz-ZZ;q=2, *;q=-1, " + "en;q=0.5," * 200},
    {"HTTP_ACCEPT_LANGUAGE": "\x00\xff;;q="},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, 999.999.999.999, " + "1," * 500},
    {"HTTP_X_FORWARDED_PROTO": "gopher"},
    {"HTTP_X_FORWARDED_HOST": "evil.example"},
    {"HTTP_X_REQUEST_ID": "\n" * 10},
    {"HTTP_AUTHORIZATION": "Bearer " + "x" * 10000},
]
ODD_PATHS = [
    "/en/" + "a" * 20000 + "/",
    "/en/posts/%ff%fe%fd/",
    "/en/search/?q=%ff%fe",
    "/en/search/?q=" + "x" * 20000,
    "/en/search/?page=" + str(10**30),
    "/en/?page=%00",
    "/en/?" + "&".join(f"k{n}=v" for n in range(3000)),
    "/api/v1/posts?cursor=" + "%ff" * 100,
    "/api/v1/posts?limit=" + str(10**30),
    "/api/v1/posts?limit=-1&topic=%00",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/en/filter/?kind=%ff&year=" + str(10**30),
    "/manage/posts/?page=" + str(10**30) + "&q=%ff",
]


def test_no_hostile_request_gets_a_5xx(site, capsys):
    real = str(site["post"].pk)
    who = clients(site)
    sent, failures = 0, []

    def ask(client_name: str, method: str, path: str, **extra) -> None:
        nonlocal sent
        sent += 1
        response = who[client_name].generic(method, path, **extra)
        # /readyz answers 503 on purpose while no job runner has reported in.
        expected = path == "/readyz" and response.status_code == 503
        if response.status_code >= 500 and not expected:
            failures.append(
                f"{response.status_code} {client_name} {method} {path[:120]} {list(extra)[:2]}"
            )

    every = sorted(set(addresses(real, real)))
    for value in INTEGERS:
        for path in sorted(set(addresses(value, real)) - set(every)):
            for name in who:
                ask(name, "GET", path)
    for path in every:
        for name in who:
            for method in METHODS:
                ask(name, method, path)
    sample = [
        "/en/",
        site["post"].get_absolute_url(),
        "/feed.xml",
        "/api/v1/posts",
        "/manage/",
        "/admin/",
    ]
    for path in sample:
        for headers in HEADERS:
            for name in ("anonymous", "editor"):
                ask(name, "GET", path, **headers)
    for path in ODD_PATHS:
        for name in ("anonymous", "editor"):
            ask(name, "GET", path)
    with capsys.disabled():
        print(
            f"\nhostile-request corpus: {sent} requests, {len(failures)} answered 5xx"
        )
    assert failures == [], "\n".join(failures[:60])
