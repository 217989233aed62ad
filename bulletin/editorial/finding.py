"""Finding posts in the back office: the all-posts list's filters, order and links.

Every choice lives in the address (`?topic=harbour&date_from=2024-01-01&sort=-updated`),
so a list can be bookmarked, shared and paged without losing what was asked. Words
are found in titles and bodies by the search app, among the posts the other filters
leave; dates are whole days on the site's clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletin.accounts.profiles import display_name
from bulletin.accounts.roles import EDIT_ANY, Role
from bulletin.editorial.dateranges import local_day_start, narrowed_to_range
from bulletin.editorial.widgets import QuickSelect
from bulletin.posts import clock
from bulletin.posts.models import Kind, Post, Status, Topic
from bulletin.posts.paging import Order
from bulletin.search.query import parse as parse_query
from bulletin.search.searching import Filters, search_all

SCHEDULED = "scheduled"
# Sortable columns: the address's name and the fields they order by. The id breaks
# ties, so a page never shows a post twice or skips one.
COLUMNS = {
    "title": ("title",),
    "kind": ("kind",),
    "status": ("status",),
    "author": ("author__first_name", "author__last_name", "author__username"),
    "updated": ("updated_at",),
    "published": ("published_at",),
}
# The lookup true of a row that has no value in the column.
EMPTY = {"author": "author__isnull", "published": "published_at__isnull"}
# Dates read newest first on a first click, words from A.
NEWEST_FIRST = {"updated", "published"}
DEFAULT_SORT = "-updated"
# Older addresses named the fields themselves.
SORT_ALIASES = {"updated_at": "updated", "published_at": "published"}
# Form field → the post's field it filters (one topic: one join row per post).
FIELD_FILTERS = {
    "kind": "kind",
    "language": "language",
    "topic": "topics",
    "author": "author",
}
FILTER_NAMES = (
    "q",
    "status",
    "kind",
    "language",
    "topic",
    "author",
    "dates",
    "date_from",
    "date_to",
)


def _sort_choices() -> list[tuple[str, str]]:
    names = [*COLUMNS, *SORT_ALIASES]
    return [(f"{sign}{name}", name) for name in names for sign in ("", "-")]


def people():
    """Everyone who holds a role (posts are found by their author)."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=Role.values) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return display_name(user)


