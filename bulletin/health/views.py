"""Probes for load balancers and orchestrators: `/healthz` and `/readyz`.

Both answer JSON with `Cache-Control: no-store`, outside the public namespaces, so no
page cache, CDN or browser keeps an old answer.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from bulletin.health.checks import readiness


# Probes carry no cookies: a POST gets 405, not a CSRF refusal.
@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers; nothing else is checked, so a restart is never needed
    because of something a restart cannot fix."""
    return JsonResponse({"status": "ok"})


@csrf_exempt
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to take traffic: 200 when every check passes, else 503."""
    checks = readiness()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )
