from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "bulletin.editorial"
    verbose_name = _("Editorial")

    def ready(self) -> None:
        from bulletin.editorial import receivers  # noqa: F401  (connects the handlers)
