"""Error pages are drawn from settings alone, so a bad request never becomes a 500."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/en/", "/en/posts/anything/", "/manage/", "/api/v1/posts", "/feed.xml"]
)
@pytest.mark.parametrize("host", ["evil.example", "a" * 300, "[::"])
def test_an_unknown_host_answers_400_with_the_bad_request_page(
    settings, make_post, path, host
):
    # The defect showed with no configured site address: page metadata then builds
    # absolute links from the request's Host, even on the error page.
    settings.BULLETIN_SITE = {**settings.BULLETIN_SITE, "url": ""}
    settings.DEBUG = False
    make_post()
    response = Client(raise_request_exception=False).get(path, HTTP_HOST=host)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("main h1").get_text() == "Bad request"
