from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "bulletin.notifications"
    verbose_name = _("Staff notifications")

    def ready(self) -> None:
        from bulletin.notifications import receivers  # noqa: F401  (workflow hooks)
