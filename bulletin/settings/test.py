"""The site's settings with what makes tests fast and isolated."""

import os
import tempfile

os.environ.setdefault("BULLETIN_DATA_DIR", tempfile.mkdtemp(prefix="bulletin-test-"))
os.environ.setdefault("BULLETIN_SECRET_KEY", "insecure-test-only-key")

from bulletin.settings.base import *  # noqa: F403  (test settings = base + overrides)

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # One test database per process, so concurrent runs on one server never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_bulletin_{os.getpid()}"}  # noqa: F405
