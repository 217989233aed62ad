"""Who the site belongs to: the organisation's name, tagline, footer and logo in each
language, its colours, and the few site-wide choices an admin makes.

Templates never hold these: the back office edits them (`backoffice.py`) and every
page reads them through `site_for()`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.identity.contrast import AA_TEXT, HEX, ratio

# The colours site.css uses when none is chosen (light scheme).
DEFAULT_BRAND = "#0b4f8a"
DEFAULT_BRAND_INK = "#ffffff"
PAPER = "#ffffff"


def logo_path(instance: Identity, filename: str) -> str:
    # A random name: the uploaded one never reaches the file system.
    return f"identity/{uuid.uuid4().hex}"


def _colour_field(label: str, help_text: str) -> models.CharField:
    return models.CharField(label, max_length=7, blank=True, help_text=help_text)


class Identity(models.Model):
    """The one row of site-wide identity (pk 1)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    logo_type = models.CharField(max_length=50, blank=True, editable=False)
    brand = _colour_field(
        _("header colour"), _("Background of the header, e.g. #0b4f8a.")
    )
    brand_ink = _colour_field(
        _("header text colour"), _("Text on the header, e.g. #ffffff.")
    )
    link = _colour_field(_("link colour"), _("Links on the white page, e.g. #0a4e8c."))
    accessibility_email = models.EmailField(
        _("address for accessible-format requests"),
        blank=True,
        help_text=_(
            "Requests for a document in another format are sent here. Left empty, "
            "the site's sender address is used."
        ),
    )
    public_counts = models.BooleanField(
        _("show reader counts on public pages"),
        default=False,
        help_text=_("Staff always see them in the back office."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identity")

    def __str__(self) -> str:
        return str(_("Identity"))

    def clean(self) -> None:
        errors = {}
        for name in ("brand", "brand_ink", "link"):
            value = getattr(self, name)
            if value and not HEX.match(value):
                errors[name] = _("Give a colour as # and six hexadecimal digits.")
        if not errors:
            self._check_contrast(errors)
        if errors:
            raise ValidationError(errors)

    def _check_contrast(self, errors: dict) -> None:
        pairs = [
            (
                "brand_ink",
                self.brand or DEFAULT_BRAND,
                self.brand_ink or DEFAULT_BRAND_INK,
            ),
            ("link", self.link, PAPER),
        ]
        for field, fore, back in pairs:
            if not fore or (
                field == "brand_ink" and not (self.brand or self.brand_ink)
            ):
                continue
            value = ratio(fore, back)
            if value < AA_TEXT:
                errors[field] = _(
                    "The contrast between %(fore)s and %(back)s is %(ratio).2f:1; "
                    "WCAG 2.2 AA needs at least 4.5:1 for text."
                ) % {"fore": fore, "back": back, "ratio": value}

    @property
    def has_theme(self) -> bool:
        return bool(self.brand or self.brand_ink or self.link)

    @property
    def stamp(self) -> str:
        return f"{self.updated_at:%Y%m%d%H%M%S%f}" if self.updated_at else "0"


class IdentityText(models.Model):
    """The organisation's words in one language; empty fields fall back to the
    default language's, then to the settings."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, unique=True
    )
    name = models.CharField(_("name of the organisation"), max_length=150, blank=True)
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    footer = models.TextField(_("footer text"), max_length=1000, blank=True)
    logo_alt = models.CharField(
        _("logo's alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the logo says, for people who cannot see it; usually the "
            "organisation's name."
        ),
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("identity text")
        verbose_name_plural = _("identity texts")

    def __str__(self) -> str:
        return self.language
