"""The back office's post pages: dashboard, writing, editing, workflow steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import (
    can_edit,
    can_publish,
    posts_visible_to,
    role_of,
)
from bulletin.editorial import (
    autosave,
    kinds,
    presence,
    revisions,
    rows,
    services,
    steps,
)
from bulletin.editorial.checks import images_without_alt
from bulletin.editorial.forms import PostForm
from bulletin.editorial.models import Action, HistoryEntry, Revision, RevisionState
from bulletin.editorial.translating import original_of, public_path
from bulletin.editorial.views.common import refused
from bulletin.i18n.translations import translation_status
from bulletin.posts import clock
from bulletin.posts.models import Post, Status

RECENT = 10


def _scope(user):
    return (
        posts_visible_to(user).select_related("author").order_by("-updated_at", "-id")
    )


def _with_last_step(posts):
    """Each post's newest history step and its comment, in the same query, so a draft
    sent back shows the editor's words on the author's dashboard."""
    newest = HistoryEntry.objects.filter(post=OuterRef("pk")).order_by("-at", "-id")
    return posts.annotate(
        last_action=Subquery(newest.values("action")[:1]),
        last_comment=Subquery(newest.values("comment")[:1]),
    )


def _with_prepared_change():
    """Ids of posts whose newest revision is a prepared (pending) change.

    Read from the few pending revisions through their own index, not by asking every
    post for its newest revision (a walk of the whole table at a million posts).
    """
    later = Revision.objects.filter(
        post=OuterRef("post"), number__gt=OuterRef("number")
    )
    return (
        Revision.objects.filter(state=RevisionState.PENDING)
        .filter(~Exists(later))
        .values("post")
    )


@staff_view
def dashboard(request: HttpRequest) -> HttpResponse:
    user, now = request.user, clock.now()
    posts = _scope(user)
    publisher = can_publish(user)
    sections = [
        (
            "drafts",
            _("My drafts"),
            _with_last_step(posts.filter(author=user, status=Status.DRAFT)),
        ),
        (
            "review",
            _("Waiting for my review") if publisher else _("Waiting for review"),
            posts.filter(status=Status.IN_REVIEW),
        ),
        (
            "changes",
            _("Prepared changes to published posts"),
            posts.filter(pk__in=_with_prepared_change()),
        ),
        (
            "scheduled",
            _("Scheduled"),
            posts.scheduled(now).order_by("published_at"),
        ),
        (
            "published",
            _("Recently published"),
            posts.public(now).order_by("-published_at", "-id"),
        ),
    ]
    # Each section's rows read only the columns shown (the slug for "View live").
    shown = [
        {
            "id": key,
            "heading": heading,
            "posts": rows.dashboard_rows(
                query.only(*rows.ROW_FIELDS, "slug")[:RECENT], now, key
            ),
        }
        for key, heading, query in sections
    ]
    return render(
        request,
        "editorial/dashboard.html",
        {
            "sections": shown,
            "sent_back": sum(
                1 for p in shown[0]["posts"] if p["last_action"] == Action.SENT_BACK
            ),
            "role": role_of(user),
            "can_publish": publisher,
            "now": now,
            "section": "dashboard",
        },
    )


@staff_view
def post_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("posts.add_post"):
        raise PermissionDenied
    kept = autosave.pending(request.user, None)
    if request.method == "POST":
        form = PostForm(request.POST, initial={"version": 0})
        if _switching_kind(request):
            form = _restored(form)
    elif kept and request.GET.get("restore"):
        form = _restored(PostForm(autosave.as_form_data(kept), initial={"version": 0}))
    else:
        form = PostForm(initial={"version": 0, "kind": kinds.opening_kind(request)})
    if request.method == "POST" and not _switching_kind(request) and form.is_valid():
        try:
            post = services.create_post(request.user, form.snapshot())
        except services.WorkflowError as error:
            return refused(request, error)
        autosave.forget(request.user, None)
        messages.success(request, _("Draft saved."))
        return redirect("editorial:post", pk=post.pk)
    return render(
        request,
        "editorial/post_form.html",
        {
            "form": form,
            "creating": True,
            "section": "new",
            "kept": kept if request.method == "GET" else None,
            "restored": bool(
                request.method == "GET" and kept and request.GET.get("restore")
            ),
        },
    )


def _switching_kind(request: HttpRequest) -> bool:
    """The form was sent to show another kind's fields (without JavaScript), not
    to be saved: it comes back holding everything typed, nothing judged."""
    return request.method == "POST" and "show_kind" in request.POST


def _restored(form: PostForm) -> PostForm:
    """A form holding what was kept, shown as typed: not judged until it is saved."""
    form._errors = ErrorDict()
    return form


@staff_view
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    return render(
        request,
        "editorial/post_detail.html",
        {
            "post": post,
            "steps": steps.available(request.user, post),
            "can_edit": can_edit(request.user, post),
            "pending": revisions.pending_change(post),
            "missing_alt": images_without_alt(post.body),
            "history": post.history.select_related("actor")[:50],
            "preview_links": post.preview_links.select_related("created_by")[:20],
            "public_url": public_path(post),
            "now": clock.now(),
        },
    )


def _edit_form(
    post: Post, data=None, values: dict | None = None, **initial
) -> PostForm:
    """A form on the post as it stands, or as `values` (a snapshot) say."""
    instance = Post.objects.get(pk=post.pk)
    if values is not None:
        topic_ids = revisions.apply(instance, values)
        initial["topics"] = topic_ids
    return PostForm(data, instance=instance, initial=initial)


@staff_view
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    if not can_edit(request.user, post):
        raise PermissionDenied(_("You may not edit this post."))
    if _switching_kind(request):
        form, kept = _restored(_edit_form(post, request.POST)), None
    elif request.method == "POST":
        form = _edit_form(post, request.POST)
        if form.is_valid():
            publish_now = request.POST.get("save") == "publish"
            try:
                services.save_post(
                    post,
                    request.user,
                    form.snapshot(),
                    version=form.cleaned_data["version"] or 0,
                    base_revision=form.cleaned_data["base_revision"],
                    publish_now=publish_now,
                    change_note=request.POST.get("change_note", "").strip()[:500],
                )
            except services.EditConflict as conflict:
                return _conflict(request, post, conflict)
            except services.WorkflowError as error:
                return refused(request, error, post)
            if post.is_public() and not publish_now:
                messages.success(
                    request,
                    _("Change prepared. The public still sees the published text."),
                )
            else:
                messages.success(request, _("Saved."))
            autosave.forget(request.user, post)
            return redirect("editorial:post", pk=post.pk)
        kept = None
    else:
        newest = services.ensure_baseline(post)
        kept = autosave.pending(request.user, post)
        if kept and request.GET.get("restore"):
            form = _restored(_edit_form(post, autosave.as_form_data(kept)))
        else:
            pending = revisions.pending_change(post)
            form = _edit_form(
                post,
                values=pending.data if pending else None,
                version=post.version,
                base_revision=newest.number,
            )
        presence.touch(post, request.user)
    return render(
        request,
        "editorial/post_form.html",
        _edit_context(
            request,
            post,
            form,
            kept=kept,
            restored=bool(
                request.method == "GET" and kept and request.GET.get("restore")
            ),
        ),
    )


def _edit_context(request: HttpRequest, post: Post, form: PostForm, **extra) -> dict:
    return {
        "form": form,
        "post": post,
        "original": original_of(post),
        "others": presence.others(post, request.user),
        "is_public": post.is_public(),
        "pending": revisions.pending_change(post),
        "can_publish": can_publish(request.user),
        **extra,
    }


def _conflict(
    request: HttpRequest, post: Post, conflict: services.EditConflict
) -> HttpResponse:
    """The second saver's page: what changed meanwhile, and a form holding the merge."""
    current = Post.objects.get(pk=post.pk)
    form = _edit_form(
        current,
        values=conflict.merged,
        version=current.version,
        base_revision=conflict.latest_revision,
    )
    context = _edit_context(
        request,
        current,
        form,
        conflict=conflict,
        their_changes=revisions.diff(conflict.base or conflict.mine, conflict.theirs),
        clashes=[
            change
            for change in revisions.diff(conflict.theirs, conflict.mine)
            if change.name in conflict.conflicts
        ],
    )
    return render(request, "editorial/post_form.html", context, status=409)


@staff_view
@require_http_methods(["POST"])
def presence_ping(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    presence.touch(post, request.user)
    return render(
        request,
        "editorial/_presence.html",
        {"others": presence.others(post, request.user)},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def post_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    post = visible_post(request, pk)
    chosen = steps.STEPS.get(step)
    if chosen is None:
        raise Http404("No such step")
    if request.method == "GET" and chosen not in steps.available(request.user, post):
        # A POST still reaches the service, which gives the reason it is refused.
        raise PermissionDenied(_("This step is not open to you on this post now."))
    form = chosen.form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            steps.run(chosen, post, request.user, form.cleaned_data)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            status = error.status
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": chosen.label})
            return redirect("editorial:post", pk=post.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "editorial/post_step.html",
        {
            "post": post,
            "step": chosen,
            "form": form,
            "check": _publish_check(post) if chosen.slug == "publish" else None,
        },
        status=status,
    )


def _publish_check(post: Post) -> dict:
    """What the editor confirms before publishing (GOV.UK's "check your answers")."""
    return {
        "topics": list(post.topics.all()),
        "documents": list(post.attachments.all()),
        "languages": translation_status(post),
        "missing_alt": len(images_without_alt(post.body)),
    }
