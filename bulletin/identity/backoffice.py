"""The back office page where an admin sets the organisation's identity:
/manage/identity/."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bulletin.accounts.access import staff_view
from bulletin.identity.forms import IdentityForm, IdentityTextForm
from bulletin.identity.models import Identity, IdentityText


@staff_view
def identity_settings(request: HttpRequest) -> HttpResponse:
    # The Admin role holds this permission (migration 0002).
    if not request.user.has_perm("identity.change_identity"):
        raise PermissionDenied("Admins only")
    identity = Identity.objects.filter(pk=1).first() or Identity(pk=1)
    texts = {text.language: text for text in IdentityText.objects.all()}
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = IdentityForm(data, files, instance=identity)
    text_forms = [
        (
            code,
            name,
            IdentityTextForm(
                data,
                prefix=f"text-{code}",
                instance=texts.get(code) or IdentityText(language=code),
            ),
        )
        for code, name in settings.LANGUAGES
    ]
    valid = data is not None and form.is_valid()
    if valid and all(f.is_valid() for _, _, f in text_forms):
        with transaction.atomic():
            form.save()
            for _code, _name, text_form in text_forms:
                text_form.save()
        messages.success(request, _("The identity is saved."))
        return redirect("identity_manage:settings")
    return render(
        request,
        "identity/manage.html",
        {
            "form": form,
            "text_forms": text_forms,
            "identity": identity,
            "section": "identity",
        },
        status=400 if request.method == "POST" else 200,
    )
