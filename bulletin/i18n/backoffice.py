"""Staff pages under /manage/translations/: what each post's translations are, which
are missing or out of date, and starting one from the original."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import can_edit, posts_visible_to
from bulletin.i18n.models import TRANSLATED_FIELDS, TranslationSource
from bulletin.i18n.templatetags.bulletin_i18n import bcp47
from bulletin.i18n.translations import (
    State,
    TranslationError,
    group_status,
    language_order,
    mark_current,
    start_translation,
    translation_status,
)
from bulletin.posts.models import Post
from bulletin.posts.paging import (
    BAD_POSITION,
    LAST,
    BadPosition,
    CappedPaginator,
    Order,
    PageBeyondNumbers,
    PastTheEnd,
    beyond_numbers,
)

PAGE_SIZE = 50
# Originals, newest first (the creation-time index, read at any depth).
NEWEST_FIRST = Order("-created", ("created_at",), descending=True)
# Where the back office edits a post; the first name that exists wins.
# What a group member's state is worked out from (its source record comes along).
MEMBER_FIELDS = (
    "pk",
    "language",
    "translation_group",
    "created_at",
    *TRANSLATED_FIELDS,
    "translation_source",
)
EDIT_VIEWS = ("editorial:post_edit", "editorial:edit", "admin:posts_post_change")


def private(view: Callable) -> Callable:
    """People with an editorial role only, and never stored by any cache."""

    @staff_view
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapped


def edit_url(post: Post) -> str:
    for name in EDIT_VIEWS:
        try:
            return reverse(name, args=[post.pk])
        except NoReverseMatch:
            continue
    return reverse("i18n:post", args=[post.pk])


@private
def index(request: HttpRequest) -> HttpResponse:
    """Originals, newest first, each with its translations' status in every language."""
    # The same posts the back office shows this person: editors all, authors their own.
    # NOT EXISTS, not the ORM's LEFT JOIN … IS NULL: PostgreSQL then walks the
    # creation-time index and stops at the page, instead of sorting every post.
    has_source = TranslationSource.objects.filter(post=OuterRef("pk"))
    originals = posts_visible_to(request.user).filter(~Exists(has_source))
    language = request.GET.get("language", "")
    if language:
        if language not in dict(settings.LANGUAGES):
            raise BadRequest("Unknown language")
        originals = originals.filter(language=language)
    kept = {"language": language} if language else {}

    def address(**changes) -> str:
        return "?" + urlencode({**kept, **changes})

    # A row shows the original's title and reads its group: no other column.
    paginator = CappedPaginator(
        originals.only("pk", "title", "language", "translation_group"),
        PAGE_SIZE,
        NEWEST_FIRST,
    )
    try:
        page = paginator.page_asked(request.GET)
    except PastTheEnd as end:
        return redirect(reverse("i18n:index") + address(page=end.last))
    except BadPosition as error:
        raise BadRequest(str(BAD_POSITION)) from error
    except PageBeyondNumbers as error:
        raise Http404(beyond_numbers(paginator)) from error
    return render(
        request,
        "i18n/manage/index.html",
        {
            "page": page,
            "rows": overview_rows(request.user, page),
            "languages": [
                {"code": code, "name": name, "lang": bcp47(code)}
                for code, name in settings.LANGUAGES
            ],
            "language": language,
            "previous_url": address(**page.previous_query),
            "next_url": address(**page.next_query),
            "first_url": address() if page.has_previous() else "",
            "last_url": address(page=LAST) if page.has_next() else "",
        },
    )


def _post_address() -> Callable[[int], str]:
    """`reverse("i18n:post", args=[pk])` for a page of pks, the pattern reversed once."""
    slot = "987654321987654321"
    before, _slot, after = reverse("i18n:post", args=[slot]).rpartition(slot)
    return lambda pk: f"{before}{pk}{after}"


def overview_rows(user, originals: Iterable[Post]) -> list[dict]:
    """The overview's rows as plain values: each original's address, title and
    language, and per offered language the state and its label.

    The labels are translated once per page and the language tags worked out once,
    not once per cell (a page is 50 rows of 7 cells). The group members are read in
    one query, with only the fields their states are worked out from.
    """
    originals = list(originals)
    groups = defaultdict(list)
    members = (
        posts_visible_to(user)
        .filter(translation_group__in=[post.translation_group for post in originals])
        .select_related("translation_source")
        .only(*MEMBER_FIELDS)
    )
    for member in members:
        groups[member.translation_group].append(member)
    labels = {
        State.ORIGINAL: _("Original"),
        State.CURRENT: _("Up to date"),
        State.OUTDATED: _("Out of date"),
        State.UNTRACKED: _("Translated"),
    }
    missing = _("Missing")
    url = _post_address()
    tags = {code: bcp47(code) for code, _name in settings.LANGUAGES}
    rows = []
    for post in originals:
        statuses = group_status(
            sorted(
                groups[post.translation_group], key=lambda p: language_order(p.language)
            )
        )
        rows.append(
            {
                "url": url(post.pk),
                "title": post.title,
                "lang": tags.get(post.language) or bcp47(post.language),
                "cells": [
                    {
                        "state": status.state,
                        "language": status.language,
                        "label": labels.get(status.state, missing),
                        "strong": status.state == State.OUTDATED,
                    }
                    for status in statuses
                ],
            }
        )
    return rows


@private
def post_status(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    return render(
        request,
        "i18n/manage/post.html",
        {"post": post, "rows": translation_status(post), "edit_url": edit_url(post)},
    )


@private
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("posts.add_post"):
        raise PermissionDenied
    source = visible_post(request, pk)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        raise BadRequest("Unknown language")
    try:
        draft = start_translation(source, language, request.user)
    except TranslationError:
        messages.error(
            request, _("This post already has a translation in that language.")
        )
        return redirect("i18n:post", pk=source.pk)
    messages.success(
        request, _("Translation started as a draft. Replace the copied text.")
    )
    return redirect(edit_url(draft))


@private
@require_POST
def mark_up_to_date(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    if not can_edit(request.user, post):
        raise PermissionDenied
    try:
        mark_current(post)
    except TranslationError as error:
        raise BadRequest(str(error)) from error
    messages.success(
        request, _("The translation is marked as up to date with its original.")
    )
    return redirect("i18n:post", pk=post.pk)
