from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "bulletin.feeds"
    verbose_name = _("Feeds, calendars and sitemap")
