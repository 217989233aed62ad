"""People and roles without the Django admin: invite by e-mail with a role, change a
role, deactivate, see who last signed in. Admins only (`auth.change_user`)."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bulletin.accounts import links, profiles
from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import Role

MANAGE = "auth.change_user"


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of their e-mails"),
        choices=profiles.language_choices,
        required=False,
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Someone with this e-mail address already has an account.")
            )
        return email


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied(_("Only admins manage people."))


def _set_role(user, role: str) -> None:
    names = [r.value for r in Role]
    user.groups.remove(*Group.objects.filter(name__in=names))
    user.groups.add(Group.objects.get(name=role))


def _invite(request: HttpRequest, form: InviteForm) -> None:
    """A new account with an unknown password; the e-mail's link lets them set one."""
    first, _sep, last = form.cleaned_data["name"].partition(" ")
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=form.cleaned_data["email"],
            email=form.cleaned_data["email"],
            password=secrets.token_urlsafe(32),
            first_name=first[:150],
            last_name=last[:150],
        )
        _set_role(user, form.cleaned_data["role"])
        if form.cleaned_data["language"]:
            profiles.set_mail_language(user, form.cleaned_data["language"])
    reset = PasswordResetForm({"email": user.email})
    reset.is_valid()
    # The link is built from BULLETIN_SITE_URL, never from the request's Host; the
    # words are in the language chosen for the person's mail.
    with translation.override(profiles.mail_language(user)):
        reset.save(
            domain_override=links.link_parts()["domain"],
            subject_template_name="accounts/password_reset_subject.txt",
            email_template_name="accounts/password_reset_email.txt",
            extra_email_context={
                **links.link_parts(),
                "site_name": settings.BULLETIN_SITE["name"],
            },
        )


@staff_view
def people(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = InviteForm(
        request.POST or None, initial={"language": settings.LANGUAGE_CODE}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _invite(request, form)
            messages.success(
                request,
                _("Invitation sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("editorial:people")
        status = 400
    staff = (
        get_user_model()
        .objects.filter(groups__name__in=[r.value for r in Role])
        .distinct()
        .prefetch_related("groups")
        .order_by("-is_active", "first_name", "username")
    )
    rows = []
    for person in staff:
        held = {g.name for g in person.groups.all()}
        role = next((r for r in reversed(list(Role)) if r.value in held), None)
        rows.append((person, role))
    return render(
        request,
        "editorial/people.html",
        {"rows": rows, "form": form, "roles": Role.choices, "section": "people"},
        status=status,
    )


@staff_view
@require_POST
def person_change(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    action = request.POST.get("action", "")
    if person.pk == request.user.pk and action != "role":
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("editorial:people")
    if action == "role":
        role = request.POST.get("role", "")
        if role not in Role.values:
            messages.error(request, _("Choose a role."))
            return redirect("editorial:people")
        _set_role(person, role)
        messages.success(request, _("Role changed."))
    elif action in ("deactivate", "reactivate"):
        person.is_active = action == "reactivate"
        person.save(update_fields=["is_active"])
        messages.success(
            request,
            _("Account reactivated.")
            if person.is_active
            else _("Account deactivated."),
        )
    else:
        messages.error(request, _("Unknown action."))
    return redirect("editorial:people")
