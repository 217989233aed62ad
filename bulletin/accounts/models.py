"""What a member of staff chooses for themselves that Django's user has no field for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """One person's own choices; with no row, the site's defaults apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    # A code of settings.LANGUAGES (not a `choices` list: the offered languages are a
    # setting, and a language dropped later simply falls back to the site's own).
    language = models.CharField(_("language of my e-mails"), max_length=10)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
