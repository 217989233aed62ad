"""The all-posts list and its bulk actions: find, sort, page, then act on a selection.

The filters are `finding`'s, the actions `bulk`'s (which calls the single-post
services); these views only read the request and show the result.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import posts_visible_to
from bulletin.editorial import bulk, rows
from bulletin.editorial.finding import DEFAULT_SORT, FindForm, Links, find, ordering
from bulletin.posts import clock
from bulletin.posts.paging import (
    BAD_POSITION,
    LAST,
    BadPosition,
    CappedPaginator,
    PageBeyondNumbers,
    PastTheEnd,
    beyond_numbers,
)

PAGE_SIZE = 50
REPORT_KEY = "bulk-report"


def _scope(user):
    return posts_visible_to(user).select_related("author")


@staff_view
@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    """Every post this person may see, filtered, sorted and paged by the address."""
    form = FindForm(request.GET, request.user)
    valid = form.is_valid()
    links = Links(form)
    if valid:
        found = find(form, _scope(request.user))
        posts, order, more_than = found.posts, found.order, found.more_than
    else:
        posts, order, more_than = (
            _scope(request.user).none(),
            ordering(DEFAULT_SORT),
            None,
        )
    # A million posts: no count past 10,000, numbered pages within them, and past
    # them Next and Previous continue from a row, so any depth costs one page.
    # The page's rows read only the columns the list shows (never a body).
    paginator = CappedPaginator(posts.only(*rows.ROW_FIELDS), PAGE_SIZE, order)
    status = 200 if valid else 400
    try:
        page = paginator.page_asked(request.GET)
    except PastTheEnd as end:
        return redirect(reverse("editorial:posts") + links.url(page=end.last))
    except BadPosition:
        page, status = paginator.get_page(1), 400
        form.add_error(None, str(BAD_POSITION))
    except PageBeyondNumbers:
        page, status = paginator.get_page(1), 404
        form.add_error(None, beyond_numbers(paginator))
    return render(
        request,
        "editorial/post_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows.list_rows(page.object_list, clock.now()),
            "more_than": more_than,
            "links": links,
            "columns": links.columns(),
            "active": links.active() if valid else [],
            "back": links.url(**page.query),
            "previous_url": links.url(**page.previous_query)
            if page.has_previous()
            else "",
            "next_url": links.url(**page.next_query) if page.has_next() else "",
            "first_url": links.url() if page.has_previous() else "",
            "last_url": links.url(page=LAST) if page.has_next() else "",
            "zone": timezone.get_current_timezone_name(),
            "actions": bulk.offered(request.user),
            "section": "posts",
        },
        status=status,
    )


def _back(value: str) -> str:
    """The list's address to return to, rebuilt from its query (never another site)."""
    query = QueryDict(value.lstrip("?")[:2000]).urlencode()
    return reverse("editorial:posts") + (f"?{query}" if query else "")


def _ids(request: HttpRequest) -> list[int] | None:
    values = request.POST.getlist("post")
    # ASCII digits only: str.isdigit() also takes "²" (which int() refuses) and "١".
    if not all(
        value.isascii() and value.isdigit() and len(value) < 19 for value in values
    ):
        return None
    return [int(value) for value in values]


@staff_view
@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    """The confirmation page (what will happen to each post), then the action."""
    back = _back(request.POST.get("back", ""))
    ids = _ids(request)
    form = bulk.ConfirmForm(request.POST, user=request.user)
    problem = bulk.selection_problem(ids)
    if problem or "action" in form.errors:
        if problem:
            form.add_error(None, problem)
        return render(
            request,
            "editorial/bulk_confirm.html",
            {"form": form, "outcomes": [], "back": back},
            status=400,
        )
    action = form.cleaned_data["action"] if form.is_valid() else form.data["action"]
    posts, missing = bulk.chosen(request.user, ids, _scope(request.user))
    confirmed = "confirm" in request.POST
    if confirmed and form.is_valid():
        outcomes = bulk.run(
            action,
            request.user,
            posts,
            missing,
            note=form.cleaned_data.get("note", ""),
            topic=form.cleaned_data.get("topic"),
        )
        request.session[REPORT_KEY] = {
            "action": action,
            "outcomes": [outcome.as_dict() for outcome in outcomes],
            "back": back,
        }
        return redirect("editorial:bulk_report")
    topic = form.cleaned_data.get("topic") if form.is_valid() else None
    outcomes = bulk.plan(action, request.user, posts, missing, topic)
    if not confirmed:
        form = bulk.ConfirmForm(
            initial={"action": action}, user=request.user, action=action
        )
    return render(
        request,
        "editorial/bulk_confirm.html",
        {
            "form": form,
            "action": action,
            "outcomes": outcomes,
            "doing": [o for o in outcomes if o.done],
            "skipping": [o for o in outcomes if not o.done],
            "button": bulk.button(action, sum(o.done for o in outcomes)),
            "back": back,
            "now": clock.now(),
        },
        status=400 if confirmed else 200,
    )


@staff_view
@require_GET
def bulk_report(request: HttpRequest) -> HttpResponse:
    """What the last bulk action did to each post (kept for a reload)."""
    report = request.session.get(REPORT_KEY)
    if not report:
        return redirect("editorial:posts")
    outcomes = [bulk.Outcome(**row) for row in report["outcomes"]]
    still_there = set(
        _scope(request.user)
        .filter(pk__in=[o.post_id for o in outcomes])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "editorial/bulk_report.html",
        {
            "outcomes": outcomes,
            "done": [o for o in outcomes if o.done],
            "skipped": [o for o in outcomes if not o.done],
            "still_there": still_there,
            "back": report["back"],
        },
    )
