from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletin.editorial import kinds, revisions
from bulletin.editorial.editor_words import editor_words
from bulletin.posts.editor import body_form_field
from bulletin.posts.models import STREAM_KINDS, Kind, Post, Topic
from bulletin.posts.text import clean_text
from bulletin.posts.zones import DateTimeLocalInput, EventTimesForm


def _name_time_zone(form: forms.Form) -> None:
    """Say which clock the site's date-and-time fields read, after their own help.

    The event's start and end read the event's zone and say so themselves.
    """
    zone = timezone.get_current_timezone_name()
    for name, field in form.fields.items():
        if name in EventTimesForm.EVENT_TIMES:
            continue
        if isinstance(field.widget, DateTimeLocalInput):
            note = _("Time zone: %(zone)s.") % {"zone": zone}
            field.help_text = f"{field.help_text} {note}".strip()


# The back office's image button uploads to and picks from the media library
# (editorial/static/editorial/media-figure.js); it replaces the address-only dialog.
MEDIA_FIGURE = {
    "Figure": False,
    "MediaFigure": {
        "uploadUrl": reverse_lazy("editorial:image_upload"),
        "choicesUrl": reverse_lazy("editorial:image_choices"),
    },
}


class TopicsField(forms.ModelMultipleChoiceField):
    """Topics ticked by id; an id past the database's integer range is not one.

    Django asks the database about every id given, and SQLite (or PostgreSQL) fails
    on an integer wider than 64 bits instead of finding nothing.
    """

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if text.isascii() and text.isdigit() and int(text) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)


