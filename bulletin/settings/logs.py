"""Logs, and who hears of server errors.

One line per record on standard output, text or JSON; with `BULLETIN_ADMINS` set,
every server error is also mailed to them.
"""

from __future__ import annotations

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured

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