class FindForm(forms.Form):
    """The filters, read from the address; unknown values are form errors (400)."""

    q = forms.CharField(
        label=gettext_lazy("Words in the title or text"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, widget=QuickSelect
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, widget=QuickSelect
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), required=False, widget=QuickSelect
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        widget=QuickSelect,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any"),
    )
    author = PersonChoice(
        label=gettext_lazy("Author"),
        widget=QuickSelect,
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Anyone"),
    )
    dates = forms.ChoiceField(
        label=gettext_lazy("Dates are"),
        widget=QuickSelect,
        required=False,
        choices=[
            ("published", gettext_lazy("publication time")),
            ("updated", gettext_lazy("last change")),
        ],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To (that day included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sort = forms.ChoiceField(required=False, choices=_sort_choices)

    def __init__(self, data, user) -> None:
        super().__init__(data)
        self.user = user
        any_ = [("", _("Any"))]
        self.fields["status"].choices = [
            *any_,
            *Status.choices,
            (SCHEDULED, _("Scheduled")),
        ]
        self.fields["kind"].choices = [*any_, *Kind.choices]
        self.fields["language"].choices = [*any_, *settings.LANGUAGES]
        if user.has_perm(EDIT_ANY):
            self.fields["author"].queryset = people()
        else:
            del self.fields["author"]  # they see their own posts only
        zone = timezone.get_current_timezone_name()
        self.fields["date_to"].help_text = _(
            "Whole days on the site's clock (time zone: %(zone)s)."
        ) % {"zone": zone}

    def clean_sort(self) -> str:
        sort = self.cleaned_data["sort"] or DEFAULT_SORT
        sign, name = ("-", sort[1:]) if sort.startswith("-") else ("", sort)
        return sign + SORT_ALIASES.get(name, name)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The last day comes before the first. Swap them?")
            )
        if not self.data.get("sort"):
            data["sort"] = default_sort(data)
        return data


def default_sort(values: Mapping) -> str:
    """The order of a list whose address names none (form data or the address's values).

    The newest change first; a range of days reads newest first along the dates it
    is about (a list of last spring's posts by publication time), which is also the
    range's own index.
    """
    if values.get("date_from") or values.get("date_to"):
        return "-updated" if values.get("dates") == "updated" else "-published"
    return DEFAULT_SORT


@dataclass
class Found:
    """The posts a valid form asks for, in order, and how many words matched."""

    posts: QuerySet[Post]
    order: Order
    more_than: int | None  # the search stopped counting here


def find(form: FindForm, posts: QuerySet[Post]) -> Found:
    """Apply a valid form's filters and order to `posts` (those the person may see)."""
    data = form.cleaned_data
    status = data.get("status")
    if status == SCHEDULED:
        posts = posts.scheduled(clock.now())
    elif status:
        posts = posts.filter(status=status)
    for name, lookup in FIELD_FILTERS.items():
        if data.get(name):
            posts = posts.filter(**{lookup: data[name]})
    field = "updated_at" if data.get("dates") == "updated" else "published_at"
    # The first and last days of the calendar bound nothing (and their midnights
    # could not be moved to UTC).
    start, end = data.get("date_from"), data.get("date_to")
    bounded = False
    if start and start > date.min:
        posts = posts.filter(**{f"{field}__gte": local_day_start(start)})
        bounded = True
    if end and end < date.max:
        posts = posts.filter(
            **{f"{field}__lt": local_day_start(end + timedelta(days=1))}
        )
        bounded = True
    order = ordering(data["sort"])
    if bounded and order.fields != (field,):
        posts, order = narrowed_to_range(posts, order, field, start, end)
    more_than = None
    if data.get("q"):
        # Titles and bodies, among the posts the filters leave.
        matches = search_all(parse_query(data["q"]), Filters(), posts)
        posts = posts.filter(pk__in=matches.ids)
        more_than = len(matches.ids) if matches.more else None
    return Found(posts, order, more_than)


def ordering(sort: str) -> Order:
    """The order for a sort key, the id last. Columns that can be empty (a draft's
    publication time, a deleted author) put the empty rows last either way; the
    paginator reads them as a second run, so each run follows one index."""
    name = sort.lstrip("-")
    return Order(
        name=sort,
        fields=COLUMNS[name],
        descending=sort.startswith("-"),
        empty=EMPTY.get(name),
    )


class Links:
    """Addresses of the list with one thing changed, everything else kept."""

    def __init__(self, form: FindForm) -> None:
        self.form = form
        data = form.cleaned_data if form.is_valid() else {}
        self.values: dict[str, str] = {}
        for name in FILTER_NAMES:
            if name in form.fields and data.get(name):
                self.values[name] = form[name].value() or ""
        if data.get("date_from") or data.get("date_to"):
            self.values.setdefault("dates", "published")
        self.sort = data.get("sort", DEFAULT_SORT)

    def url(self, *, drop: tuple[str, ...] = (), **changes) -> str:
        values = {k: v for k, v in self.values.items() if k not in drop}
        # The order is named unless the address would have it anyway: a page of a
        # date range sorted by last change keeps its order on Next.
        if self.sort != default_sort(values):
            values["sort"] = self.sort
        values.update({k: v for k, v in changes.items() if v is not None})
        return "?" + urlencode(values) if values else "?"

    @property
    def keeps_sort(self) -> bool:
        """Whether the filter form carries the order (as a hidden field)."""
        return self.sort != DEFAULT_SORT or self.sort != default_sort(self.values)

    def page(self, number: int) -> str:
        return self.url(page=str(number))

    def clear(self) -> str:
        """No filters; the order kept."""
        return self.url(drop=FILTER_NAMES)

    def columns(self) -> list[dict]:
        """Each sortable column's header: its link and, when sorted, aria-sort."""
        names = {
            "title": _("Title"),
            "kind": _("Kind"),
            "status": _("Status"),
            "author": _("Author"),
            "updated": _("Last change"),
            "published": _("Published"),
        }
        current = self.sort.lstrip("-")
        descending = self.sort.startswith("-")
        headers = []
        for name, label in names.items():
            if name == current:
                aria = "descending" if descending else "ascending"
                following = name if descending else f"-{name}"
            else:
                aria = None
                following = f"-{name}" if name in NEWEST_FIRST else name
            values = dict(self.values)
            if following != default_sort(values):
                values["sort"] = following
            headers.append(
                {
                    "name": name,
                    "label": label,
                    "aria_sort": aria,
                    "url": "?" + urlencode(values) if values else "?",
                }
            )
        return headers

    def active(self) -> list[dict]:
        """The filters in force in words, each with the address that drops it."""
        form, data = self.form, self.form.cleaned_data
        shown = []
        for name in ("q", "status", "kind", "language", "topic", "author"):
            if name not in self.values:
                continue
            field = form.fields[name]
            if name == "q":
                value = f"“{data['q']}”"
            elif name in ("topic", "author"):
                value = field.label_from_instance(data[name])
            else:
                value = dict(field.choices).get(data[name], data[name])
            shown.append(
                {"label": field.label, "value": value, "url": self.url(drop=(name,))}
            )
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            which = dict(form.fields["dates"].choices)[self.values["dates"]]
            shown.append(
                {
                    "label": form.fields["dates"].label,
                    "value": _dates_in_words(which, start, end),
                    "url": self.url(drop=("dates", "date_from", "date_to")),
                }
            )
        return shown


def _dates_in_words(which: str, start: date | None, end: date | None) -> str:
    def day(value: date) -> str:
        return formats.date_format(value, "DATE_FORMAT")

    if start and end:
        return _("%(which)s from %(start)s to %(end)s") % {
            "which": which,
            "start": day(start),
            "end": day(end),
        }
    if start:
        return _("%(which)s on or after %(start)s") % {
            "which": which,
            "start": day(start),
        }
    return _("%(which)s on or before %(end)s") % {"which": which, "end": day(end)}
