from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bulletin.alternatives.models import Alternative, Format
from bulletin.posts.editor import body_form_field
from bulletin.posts.uploads import inspect_upload

WANTED = [
    ("large_print", _("Large print")),
    ("text", _("Plain text")),
    ("html", _("A web page (HTML)")),
    ("easy_read", _("Easy read")),
    ("audio", _("Audio")),
    ("braille", _("Braille")),
    ("other", _("Something else")),
]


class FormatRequestForm(forms.Form):
    """What a reader asks for; nothing of it is stored, it is only e-mailed."""

    wanted = forms.ChoiceField(
        label=_("Format you need"), choices=WANTED, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Anything else we should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We use it only to send you the document."),
    )


class AlternativeForm(forms.ModelForm):
    html = body_form_field(label=_("HTML version"), required=False)
    upload = forms.FileField(label=_("File"), required=False)

    class Meta:
        model = Alternative
        fields = ["format", "html"]

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if data.get("format") == Format.HTML:
            if not (data.get("html") or "").strip():
                raise ValidationError({"html": _("Write the HTML version.")})
            return data
        if upload is None:
            raise ValidationError({"upload": _("Choose the file of this format.")})
        checked = inspect_upload(upload)
        upload.seek(0)
        self.instance.file = upload
        self.instance.filename = checked.filename
        self.instance.content_type = checked.content_type
        self.instance.size = checked.size
        self.instance.html = ""
        return data
