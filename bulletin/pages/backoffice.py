"""The back office's list of the organisation's pages: /manage/pages/.

Writing, revisions, review and publication are the editorial back office's own
(a page is a post of kind `page`); this list starts pages, orders the footer and
keeps the accessibility statement's review date.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import can_publish
from bulletin.editorial import services
from bulletin.pages.models import STATUTORY, Page, Role
from bulletin.pages.starters import starter
from bulletin.posts.models import Kind, Post


class PageSettingsForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["position", "in_footer", "reviewed_on"]
        widgets = {"reviewed_on": forms.DateInput(attrs={"type": "date"})}


class NewPageForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)


def _require_editor(request: HttpRequest) -> None:
    # Pages speak for the organisation: those who may publish posts manage them.
    if not can_publish(request.user):
        raise PermissionDenied("Editors and admins only")


@staff_view
def page_list(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    pages = list(Page.objects.all())
    posts = Post.objects.filter(
        kind=Kind.PAGE, translation_group__in=[p.translation_group for p in pages]
    ).order_by("language")
    by_group: dict = {}
    for post in posts:
        by_group.setdefault(post.translation_group, []).append(post)
    missing = [role for role in STATUTORY if role not in {p.role for p in pages}]
    rows = [
        {
            "page": page,
            "posts": by_group.get(page.translation_group, []),
            "form": PageSettingsForm(instance=page, prefix=f"page-{page.pk}"),
        }
        for page in pages
    ]
    return render(
        request,
        "pages/manage/list.html",
        {
            "rows": rows,
            "missing": [(role.value, role.label) for role in missing],
            "new_form": NewPageForm(),
            "section": "pages",
        },
    )


@require_POST
@staff_view
def page_start(request: HttpRequest) -> HttpResponse:
    """Start a page from its template, as a draft in the site's language."""
    _require_editor(request)
    role = request.POST.get("role", Role.OTHER)
    if role not in Role.values:
        role = Role.OTHER
    if role != Role.OTHER and Page.objects.filter(role=role).exists():
        messages.error(request, _("This page exists already."))
        return redirect("pages_manage:list")
    data = {**starter(role, settings.LANGUAGE_CODE), "kind": Kind.PAGE}
    if role == Role.OTHER:
        form = NewPageForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the new page a title."))
            return redirect("pages_manage:list")
        data["title"] = form.cleaned_data["title"]
    data["language"] = settings.LANGUAGE_CODE
    with transaction.atomic():
        post = services.create_post(request.user, data)
        position = (STATUTORY.index(role) + 1) * 10 if role in STATUTORY else 100
        Page.objects.create(
            translation_group=post.translation_group, role=role, position=position
        )
    messages.success(
        request, _("The page is started as a draft. Complete it, then publish it.")
    )
    return redirect("editorial:post_edit", pk=post.pk)


@require_POST
@staff_view
def page_settings(request: HttpRequest, pk: int) -> HttpResponse:
    _require_editor(request)
    page = get_object_or_404(Page, pk=pk)
    form = PageSettingsForm(request.POST, instance=page, prefix=f"page-{page.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, _("The page's settings are saved."))
    else:
        messages.error(request, _("The page's settings could not be saved."))
    return redirect("pages_manage:list")
