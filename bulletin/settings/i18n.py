"""Languages, formats and the site's time zone.

The seven languages Bulletin is translated into, narrowed by `BULLETIN_LANGUAGES`
to those a site offers.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from bulletin.settings.environment import PACKAGE_DIR, env_list

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
