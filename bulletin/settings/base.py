"""Settings for a running Bulletin site, all read from the environment.

Every variable is documented in docs/settings.md (a test keeps the two in step).
Nothing secret lives here: the secret key comes from the environment or is generated
once into the data directory.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import process_figure
from js_asset import static_lazy

from bulletin.settings.mail import email_ca_file, email_settings

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false), not {value!r}"
    )


def env_list(name: str, default: str) -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DATA_DIR = Path(os.environ.get("BULLETIN_DATA_DIR", "bulletin-data")).resolve()


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
    "bulletin.public.pagecache.PublicPageCacheMiddleware",
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


def _databases() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        return {"default": config}
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "bulletin.sqlite3",
            "OPTIONS": {
                # WAL lets readers run beside the writer; synchronous=FULL makes an
                # acknowledged commit survive a power cut, not only an app crash.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA mmap_size=268435456;"
                    "PRAGMA cache_size=-16384;"
                ),
                # Writers take the lock at BEGIN, so they queue on the busy timeout
                # instead of failing with "database is locked" on upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The job runner (bulletin/scheduling): tasks wait in the database for `bulletin
# worker`, which `bulletin serve` starts; no other server is needed.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}


def _caches() -> dict:
    url = os.environ.get("BULLETIN_CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "bulletin",
            }
        }
    if url:
        raise ImproperlyConfigured("BULLETIN_CACHE_URL must be a redis:// URL")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


CACHES = _caches()

# Accounts (bulletin/accounts): Argon2 for new and upgraded hashes; older hashes
# still verify and are re-hashed with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # django-axes refuses sign-ins that are locked out, before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "editorial:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
# A username tried from one address is paused after this many failures; another
# person behind the same office address can still sign in.
AXES_FAILURE_LIMIT = int(os.environ.get("BULLETIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("BULLETIN_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# One address is also paused after this many failures over all accounts
# (bulletin/accounts/throttle.py counts axes' failure log).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
BULLETIN_LOGIN_ADDRESS_LIMIT = int(os.environ.get("BULLETIN_LOGIN_ADDRESS_LIMIT", "30"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Behind the HTTPS proxy, the address the proxy appended (not the proxy's own).
AXES_CLIENT_IP_CALLABLE = "bulletin.accounts.addresses.client_address"
# No banner on every command; lock-outs are still logged as warnings.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("BULLETIN_LANGUAGE", "en")
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("ko", "한국어"),
]
_offered = env_list("BULLETIN_LANGUAGES", ",".join(code for code, _ in LANGUAGES))
LANGUAGES = [(code, name) for code, name in LANGUAGES if code in _offered]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured("BULLETIN_LANGUAGE must be one of BULLETIN_LANGUAGES")
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["bulletin.formats"]
TIME_ZONE = os.environ.get("BULLETIN_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

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

# Security defaults: safe without configuration, stricter behind HTTPS.
HTTPS = env_bool("BULLETIN_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Over HTTPS the cookies take the __Host- prefix: browsers then refuse them unless
# they are Secure, for this exact host and for the whole site.
SESSION_COOKIE_NAME = "__Host-bulletin_session" if HTTPS else "bulletin_session"
CSRF_COOKIE_NAME = "__Host-bulletin_csrf" if HTTPS else "bulletin_csrf"
# A working day; signing out or closing the browser ends it sooner.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_SSL_REDIRECT = HTTPS and env_bool("BULLETIN_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Only when every subdomain is on HTTPS too: browsers then refuse plain HTTP to all.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("BULLETIN_HSTS_INCLUDE_SUBDOMAINS")
# Asks to be listed in browsers' built-in HSTS lists; hard to undo.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("BULLETIN_HSTS_PRELOAD")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, fonts and connections from the
# site itself only, no inline script or style attribute anywhere; images from the site
# plus the hosts an administrator lists (post bodies cannot load tracking pixels from
# anywhere else); never framed, as X_FRAME_OPTIONS says.
BULLETIN_IMAGE_HOSTS = env_list("BULLETIN_IMAGE_HOSTS", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The nonce is added only to responses that use it: the editor's import map.
        "script-src": ["'self'", NONCE],
        # The nonce again only where used: the editor's empty style placeholder.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", *BULLETIN_IMAGE_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Outgoing mail (bulletin/settings/mail.py): BULLETIN_EMAIL_URL, else the console.
globals().update(
    email_settings(
        os.environ.get("BULLETIN_EMAIL_URL", ""),
        os.environ.get("BULLETIN_EMAIL_BACKEND", ""),
    )
)
# The CA to check the mail server's certificate against (else the system's store).
BULLETIN_EMAIL_CA_FILE = email_ca_file(os.environ.get("BULLETIN_EMAIL_CA_FILE", ""))
DEFAULT_FROM_EMAIL = os.environ.get("BULLETIN_FROM_EMAIL", "bulletin@localhost")
# E-mail alerts (bulletin/subscriptions): how fast the outbox sends, where one-click
# "unsubscribe by e-mail" requests go, and when digests leave (site time zone).
BULLETIN_EMAIL_RATE = float(os.environ.get("BULLETIN_EMAIL_RATE", "10"))
BULLETIN_EMAIL_LEASE_SECONDS = int(
    os.environ.get("BULLETIN_EMAIL_LEASE_SECONDS", "300")
)
BULLETIN_UNSUBSCRIBE_EMAIL = os.environ.get(
    "BULLETIN_UNSUBSCRIBE_EMAIL", DEFAULT_FROM_EMAIL
)
BULLETIN_DIGEST_HOUR = int(os.environ.get("BULLETIN_DIGEST_HOUR", "8"))
BULLETIN_DIGEST_WEEKDAY = int(os.environ.get("BULLETIN_DIGEST_WEEKDAY", "0"))
if not 0 <= BULLETIN_DIGEST_HOUR <= 23 or not 0 <= BULLETIN_DIGEST_WEEKDAY <= 6:
    raise ImproperlyConfigured(
        "BULLETIN_DIGEST_HOUR must be 0-23 and BULLETIN_DIGEST_WEEKDAY 0-6 (Monday is 0)"
    )
# WebSub (bulletin/subscriptions/websub.py): the hub feeds name and the site pings.
BULLETIN_WEBSUB_HUB = os.environ.get("BULLETIN_WEBSUB_HUB", "")

# Logs (bulletin/server/logs.py): one line per record with time, level, logger and
# request id; JSON lines with BULLETIN_LOG_FORMAT=json. Django's own configuration
# stays underneath, so with ADMINS set every server error is also mailed to them.
LOG_FORMAT = os.environ.get("BULLETIN_LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("BULLETIN_LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "bulletin.server.logs.RequestIdFilter"}},
    "formatters": {
        "text": {
            "()": "bulletin.server.logs.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("BULLETIN_LOG_LEVEL", "INFO"),
    },
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Scanners send random Host headers all day: logged (400), never mailed.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

# Errors reach someone: "Name <address>, address2" get Django's error e-mails.
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([os.environ.get("BULLETIN_ADMINS", "")])
    if address
]
SERVER_EMAIL = DEFAULT_FROM_EMAIL

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
# The admin never shows anyone's two-factor secret or its QR code (and its pages for
# them answer 403, whatever device number is asked).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

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

# Read API (bulletin/api): any origin may read it; nothing else is shared cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag",)
