from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bulletin.accounts.profiles import language_choices
from bulletin.notifications.models import Event


class PreferencesForm(forms.Form):
    """The language of one's e-mails, then two boxes per event: by e-mail, and in the
    "Needs me" list."""

    def __init__(
        self, *args, choices: dict[str, tuple[bool, bool]], language: str, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of my e-mails"),
            choices=language_choices(),
            initial=language,
        )
        for event in Event:
            by_email, in_list = choices[event.value]
            self.fields[f"{event.value}-email"] = forms.BooleanField(
                required=False, initial=by_email
            )
            self.fields[f"{event.value}-list"] = forms.BooleanField(
                required=False, initial=in_list
            )

    def rows(self):
        return [
            (event, self[f"{event.value}-email"], self[f"{event.value}-list"])
            for event in Event
        ]
