from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bulletin.identity.models import Identity, IdentityText
from bulletin.posts.uploads import inspect_upload


class ColourInput(forms.TextInput):
    def __init__(self) -> None:
        super().__init__(
            attrs={"size": 8, "spellcheck": "false", "autocomplete": "off"}
        )


class IdentityForm(forms.ModelForm):
    class Meta:
        model = Identity
        fields = [
            "logo",
            "brand",
            "brand_ink",
            "link",
            "accessibility_email",
            "public_counts",
        ]
        widgets = {
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
            ),
            "brand": ColourInput(),
            "brand_ink": ColourInput(),
            "link": ColourInput(),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the kept file
            checked = inspect_upload(logo)
            if not checked.content_type.startswith("image/"):
                raise ValidationError(
                    _("The logo must be a PNG, JPEG, WebP or GIF image.")
                )
            self.instance.logo_type = checked.content_type
            logo.seek(0)
        return logo


class IdentityTextForm(forms.ModelForm):
    class Meta:
        model = IdentityText
        fields = ["name", "tagline", "footer", "logo_alt"]
        widgets = {"footer": forms.Textarea(attrs={"rows": 2})}
