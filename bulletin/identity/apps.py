from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "bulletin.identity"
    verbose_name = _("Organisation's identity")

    def ready(self) -> None:
        from bulletin.identity import receivers  # noqa: F401
