from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "bulletin.pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from bulletin.pages import receivers  # noqa: F401
