from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "bulletin.scheduling"
    verbose_name = _("Scheduling")

    def ready(self) -> None:
        from bulletin.scheduling import receivers  # noqa: F401  (connects the Post signal)
