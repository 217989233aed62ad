from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I18nConfig(AppConfig):
    name = "bulletin.i18n"
    label = "i18n"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The .mo files are build products kept out of git; compiling the stale ones
        # at start-up means every entry point (serve, demo, runserver, the tests)
        # speaks every language without a separate step. Up to date, it only stats.
        from bulletin.i18n.messages import ensure_compiled

        ensure_compiled()
