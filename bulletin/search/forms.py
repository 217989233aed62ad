"""The filters of a search, checked; the query text itself is read by query.parse()."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bulletin.posts.models import STREAM_KINDS, Topic
from bulletin.search.searching import Filters

ALL_LANGUAGES = "all"


class SearchFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *STREAM_KINDS]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1900, max_value=9999
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            *settings.LANGUAGES,
            (ALL_LANGUAGES, _("All languages")),
        ]

    def filters(self) -> Filters:
        data = self.cleaned_data
        language = data.get("language") or get_language()
        return Filters(
            language=None if language == ALL_LANGUAGES else language,
            kind=data.get("kind") or None,
            topic=data.get("topic"),
            year=data.get("year"),
        )
