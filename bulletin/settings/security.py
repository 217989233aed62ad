"""Cookies, HTTPS, security headers, the Content-Security-Policy and cross-origin reads.

Safe without configuration; stricter behind HTTPS (`BULLETIN_HTTPS`), which
`bulletin check --deploy` asks for on a public site.
"""

from __future__ import annotations

# The module, not the name: every UPPERCASE name here becomes a setting.
from csp import constants

from bulletin.settings.environment import env_bool, env_list

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
        "script-src": ["'self'", constants.NONCE],
        # The nonce again only where used: the editor's empty style placeholder.
        "style-src": ["'self'", constants.NONCE],
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

# Read API (bulletin/api): any origin may read it; nothing else is shared cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag",)
