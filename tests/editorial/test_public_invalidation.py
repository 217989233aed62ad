"""Back-office work the public cannot see leaves every public ETag and cached page alone.

Readers would otherwise watch editors' activity through changing ETags, and every save
of a draft would throw the whole page cache away. What the public does see (publishing,
updating, withdrawing) changes them at once.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bulletin.editorial import previews, services
from bulletin.posts.models import Status
from tests.editorial.conftest import form_data

pytestmark = pytest.mark.django_db


def edit(post, actor, **changes) -> None:
    data = form_data(post, **changes)
    services.save_post(
        post,
        actor,
        data,
        version=int(data["version"]),
        base_revision=data["base_revision"] or None,
    )


def public_etags(client: Client, *paths: str) -> list[str]:
    return [client.get(path)["ETag"] for path in paths]


def page_cache_answers(wsgi, *paths: str) -> list[bool]:
    return [not wsgi(path).rendered for path in paths]


@pytest.fixture
def site(make_post, now, author):
    """A published post, a draft and the public addresses that show them."""
    published = make_post(title="Published")
    draft = make_post(
        title="Draft", status=Status.DRAFT, published_at=None, author=author
    )
    paths = [
        reverse("public:list"),
        published.get_absolute_url(),
        reverse("feeds:feed", kwargs={"fmt": "atom"}),
        reverse("sitemaps:index"),
    ]
    return published, draft, paths


def test_drafts_reviews_revisions_share_links_and_sign_ins_change_no_public_etag(
    site, author, editor, wsgi
):
    published, draft, paths = site
    reader = Client()
    before = public_etags(reader, *paths)
    page_cache_answers(wsgi, *paths)  # fills the page cache

    edit(draft, author, title="Draft, second thoughts")
    services.submit(draft, author)
    services.send_back(draft, editor, "Shorter, please")
    # An edit of a published post is prepared, not shown, until it is published.
    edit(published, editor, title="Published, edited")
    previews.create_link(draft, author)
    Client().post(
        reverse("accounts:login"), {"username": author.username, "password": "x"}
    )

    assert public_etags(reader, *paths) == before
    assert page_cache_answers(wsgi, *paths) == [True] * len(paths)


def test_publishing_updating_and_withdrawing_change_the_public_etags(site, editor):
    published, draft, paths = site
    reader = Client()
    seen = [public_etags(reader, *paths)]
    services.publish(draft, editor)
    seen.append(public_etags(reader, *paths))
    edit(published, editor, title="Published, corrected")
    services.publish_change(published, editor, "Title corrected")
    seen.append(public_etags(reader, *paths))
    services.withdraw(draft, editor, "Published in error")
    seen.append(public_etags(reader, *paths))
    for path_etags in zip(*seen, strict=True):
        assert len(set(path_etags)) == len(seen)
    page = reader.get(paths[0]).content
    assert b"Published, corrected" in page
    assert b"Draft" not in page