class PostForm(EventTimesForm):
    """The post as staff write it: the fields of its kind, in plain words.

    Fields another kind has stay in the page (hidden) while the writer changes
    their mind, are never judged, and are dropped when the post is saved as a kind
    without them (see `bulletin.editorial.kinds`).
    """

    body = body_form_field(extensions=MEDIA_FIGURE, label=_("Body"), required=False)
    topics = TopicsField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The post is listed under each topic ticked; readers filter and follow topics."
        ),
    )
    event_online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Where readers join online (a video call or a stream), shown on the page "
            "and in calendars."
        ),
    )
    # What the form was opened on; a save made since then is a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    base_revision = forms.IntegerField(
        widget=forms.HiddenInput, min_value=0, required=False
    )

    class Meta:
        model = Post
        fields = [
            "kind",
            "title",
            "slug",
            "summary",
            "body",
            "language",
            "topics",
            "pinned_until",
            "expires_at",
            "event_timezone",
            "event_start",
            "event_end",
            "event_location",
            "event_online_url",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "pinned_until": DateTimeLocalInput(),
            "expires_at": DateTimeLocalInput(),
        }
        labels = {
            name: label
            for name, label in kinds.LABELS.items()
            if name not in ("body", "topics", "event_start", "event_end")
        }
        help_texts = {
            "kind": _(
                "The form shows the fields of the kind chosen. A notice can be pinned "
                "on top of the list and taken off it at a set time; an event has a "
                "start, an end, a place or an online link, and is in the calendar."
            ),
            "title": _(
                "The heading of the page, and the post's name in lists and feeds."
            ),
            "slug": _(
                "The last part of the page's address, e.g. town-hall-closed. Left "
                "empty, it is made from the title; it stays the same when the title "
                "changes, so links to the page keep working."
            ),
            "summary": _(
                "One or two sentences shown under the title in lists, feeds and "
                "search results."
            ),
            "language": _(
                "The language the post is written in; it appears on the site in that "
                "language."
            ),
            "pinned_until": _(
                "Until then the notice stays first in the list, above newer posts. "
                "Leave empty not to pin it."
            ),
            "expires_at": _(
                "At this time the notice leaves the list; its page stays at its "
                "address and in the archive. Leave empty to keep it listed."
            ),
            "event_location": _(
                "Where the event is held, as readers should read it, e.g. “Council "
                "chamber, Town hall”. Leave empty for an event held only online."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_time_zone(self)
        for name in EventTimesForm.EVENT_TIMES:
            shown = _("Shown on the page and in calendars.")
            self.fields[name].help_text = f"{shown} {self.fields[name].help_text}"
        # A page stays a page and a post never becomes one (pages start in
        # /manage/pages/, where each has its place in the footer).
        if self.instance.pk and self.instance.kind == Kind.PAGE:
            self.fields["kind"].choices = [(Kind.PAGE, Kind.PAGE.label)]
            self.fields["kind"].widget = forms.HiddenInput()
        else:
            self.fields["kind"].choices = [
                (value, kinds.CHOICE_LABELS.get(value, label))
                for value, label in STREAM_KINDS
            ]

    @property
    def chosen_kind(self) -> str:
        """The kind the form is on: as sent, if it is one offered, else as saved."""
        offered = [value for value, _label in self.fields["kind"].choices]
        value = self["kind"].value()
        if value in offered:
            return value
        return self.instance.kind or (self.initial.get("kind") or Kind.NEWS)

    def clean(self) -> dict:
        cleaned = super().clean()
        # What another kind has is not judged, and not kept: a news item has no
        # event dates, whatever the hidden part of the form still holds.
        kind = cleaned.get("kind") or self.chosen_kind
        for name in kinds.fields_outside(kind):
            self._errors.pop(name, None)
            cleaned[name] = None if Post._meta.get_field(name).null else ""
        return cleaned

    def kind_groups(self) -> list[dict]:
        """The kind-specific fieldsets, each marked shown or hidden for the kind."""
        kind = self.chosen_kind
        return [
            {
                "kind": value,
                "legend": kinds.GROUP_LEGENDS[value],
                "fields": [self[name] for name in names],
                "shown": value == kind,
            }
            for value, names in kinds.KIND_FIELDS.items()
            if value in [v for v, _label in self.fields["kind"].choices]
        ]

    def common_fields(self) -> list:
        own = set(kinds.kind_specific_fields()) | {"kind"}
        return [bf for bf in self.visible_fields() if bf.name not in own]

    def losses(self) -> list[dict]:
        """For each kind, the filled-in fields saving as that kind would drop."""
        filled = [
            name
            for name in kinds.kind_specific_fields()
            if name not in kinds.ALWAYS_FILLED and self[name].value() not in ("", None)
        ]
        out = []
        for value, _label in self.fields["kind"].choices:
            outside = kinds.fields_outside(value)
            lost = [str(self[name].label) for name in filled if name in outside]
            if lost:
                out.append(
                    {
                        "kind": value,
                        "fields": lost,
                        "shown": value == self.chosen_kind,
                    }
                )
        return out

    @property
    def editor_words(self) -> dict:
        return editor_words()

    def snapshot(self) -> dict:
        """The submitted fields in revision form."""
        topics = [topic.pk for topic in self.cleaned_data["topics"]]
        return revisions.snapshot(self.instance, topic_ids=topics)


class ChangeNoteMixin(forms.Form):
    change_note = forms.CharField(
        label=_("Public change note (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "For a significant update, e.g. “Presentation slides added”. Shown with today's date."
        ),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs changing"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ScheduleForm(forms.Form):
    published_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=DateTimeLocalInput(),
        required=False,
        help_text=_(
            "Leave empty to publish now. A time in the future schedules the post."
        ),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_time_zone(self)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Withdrawal note"),
        help_text=_("Readers see this note at the post's address instead of the text."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishChangeForm(ChangeNoteMixin):
    pass


class TopicForm(forms.ModelForm):
    """A topic and its name in each of the site's languages.

    Pages, feeds, filters and the API in a language show the name in it, or the
    name in the site's language where none is given.
    """

    class Meta:
        model = Topic
        fields = ["name", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"slug": _("Web address"), "description": _("Description")}
        help_texts = {
            "slug": _(
                "The last part of the topic's address, e.g. water. Left empty, it is "
                "made from the name; the same in every language."
            ),
            "description": _("Shown under the topic's name on the list of topics."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, the slug is made from the name.
        self.fields["slug"].required = False
        site = dict(settings.LANGUAGES)[settings.LANGUAGE_CODE]
        self.fields["name"].label = _("Name in %(language)s") % {"language": site}
        self.fields["name"].help_text = _(
            "Shown in %(language)s, and in every language without a name of its own."
        ) % {"language": site}
        names = self.instance.names if isinstance(self.instance.names, dict) else {}
        for code, language in self.other_languages():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                max_length=100,
                required=False,
                initial=names.get(code, ""),
            )

    @staticmethod
    def other_languages() -> list[tuple[str, str]]:
        return [
            (code, language)
            for code, language in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ]

    def save(self, commit: bool = True) -> Topic:
        names = {}
        for code, _language in self.other_languages():
            value = clean_text(self.cleaned_data.get(f"name_{code}", "")).strip()
            if value:
                names[code] = value
        self.instance.names = names
        return super().save(commit)
