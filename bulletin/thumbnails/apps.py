from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThumbnailsConfig(AppConfig):
    name = "bulletin.thumbnails"
    verbose_name = _("Thumbnails")

    def ready(self) -> None:
        from bulletin.thumbnails import receivers  # noqa: F401  (connects Attachment signals)
