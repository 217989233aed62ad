"""The organisation's own pages: accessibility statement, contact, privacy, cookies
and free pages such as About or Legal notice.

A page's words are a post of kind `page`, so it is written with the same editor,
kept in the same revisions, reviewed and published by the same workflow and
translated like any post (`bulletin.editorial`, `bulletin.i18n`). What makes it a
page is this row, shared by all its translations: which page it is, its place in
the footer and, for the accessibility statement, the date of its last review.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    CONTACT = "contact", _("Contact")
    PRIVACY = "privacy", _("Privacy")
    COOKIES = "cookies", _("Cookies")
    OTHER = "other", _("Other page")


# The pages a public body must have, in footer order.
STATUTORY = [Role.ACCESSIBILITY, Role.CONTACT, Role.PRIVACY, Role.COOKIES]


class Page(models.Model):
    translation_group = models.UUIDField(_("translation group"), unique=True)
    role = models.CharField(
        _("page"), max_length=20, choices=Role.choices, default=Role.OTHER
    )
    position = models.PositiveSmallIntegerField(
        _("position in the footer"), default=100
    )
    in_footer = models.BooleanField(_("linked from the footer"), default=True)
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("The accessibility statement shows the date of its last review."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=~Q(role="other"), name="page_role_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_role_display()
