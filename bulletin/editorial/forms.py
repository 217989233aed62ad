from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bulletin.editorial import revisions
from bulletin.editorial.editor_words import editor_words
from bulletin.posts.editor import body_form_field
from bulletin.posts.models import STREAM_KINDS, Kind, Post, Topic
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


class PostForm(EventTimesForm):
    body = body_form_field(extensions=MEDIA_FIGURE, label=_("Body"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    event_online_url = forms.URLField(
        label=_("Online link"), required=False, max_length=500, assume_scheme="https"
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
            "summary": forms.Textarea(attrs={"rows": 2}),
            "pinned_until": DateTimeLocalInput(),
            "expires_at": DateTimeLocalInput(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_time_zone(self)
        # A page stays a page and a post never becomes one (pages start in
        # /manage/pages/, where each has its place in the footer).
        if self.instance.pk and self.instance.kind == Kind.PAGE:
            self.fields["kind"].choices = [(Kind.PAGE, Kind.PAGE.label)]
        else:
            self.fields["kind"].choices = STREAM_KINDS

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
    class Meta:
        model = Topic
        fields = ["name", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Left empty, the slug is made from the name.
        self.fields["slug"].required = False
