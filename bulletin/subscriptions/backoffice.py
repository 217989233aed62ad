"""The admins' page for e-mail alerts in the back office (`/manage/alerts/`): the
figures at a glance and the paused addresses, each with a button to resume it. The
Django admin keeps the full outbox for superusers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view
from bulletin.subscriptions import oversight

MANAGE = "subscriptions.change_undeliverableaddress"


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied(_("Only admins see the delivery of e-mail alerts."))


@staff_view
def delivery(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(
        request,
        "subscriptions/delivery.html",
        {
            "summary": oversight.delivery_summary(),
            "paused": list(oversight.paused_addresses()[:500]),
            "section": "alerts",
        },
    )


@staff_view
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    if oversight.resume(pk):
        messages.success(request, _("Mail to this address is sent again."))
    return redirect("alerts_manage:delivery")
