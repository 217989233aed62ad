from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter

from bulletin.accounts.views import admin_login
from bulletin.converters import RowIdConverter
from bulletin.i18n.views import language_root

# Every integer in a path is <id:…>, bounded to what a database row id can be.
register_converter(RowIdConverter, "id")

handler400 = "bulletin.public.errors.bad_request"
handler500 = "bulletin.public.errors.server_error"

urlpatterns = [
    # The admin signs in through /accounts/login/: throttled, with two-factor.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("accounts/", include("bulletin.accounts.urls")),
    path("thumbnails/", include("bulletin.thumbnails.urls")),
    path("manage/translations/", include("bulletin.i18n.urls")),
    path("manage/search/", include("bulletin.search.staff_urls")),
    # The read API is not language-prefixed: /api/v1/…, /api/openapi.json, /api/docs
    path("api/", include("bulletin.api.urls")),
    path("manage/identity/", include("bulletin.identity.manage_urls")),
    path("manage/pages/", include("bulletin.pages.manage_urls")),
    path("manage/formats/", include("bulletin.alternatives.manage_urls")),
    path("manage/alerts/", include("bulletin.subscriptions.manage_urls")),
    path("identity/", include("bulletin.identity.urls")),
    path("manage/", include("bulletin.notifications.urls")),
    path("manage/", include("bulletin.editorial.urls")),
    path("", include("bulletin.health.urls")),
    path("alerts/", include("bulletin.subscriptions.urls")),
    path("", include("bulletin.feeds.site_urls")),
    path("", language_root, name="language_root"),
    # set_language: the back office's language choice, kept in a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
]

# Reader-facing pages carry the language in the path: /en/, /fr/…
urlpatterns += i18n_patterns(
    path("", include("bulletin.feeds.urls")),
    path("", include("bulletin.search.urls")),
    path("", include("bulletin.subscriptions.form_urls")),
    path("", include("bulletin.pages.urls")),
    path("", include("bulletin.alternatives.urls")),
    path("", include("bulletin.public.urls")),
)
