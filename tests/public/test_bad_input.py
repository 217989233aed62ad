"""Malformed addresses and forms get a clear 4xx page, never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=99999999999999999999",
        "page=٣",
        "page=",
        "page=2",
    ],
)
def test_bad_or_out_of_range_page_numbers_answer_404(client, make_post, query):
    make_post()
    response = client.get(f"{reverse('public:list')}?{query}")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/en/topics/no-such-topic/",
        "/en/0999/",
        "/en/9999/",
        "/en/notices/9999/posts/x/",
        "/en/posts/no-such-post/",
        "/en/articles/",
        "/en/posts/../../etc/passwd/",
        "/en/attachments/1/..%2F..%2Fsecret_key",
        "/en/attachments/999999999999999999999/x.pdf",
        "/en/posts/%ff%fe/",
        "/en/" + "a" * 3000 + "/",
    ],
)
def test_unknown_or_hostile_paths_answer_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "poem"},
        {"year": "20x4"},
        {"year": "99999"},
        {"topic": "nope"},
        {"kind": "\x00"},
    ],
)
def test_a_tampered_filter_form_answers_400(client, params):
    response = client.get(reverse("public:filter"), params)
    assert response.status_code == 400
    assert b"Bad request" in response.content


def test_a_very_long_query_string_is_harmless(client, make_post):
    make_post()
    response = client.get(reverse("public:list") + "?" + "x=" + "y" * 20000)
    assert response.status_code == 200


def test_non_utf8_query_bytes_do_not_break_the_list(client, make_post):
    make_post()
    response = client.get(reverse("public:list") + "?page=%ff")
    assert response.status_code == 404
