"""`check --deploy` refuses a site whose e-mailed links would have no address."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def site_address_is_set(app_configs, **kwargs) -> list[Error]:
    if settings.BULLETIN_SITE.get("url"):
        return []
    return [
        Error(
            "BULLETIN_SITE_URL is not set.",
            hint="Password-reset and invitation links are built from it, never "
            "from the request's Host header; set it to the public address.",
            id="bulletin.E001",
        )
    ]
