from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bulletin.subscriptions.models import Frequency


class AlertForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )


class FrequencyForm(forms.Form):
    subscription = forms.IntegerField(widget=forms.HiddenInput)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
