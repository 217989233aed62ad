"""Settings for a running Bulletin site, all read from the environment.

Every variable is documented in docs/settings.md (a test keeps the two in step).
Nothing secret lives here: the secret key comes from the environment or is generated
once into the data directory.

This module holds the site itself (apps, middleware, templates, files, what the site
calls itself, jobs); each other concern has a module of its own, taken in whole below.
`import *` is used only here and in test.py: Django reads settings as the globals of
one module, and naming each setting again here would let a new one be left out
silently.
"""

from __future__ import annotations

import os
import secrets

from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import process_figure
from js_asset import static_lazy

# Each concern in its module: accounts (sign-in, lock-outs, two-factor), databases
# (the database, the cache, the job queue), emails (outgoing mail, alerts), i18n
# (languages, the time zone), logs (and error mails), security (cookies, HTTPS,
# headers, the CSP, CORS).
from bulletin.settings.accounts import *  # noqa: F403
from bulletin.settings.databases import *  # noqa: F403
from bulletin.settings.emails import *  # noqa: F403
from bulletin.settings.environment import DATA_DIR, env_bool, env_list
from bulletin.settings.i18n import *  # noqa: F403
from bulletin.settings.logs import *  # noqa: F403
from bulletin.settings.security import *  # noqa: F403


def _secret_key() -> str:
    """Use the configured key, else one generated once and kept beside the data."""
    configured = os.environ.get("BULLETIN_SECRET_KEY", "")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("BULLETIN_DEBUG")
ALLOWED_HOSTS = env_list("BULLETIN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("BULLETIN_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "bulletin.editorial.admin_config.BulletinAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_prose_editor",
    "bulletin.posts",
    "bulletin.images",
    "bulletin.public",
    "bulletin.search",
    "django.contrib.sitemaps",
    "bulletin.feeds",
    "bulletin.i18n",
    "bulletin.editorial",
    "bulletin.server",
    "bulletin.health",
    "bulletin.mirror",
    "bulletin.backups",
    "django_tasks",
    "django_tasks_db",
    "bulletin.scheduling",
    "bulletin.thumbnails",
    "bulletin.redirects",
    "bulletin.imports",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "bulletin.accounts",
    "bulletin.identity",
    "bulletin.pages",
    "bulletin.counts",
    "bulletin.alternatives",
    "corsheaders",
    "ninja",
    "bulletin.api",
    "bulletin.subscriptions",
    "bulletin.notifications",
]

MIDDLEWARE = [
    # First: every log line of the request, and its answer, carry its id.
    "bulletin.server.logs.RequestIdMiddleware",
    "bulletin.public.middleware.ServerTimingMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, cached or not (see CONTENT_SECURITY_POLICY).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bulletin.public.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Outside the page cache, so a page served from it is counted too.
    "bulletin.counts.middleware.ReaderCountMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bulletin.editorial.middleware.BackOfficeNoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Old addresses answer (301 or 410) where no page of the site does.
    "bulletin.redirects.middleware.OldAddressMiddleware",
    "bulletin.i18n.middleware.MissingTranslationMiddleware",
    "bulletin.public.keepable.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bulletin.urls"
WSGI_APPLICATION = "bulletin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bulletin.public.context_processors.site",
                "bulletin.pages.context_processors.footer",
            ],
        },
    },
]


STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
# Media is never served by URL: attachments go through a view that checks the
# post is public, so an unpublished post's files cannot leak.
MEDIA_URL = "/media-not-served/"
# The back office's own editor extension: the image dialog with upload and the media
# library (bulletin/editorial/static/editorial/media-figure.js). It writes the same
# figure/img/figcaption as the library's Figure, so the same allow-list applies.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("editorial/media-figure.js")],
        "extensions": {"MediaFigure": process_figure},
    }
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 3600


# What the site calls itself: set here, never in templates.
BULLETIN_SITE = {
    "name": os.environ.get("BULLETIN_SITE_NAME", "Bulletin"),
    "logo_text": os.environ.get("BULLETIN_LOGO_TEXT", "Bulletin"),
    "description": os.environ.get(
        "BULLETIN_SITE_DESCRIPTION", "News, notices and events of the organisation"
    ),
    "footer": os.environ.get(
        "BULLETIN_FOOTER", "Published with Bulletin, open-source news and notices."
    ),
    "url": os.environ.get("BULLETIN_SITE_URL", "").rstrip("/"),
}
BULLETIN_PAGE_SIZE = 20
# Server-Timing (how long the app, the database, the page cache took) is sent to
# signed-in staff, with BULLETIN_DEBUG, or when asked for benchmarks; never to
# anonymous readers otherwise.
BULLETIN_SERVER_TIMING = env_bool("BULLETIN_SERVER_TIMING", DEBUG)

# Uploads (bulletin/posts/uploads.py): the largest attachment accepted, in megabytes.
BULLETIN_MAX_UPLOAD_MB = float(os.environ.get("BULLETIN_MAX_UPLOAD_MB", "20"))
# `bulletin load` refuses a longer line (attachments are base64 in the line).
BULLETIN_INTERCHANGE_MAX_LINE_MB = float(
    os.environ.get("BULLETIN_INTERCHANGE_MAX_LINE_MB", "50")
)
# Accessible-format requests (bulletin/alternatives): how many one address may send
# in an hour.
BULLETIN_FORMAT_REQUESTS_PER_HOUR = int(
    os.environ.get("BULLETIN_FORMAT_REQUESTS_PER_HOUR", "5")
)
# Two-factor sign-in: the name authenticator apps show for this site.
OTP_TOTP_ISSUER = BULLETIN_SITE["name"]

# Health (bulletin/health): /readyz fails when no job runner finished a round lately.
BULLETIN_RUNNER_STALE_SECONDS = int(
    os.environ.get("BULLETIN_RUNNER_STALE_SECONDS", "120")
)

# Backups (bulletin/backups): the job runner takes one every so many hours into this
# folder and keeps the newest few; no folder, no scheduled backups.
BULLETIN_BACKUP_DIR = os.environ.get("BULLETIN_BACKUP_DIR", "")
BULLETIN_BACKUP_INTERVAL_HOURS = float(
    os.environ.get("BULLETIN_BACKUP_INTERVAL_HOURS", "24")
)
BULLETIN_BACKUP_KEEP = int(os.environ.get("BULLETIN_BACKUP_KEEP", "7"))
if BULLETIN_BACKUP_KEEP < 1 or BULLETIN_BACKUP_INTERVAL_HOURS <= 0:
    raise ImproperlyConfigured(
        "BULLETIN_BACKUP_KEEP must be at least 1 and BULLETIN_BACKUP_INTERVAL_HOURS "
        "more than 0"
    )
