"""Sign-in throttling per address, across every account.

django-axes pauses one account from one address (`AXES_LOCKOUT_PARAMETERS`), so a
colleague behind the same office address can still sign in. That alone lets one
address try a few passwords on *every* account; so failures are also counted per
address over all accounts, with a higher limit, from axes' own failure log.
"""

from __future__ import annotations

from axes.models import AccessFailureLog
from django.conf import settings
from django.http import HttpRequest

from bulletin.accounts.addresses import client_address
from bulletin.posts import clock


def address_paused(request: HttpRequest) -> bool:
    """Whether this address failed too often, whichever accounts it tried."""
    address = client_address(request)
    if not address:
        return False
    since = clock.now() - settings.AXES_COOLOFF_TIME
    failures = AccessFailureLog.objects.filter(
        ip_address=address, attempt_time__gte=since
    ).count()
    return failures >= settings.BULLETIN_LOGIN_ADDRESS_LIMIT
