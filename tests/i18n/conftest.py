from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def translated(make_post, now):
    """An English original with a public French and a draft Arabic translation."""

    def make(**fields):
        original = make_post(title="Water tariffs for 2027", language="en", **fields)
        french = make_post(
            title="Tarifs de l'eau pour 2027",
            language="fr",
            translation_group=original.translation_group,
            **fields,
        )
        arabic = make_post(
            title="تعريفات المياه لعام 2027",
            language="ar",
            translation_group=original.translation_group,
            status="draft",
            published_at=None,
            **fields,
        )
        return original, french, arabic

    return make


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user(
        "translator", password="pw", is_staff=True, is_superuser=True
    )
    return user


@pytest.fixture(scope="session")
def live_server():
    """A live server for the browser checks of languages, on this area's ports (8500–8599)."""
    import os

    from pytest_django.live_server_helper import LiveServer

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    offset = int(worker.removeprefix("gw") or 0) * 7
    ports = range(8500, 8600)
    for i in range(len(ports)):
        try:
            server = LiveServer(f"127.0.0.1:{ports[(offset + i) % len(ports)]}")
        except OSError:
            continue
        break
    else:
        pytest.fail("No free port between 8500 and 8599 for the live server")
    yield server
    server.stop()
