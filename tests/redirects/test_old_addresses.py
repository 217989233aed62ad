"""Old addresses never break: a renamed post's old slug answers 301 to the new one,
in its language and under any list prefix; a deleted post's address answers 410."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bulletin.accounts.roles import Role
from bulletin.posts.interchange import load
from bulletin.posts.models import Kind, Post, Status
from bulletin.redirects.addresses import normalise, remember
from bulletin.redirects.models import Reason, Redirect
from tests.conftest import NOW
from tests.editorial.conftest import form_data

pytestmark = pytest.mark.django_db


def url(slug: str, language: str = "en", **prefix) -> str:
    with translation.override(language):
        return reverse("public:post", kwargs={"slug": slug, **prefix})


def test_a_slug_changed_in_the_shell_redirects_permanently(client, now, make_post):
    post = make_post(title="Water cut", slug="water-cut")
    post.slug = "water-cut-on-monday"
    post.save()
    response = client.get(url("water-cut"))
    assert response.status_code == 301
    assert response["Location"] == url("water-cut-on-monday")
    assert client.get(response["Location"]).status_code == 200


def test_a_slug_changed_in_the_back_office_form_redirects(client, now, make_post):
    editor = Post._meta.get_field("author").related_model.objects.create_user(
        "erin", password="x"
    )
    editor.groups.add(Group.objects.get(name=Role.EDITOR.value))
    staff = Client()
    staff.force_login(editor)
    post = make_post(title="Budget hearing", slug="budget-hearing", author=editor)
    response = staff.post(
        reverse("editorial:post_edit", args=[post.pk]),
        form_data(post, slug="budget-hearing-2027", save="publish"),
    )
    assert response.status_code == 302, response.content[:2000]
    post.refresh_from_db()
    assert post.slug == "budget-hearing-2027"
    moved = client.get(url("budget-hearing"))
    assert (moved.status_code, moved["Location"]) == (301, url("budget-hearing-2027"))


def test_a_slug_changed_by_loading_a_file_redirects(client, now, make_post):
    post = make_post(title="Road works", slug="road-works", external_id="rw-1")
    line = (
        '{"id": "rw-1", "kind": "news", "title": "Road works", "slug": "road-works-north",'
        f' "status": "published", "published_at": "{post.published_at.isoformat()}"}}'
    )
    load([line])
    moved = client.get(url("road-works"))
    assert (moved.status_code, moved["Location"]) == (301, url("road-works-north"))


def test_the_old_slug_redirects_within_the_list_the_reader_came_from(
    client, now, make_post, make_topic
):
    water = make_topic("Water")
    make_post(title="Pipes", slug="pipes", kind=Kind.NOTICE, topics=[water])
    post = Post.objects.get(slug="pipes")
    post.slug = "new-pipes"
    post.save()
    for prefix in ({"kind": "notices"}, {"topic": "water"}, {"year": "2026"}):
        moved = client.get(url("pipes", **prefix))
        assert moved.status_code == 301
        assert moved["Location"] == url("new-pipes", **prefix)
    # Not in the news list: the post's own address, not a 404 under /news/.
    moved = client.get(url("pipes", kind="news"))
    assert (moved.status_code, moved["Location"]) == (301, url("new-pipes"))


def test_a_renamed_translation_redirects_in_its_own_language(client, now, make_post):
    english = make_post(title="Flood warning", slug="flood-warning")
    french = make_post(
        title="Alerte crue",
        slug="alerte-crue",
        language="fr",
        translation_group=english.translation_group,
    )
    french.slug = "alerte-aux-crues"
    french.save()
    moved = client.get(url("alerte-crue", "fr"))
    assert (moved.status_code, moved["Location"]) == (
        301,
        url("alerte-aux-crues", "fr"),
    )
    assert client.get(url("flood-warning")).status_code == 200


def test_a_slug_in_any_script_redirects(client, now, make_post):
    post = make_post(title="Объявление", slug="объявление", language="ru")
    post.slug = "новое-объявление"
    post.save()
    moved = client.get(url("объявление", "ru"))
    assert moved.status_code == 301
    assert moved["Location"] == url("новое-объявление", "ru")


def test_renamed_twice_the_first_address_goes_straight_to_the_newest(
    client, now, make_post
):
    post = make_post(slug="first")
    for slug in ("second", "third"):
        post.slug = slug
        post.save()
    assert client.get(url("first"))["Location"] == url("third")
    assert client.get(url("second"))["Location"] == url("third")


def test_taking_back_an_old_slug_leaves_no_redirect_loop(client, now, make_post):
    post = make_post(slug="one")
    post.slug = "two"
    post.save()
    post.slug = "one"
    post.save()
    assert client.get(url("one")).status_code == 200
    assert client.get(url("two"))["Location"] == url("one")
    assert not Redirect.objects.filter(old_path=normalise(url("one"))).exists()


def test_a_draft_renamed_before_publication_leaves_nothing_behind(now, make_post):
    post = make_post(status=Status.DRAFT, published_at=None, slug="draft-name")
    post.slug = "final-name"
    post.save()
    assert not Redirect.objects.exists()


def test_an_old_address_of_an_unpublished_post_answers_404(client, now, make_post):
    post = make_post(slug="was-public")
    post.slug = "now-draft"
    post.status = Status.DRAFT
    post.save()
    assert client.get(url("was-public")).status_code == 404


def test_a_deleted_post_answers_410_at_its_address_and_its_old_ones(
    client, now, make_post
):
    post = make_post(slug="before")
    post.slug = "after"
    post.save()
    post.delete()
    for slug in ("after", "before"):
        gone = client.get(url(slug))
        assert gone.status_code == 410
        assert b"This post has been removed" in gone.content


def test_a_deleted_post_is_gone_under_every_list_prefix_and_in_its_language_only(
    client, now, make_post, make_topic
):
    water = make_topic("Water")
    english = make_post(title="Pipes", slug="pipes", kind=Kind.NOTICE, topics=[water])
    french = make_post(
        title="Tuyaux",
        slug="tuyaux",
        language="fr",
        kind=Kind.NOTICE,
        topics=[water],
        translation_group=english.translation_group,
    )
    english.delete()
    french.delete()
    prefixes = (
        {},
        {"kind": "notices"},
        {"kind": "news"},  # a list it never was in
        {"topic": "water"},
        {"year": str(NOW.year)},
        {"kind": "notices", "topic": "water", "year": str(NOW.year)},
    )
    for language, slug in (("en", "pipes"), ("fr", "tuyaux")):
        for prefix in prefixes:
            gone = client.get(url(slug, language, **prefix))
            assert gone.status_code == 410, (language, prefix)
    # Each language's address is its own: the French slug was never English.
    assert client.get(url("tuyaux", "en")).status_code == 404


def test_a_deleted_draft_is_not_announced_as_gone(client, now, make_post):
    make_post(slug="secret", status=Status.DRAFT, published_at=None).delete()
    assert client.get(url("secret")).status_code == 404
    assert not Redirect.objects.exists()


def test_a_new_post_may_take_the_address_of_a_deleted_one(client, now, make_post):
    make_post(slug="reused").delete()
    make_post(slug="reused", title="The new one")
    assert client.get(url("reused")).status_code == 200
    assert not Redirect.objects.exists()


def test_an_old_site_path_redirects_with_or_without_its_slash_and_query_order(
    client, now, make_post
):
    post = make_post(slug="harbour")
    remember("https://old.example.org/2019/05/harbour/", post, Reason.IMPORTED)
    remember("/?p=123", post, Reason.IMPORTED)
    remember("/board/view.php?id=5&board=news", post, Reason.IMPORTED)
    for old in (
        "/2019/05/harbour/",
        "/2019/05/harbour",
        "/?p=123",
        "/?p=123&utm_source=newsletter",
        "/board/view.php?board=news&id=5",
    ):
        moved = client.get(old)
        assert (moved.status_code, moved["Location"]) == (301, url("harbour")), old
    assert client.get("/?p=124").status_code == 302  # the site's own root, untouched
    assert client.get("/2019/05/other/").status_code == 404


def test_an_imported_path_follows_the_post_when_it_is_renamed(client, now, make_post):
    post = make_post(slug="harbour")
    remember("/2019/05/harbour/", post, Reason.IMPORTED)
    post.slug = "harbour-reopens"
    post.save()
    assert client.get("/2019/05/harbour/")["Location"] == url("harbour-reopens")


def test_a_withdrawn_posts_old_address_leads_to_its_withdrawal_notice(
    client, now, make_post
):
    post = make_post(slug="old")
    post.slug = "withdrawn"
    post.status = Status.WITHDRAWN
    post.withdrawn_at = NOW
    post.save()
    moved = client.get(url("old"))
    assert moved.status_code == 301
    assert client.get(moved["Location"]).status_code == 410


def test_the_redirect_map_lists_moves_and_gone_addresses(now, make_post):
    kept = make_post(slug="kept")
    remember("/2019/05/kept/", kept, Reason.IMPORTED)
    remember("/?p=9", kept, Reason.IMPORTED)
    scheduled = make_post(slug="later", published_at=NOW + timedelta(days=1))
    remember("/2019/06/later/", scheduled, Reason.IMPORTED)
    make_post(slug="dropped").delete()
    out = io.StringIO()
    call_command(
        "redirects", "--format=nginx", "--base-url=https://n.example", stdout=out
    )
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("#")]
    assert '"/2019/05/kept" "https://n.example/en/posts/kept/";' in lines
    assert '"/2019/05/kept/" "https://n.example/en/posts/kept/";' in lines
    assert '"/?p=9" "https://n.example/en/posts/kept/";' in lines
    assert '"/en/posts/dropped" "gone";' in lines
    assert not any("later" in line for line in lines)
    out = io.StringIO()
    call_command("redirects", "--format=csv", stdout=out)
    assert "/en/posts/dropped,,410" in out.getvalue().splitlines()


def test_an_unknown_address_with_odd_bytes_stays_a_plain_404(client, now):
    for address in ("/old%00page/", "/?p=%00", "/" + "a" * 3000, "/%ff%fe/"):
        assert client.get(address).status_code in (404, 302), address
