from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountsConfig(AppConfig):
    name = "bulletin.counts"
    verbose_name = _("Reader counts")
