"""Where state lives: the database, the cache and the job queue.

SQLite in the data directory unless `DATABASE_URL` names another database; the
process's own memory as cache unless `BULLETIN_CACHE_URL` names a Redis server.
"""

from __future__ import annotations

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bulletin.settings.environment import DATA_DIR


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
                    # Reads come from the mapped file (1 GB: all of a 100,000-post
                    # site), shared by every process and kept by the OS; a larger
                    # page cache per connection only held private copies (16 MB
                    # cost 13 MB a thread, for no speed; docs/performance.md).
                    "PRAGMA mmap_size=1073741824;"
                    "PRAGMA cache_size=-2000;"
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


# The frame's fragments (`{% cache %}` in base.html: header, navigation, footer, a
# list's filter form) stay in each process's memory even beside Redis: their keys
# hold the content version, and a network round trip would cost what they save.
TEMPLATE_FRAGMENTS = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}


def _caches() -> dict:
    url = os.environ.get("BULLETIN_CACHE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "bulletin",
            },
            "template_fragments": TEMPLATE_FRAGMENTS,
        }
    if url:
        raise ImproperlyConfigured("BULLETIN_CACHE_URL must be a redis:// URL")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "template_fragments": TEMPLATE_FRAGMENTS,
    }


CACHES = _caches()
