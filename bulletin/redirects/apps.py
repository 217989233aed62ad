from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    name = "bulletin.redirects"
    verbose_name = _("Old addresses")

    def ready(self) -> None:
        from bulletin.redirects import receivers  # noqa: F401  (watches slug changes)
