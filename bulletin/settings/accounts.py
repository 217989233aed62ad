"""Signing in (bulletin/accounts): password hashing, lock-outs, two-factor.

The cookies that carry a session are in `bulletin.settings.security`.
"""

from __future__ import annotations

import os
from datetime import timedelta

# Argon2 for new and upgraded hashes; older hashes still verify and are re-hashed
# with Argon2 at the next sign-in.
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
# The admin never shows anyone's two-factor secret or its QR code (and its pages for
# them answer 403, whatever device number is asked).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
