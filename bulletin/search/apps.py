from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "bulletin.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from bulletin.search import signals  # noqa: F401  (connects the index to saves)
