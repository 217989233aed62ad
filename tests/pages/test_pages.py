"""The organisation's pages: started from a template, written and published through
the back office's own workflow, linked from the footer, kept out of the posts."""

from __future__ import annotations

from datetime import date, timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.editorial.models import Revision
from bulletin.pages.footer import footer_links
from bulletin.pages.models import Page, Role
from bulletin.posts.models import Kind, Post, Status

pytestmark = pytest.mark.django_db


def start(client, role: str, **extra) -> Post:
    response = client.post(reverse("pages_manage:start"), {"role": role, **extra})
    assert response.status_code == 302
    return Post.objects.filter(kind=Kind.PAGE).latest("id")


def publish(client, post: Post) -> None:
    url = reverse("editorial:post_step", kwargs={"pk": post.pk, "step": "publish"})
    response = client.post(url, {"published_at": "", "comment": ""})
    assert response.status_code in (302, 303), response.content[:500]
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED


def test_the_accessibility_statement_starts_from_a_template_as_a_draft(editor_client):
    post = start(editor_client, Role.ACCESSIBILITY)
    assert post.status == Status.DRAFT
    assert post.title == "Accessibility statement"
    assert "WCAG" in post.body and "EN 301 549" in post.body
    assert "Enforcement" in post.body
    # The same revisions as posts: the first one is there.
    assert Revision.objects.filter(post=post).count() == 1
    page = Page.objects.get(translation_group=post.translation_group)
    assert page.role == Role.ACCESSIBILITY
    # A second statement cannot be started.
    editor_client.post(reverse("pages_manage:start"), {"role": Role.ACCESSIBILITY})
    assert Page.objects.filter(role=Role.ACCESSIBILITY).count() == 1


def test_a_published_page_is_in_the_footer_with_its_review_date(editor_client, client):
    post = start(editor_client, Role.ACCESSIBILITY)
    home = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert not home.select(".footer-pages a")  # a draft is not linked
    publish(editor_client, post)
    page = Page.objects.get(translation_group=post.translation_group)
    response = editor_client.post(
        reverse("pages_manage:settings", kwargs={"pk": page.pk}),
        {
            f"page-{page.pk}-position": "10",
            f"page-{page.pk}-in_footer": "on",
            f"page-{page.pk}-reviewed_on": "2026-05-04",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.reviewed_on == date(2026, 5, 4)
    home = BeautifulSoup(client.get("/en/").content, "html.parser")
    links = home.select(".site-footer .footer-pages a")
    assert [a.get_text() for a in links] == ["Accessibility statement"]
    statement = client.get(links[0]["href"])
    assert statement.status_code == 200
    text = BeautifulSoup(statement.content, "html.parser").select_one("main").text
    assert "last reviewed on 4 May 2026" in text


def test_pages_stay_out_of_lists_feeds_search_and_the_api(editor_client, client):
    post = start(editor_client, Role.OTHER, title="About the council")
    publish(editor_client, post)
    listed = BeautifulSoup(client.get("/en/").content, "html.parser").select("main")
    assert post.title not in listed[0].text
    feed = feedparser.parse(client.get("/en/feed.atom").content)
    assert post.title not in [entry.title for entry in feed.entries]
    api = client.get("/api/v1/posts").json()
    items = api.get("items", api.get("results", []))
    assert post.slug not in str(items)
    assert client.get(f"/en/posts/{post.slug}/").status_code == 404
    assert (
        client.get(reverse("pages:page", kwargs={"slug": post.slug})).status_code == 200
    )


def test_a_translated_page_is_linked_from_its_languages_footer(editor_client, client):
    post = start(editor_client, Role.CONTACT)
    publish(editor_client, post)
    french = Post.objects.create(
        kind=Kind.PAGE,
        title="Contact",
        slug="contact",
        body="<p>Écrivez-nous.</p>",
        language="fr",
        translation_group=post.translation_group,
        status=Status.PUBLISHED,
        published_at=post.published_at,
    )
    page = BeautifulSoup(client.get("/fr/").content, "html.parser")
    hrefs = [a["href"] for a in page.select(".footer-pages a")]
    assert hrefs == [f"/fr/pages/{french.slug}/"]


def test_a_page_cannot_be_turned_into_a_post_in_the_editor(editor_client):
    post = start(editor_client, Role.PRIVACY)
    form = BeautifulSoup(
        editor_client.get(
            reverse("editorial:post_edit", kwargs={"pk": post.pk})
        ).content,
        "html.parser",
    )
    # No choice of kind is offered: the page's kind travels hidden, and only "page".
    assert form.select("input[type=radio][name=kind]") == []
    assert [i["value"] for i in form.select("input[name=kind]")] == ["page"]
    new = BeautifulSoup(
        editor_client.get(reverse("editorial:post_create")).content, "html.parser"
    )
    offered = [i["value"] for i in new.select("input[type=radio][name=kind]")]
    assert offered == ["news", "notice", "event"]


def test_authors_do_not_manage_pages(author_client):
    assert author_client.get(reverse("pages_manage:list")).status_code == 403
    response = author_client.post(reverse("pages_manage:start"), {"role": "contact"})
    assert response.status_code == 403


def test_a_page_scheduled_for_later_joins_the_footer_at_its_time(
    editor_client, client, now, time_machine
):
    post = start(editor_client, Role.OTHER, title="Opening hours")
    page = Page.objects.get(translation_group=post.translation_group)
    page.in_footer = True
    page.save()
    post.status = Status.PUBLISHED
    post.published_at = now + timedelta(minutes=10)
    post.save()

    def footer() -> list[str]:
        home = BeautifulSoup(client.get("/en/").content, "html.parser")
        return [a.get_text() for a in home.select(".site-footer .footer-pages a")]

    assert footer() == []
    # Well within the hour the frame's fragments are kept for.
    time_machine.move_to(now + timedelta(minutes=20), tick=False)
    assert footer() == ["Opening hours"]


def test_the_footer_lists_public_pages_in_order_of_position_in_two_queries(
    make_post, now, django_assert_max_num_queries
):
    def page(title: str, position: int, in_footer: bool = True, **fields) -> Post:
        post = make_post(kind=Kind.PAGE, title=title, **fields)
        Page.objects.create(
            translation_group=post.translation_group,
            position=position,
            in_footer=in_footer,
        )
        return post

    page("Contact", 20)
    page("About", 10)
    page("Privacy", 20)  # same position: the older first
    page("Hidden", 5, in_footer=False)
    page("Draft", 1, status=Status.DRAFT)
    page("Later", 1, published_at=now + timedelta(hours=1))
    page("Accueil", 1, language="fr")
    with django_assert_max_num_queries(2):
        links = footer_links("en", "a-state")
    assert [link["title"] for link in links] == ["About", "Contact", "Privacy"]
    assert links[0]["url"] == reverse("pages:page", kwargs={"slug": "about"})
