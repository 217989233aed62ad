"""/manage/translations/: staff only, never cached, and it starts translations."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from bulletin.i18n.translations import start_translation
from bulletin.posts.models import Post, Status
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_public_is_sent_to_log_in(client, make_post, now):
    post = make_post()
    for url in (reverse("i18n:index"), reverse("i18n:post", args=[post.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    response = client.post(reverse("i18n:start", args=[post.pk]), {"language": "fr"})
    assert response.status_code == 302
    assert Post.objects.count() == 1


def test_a_signed_in_person_without_an_editorial_role_is_refused(
    client, make_post, now
):
    user = get_user_model().objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(user)
    response = client.get(reverse("i18n:index"))
    assert response.status_code == 403


def author_client(client, username: str):
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name="Author"))
    client.force_login(user)
    return user


def test_an_author_sees_only_their_own_originals(client, make_post, now):
    author = author_client(client, "alice")
    mine = make_post(title="Mine", author=author)
    theirs = make_post(
        title="Someone else's draft", status=Status.DRAFT, published_at=None
    )
    page = client.get(reverse("i18n:index")).content.decode()
    assert "Mine" in page and "Someone else" not in page
    assert client.get(reverse("i18n:post", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("i18n:post", args=[mine.pk])).status_code == 200


def test_an_author_cannot_copy_or_mark_someone_elses_post(client, make_post, now):
    author_client(client, "alice")
    theirs = make_post(
        title="Someone else's draft", status=Status.DRAFT, published_at=None
    )
    response = client.post(reverse("i18n:start", args=[theirs.pk]), {"language": "fr"})
    assert response.status_code == 404
    assert Post.objects.count() == 1
    response = client.post(reverse("i18n:up_to_date", args=[theirs.pk]))
    assert response.status_code == 404


def test_pages_are_private_and_never_stored(staff_client, make_post, now):
    post = make_post()
    for url in (reverse("i18n:index"), reverse("i18n:post", args=[post.pk])):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_the_post_page_shows_each_language_state(staff_client, make_post, now):
    original = make_post(language="en")
    start_translation(original, "fr")
    original.body = "<p>Changed</p>"
    original.save()
    start_translation(original, "ko")
    soup = soup_of(staff_client.get(reverse("i18n:post", args=[original.pk])))
    rows = {
        tr["data-language"]: tr
        for tr in soup.select("table.translation-status tbody tr")
    }
    assert "translation-status__row--original" in rows["en"]["class"]
    assert "translation-status__row--outdated" in rows["fr"]["class"]
    assert "translation-status__row--current" in rows["ko"]["class"]
    assert "translation-status__row--missing" in rows["ar"]["class"]
    assert rows["ar"].select_one('form button[type="submit"]')
    assert rows["fr"].select_one("form")["action"] == reverse(
        "i18n:up_to_date", args=[Post.objects.get(language="fr").pk]
    )


def test_the_index_shows_originals_with_their_translations(
    staff_client, make_post, now
):
    original = make_post(language="en", title="Budget 2027")
    start_translation(original, "fr")
    soup = soup_of(staff_client.get(reverse("i18n:index")))
    rows = soup.select("table.translation-overview tbody tr")
    assert len(rows) == 1  # the translation is not listed as an original
    cells = {td["data-language"]: td for td in rows[0].select("td")}
    assert "translation-status__row--current" in cells["fr"]["class"]
    assert "translation-status__row--missing" in cells["ru"]["class"]


def test_the_index_filters_by_language_and_rejects_unknown_ones(
    staff_client, make_post, now
):
    make_post(language="en", title="English one")
    make_post(language="fr", title="Une française")
    soup = soup_of(staff_client.get(reverse("i18n:index"), {"language": "fr"}))
    assert [a.text for a in soup.select("table.translation-overview tbody th a")] == [
        "Une française"
    ]
    assert (
        staff_client.get(reverse("i18n:index"), {"language": "xx"}).status_code == 400
    )
    assert staff_client.get(reverse("i18n:index"), {"page": "zzz"}).status_code == 200


def test_starting_a_translation_creates_the_draft_and_opens_it(
    staff_client, make_post, now
):
    original = make_post(language="en")
    response = staff_client.post(
        reverse("i18n:start", args=[original.pk]), {"language": "ar"}
    )
    draft = Post.objects.get(language="ar")
    assert response.status_code == 302
    assert str(draft.pk) in response["Location"]
    assert draft.status == Status.DRAFT
    assert draft.translation_group == original.translation_group


def test_starting_twice_says_so_and_creates_nothing(staff_client, make_post, now):
    original = make_post(language="en")
    url = reverse("i18n:start", args=[original.pk])
    staff_client.post(url, {"language": "ar"})
    response = staff_client.post(url, {"language": "ar"}, follow=True)
    assert Post.objects.filter(language="ar").count() == 1
    assert "already has a translation" in soup_of(response).select_one(".messages").text


def test_bad_requests_get_4xx_not_500(staff_client, make_post, now):
    original = make_post(language="en")
    start = reverse("i18n:start", args=[original.pk])
    assert staff_client.post(start, {"language": "xx"}).status_code == 400
    assert staff_client.post(start, {}).status_code == 400
    assert staff_client.get(start).status_code == 405
    assert (
        staff_client.post(
            reverse("i18n:start", args=[999999]), {"language": "fr"}
        ).status_code
        == 404
    )
    # Marking an original (no recorded source) up to date is meaningless.
    assert (
        staff_client.post(reverse("i18n:up_to_date", args=[original.pk])).status_code
        == 400
    )


def test_marking_up_to_date_through_the_page(staff_client, make_post, now):
    original = make_post(language="en")
    draft = start_translation(original, "fr")
    original.title = "Changed"
    original.save()
    response = staff_client.post(reverse("i18n:up_to_date", args=[draft.pk]))
    assert response.status_code == 302
    soup = soup_of(staff_client.get(reverse("i18n:post", args=[original.pk])))
    row = soup.select_one('tr[data-language="fr"]')
    assert "translation-status__row--current" in row["class"]


def test_the_back_office_language_is_chosen_with_a_form_and_remembered(staff_client):
    soup = soup_of(staff_client.get(reverse("i18n:index")))
    form = soup.select_one("header form.language-switcher")
    assert form["action"] == reverse("set_language")
    assert form.select_one('input[name="next"]')["value"] == reverse("i18n:index")
    response = staff_client.post(
        reverse("set_language"), {"language": "ko", "next": reverse("i18n:index")}
    )
    assert response.status_code == 302
    soup = soup_of(staff_client.get(reverse("i18n:index")))
    assert soup.html["lang"] == "ko"
    assert soup.select_one("main h1").text == "번역"
