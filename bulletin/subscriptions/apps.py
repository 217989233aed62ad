from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "bulletin.subscriptions"
    verbose_name = _("E-mail alerts")

    def ready(self) -> None:
        from bulletin.subscriptions import receivers  # noqa: F401  (publication hooks)
