"""How the settings read the environment, and where the site keeps its data.

Every setting comes from an environment variable; these helpers read them one way, so
a value such as `BULLETIN_HTTPS=maybe` stops the site at start instead of meaning
"off". Each settings module of this package imports them.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

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
