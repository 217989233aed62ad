from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "bulletin.posts"
    verbose_name = _("Posts")

    def ready(self) -> None:
        from bulletin.posts import signals  # noqa: F401  (connects the handlers)
