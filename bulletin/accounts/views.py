"""Sign-in with an optional second step, two-factor set-up, and the admin's door.

Signing in with a confirmed TOTP device takes two steps: the password (checked by
Django's form, counted by django-axes), then the code. Between them the session holds
only the user's id, for a few minutes; the person is signed in, and the session key
changes, only once the code is right. Wrong codes count as failed logins for axes,
so guessing codes ends in the same lock-out as guessing passwords.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from bulletin.accounts import links, throttle, totp
from bulletin.accounts.forms import CodeForm
from bulletin.accounts.roles import Role, role_of

PENDING = "accounts_pending_sign_in"
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


class SignInView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # LoginView puts the request's host in "site"; the page's logo and title read
        # the site's own name from "site", as on every other page.
        context["site"] = settings.BULLETIN_SITE
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if throttle.address_paused(request):
            return paused(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if totp.confirmed_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": time.time(),
            "next": self.get_redirect_url(),
            "attempts": 0,
        }
        return HttpResponseRedirect(reverse("accounts:login_code"))


def paused(request: HttpRequest) -> HttpResponse:
    """The same 429 page django-axes shows for a paused account."""
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"cooloff_time": settings.AXES_COOLOFF_TIME},
        status=429,
    )


class SiteLinkPasswordResetView(PasswordResetView):
    """The reset link is built from BULLETIN_SITE_URL, never from the request's Host."""

    @property
    def extra_email_context(self) -> dict:
        return {**links.link_parts(), "site_name": settings.BULLETIN_SITE["name"]}


def _pending(request: HttpRequest) -> dict | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return pending


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the person's authenticator app."""
    pending = _pending(request)
    user = None
    if pending:
        user = (
            get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        )
    device = totp.confirmed_device(user) if user else None
    if device is None:
        messages.info(request, _("Sign in again, please."))
        return redirect("accounts:login")
    if request.method == "POST" and throttle.address_paused(request):
        return paused(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            target = pending.get("next") or ""
            if not url_has_allowed_host_and_scheme(
                target, {request.get_host()}, require_https=request.is_secure()
            ):
                target = resolve_url(settings.LOGIN_REDIRECT_URL)
            return HttpResponseRedirect(target)
        user_login_failed.send(
            sender=__name__,
            credentials={"username": user.get_username()},
            request=request,
        )
        pending["attempts"] += 1
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            del request.session[PENDING]
            messages.error(request, _("Too many wrong codes. Sign in again, please."))
            return redirect("accounts:login")
        request.session[PENDING] = pending
        form.add_error(
            "code", _("That code is not right, or it has expired. Try the next one.")
        )
    return render(request, "accounts/login_code.html", {"form": form}, status=200)


@sensitive_post_parameters("code")
@login_required
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan, then confirm with a code) or off."""
    confirmed = totp.confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["code"]):
                confirmed.delete()
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("accounts:two_factor")
            form.add_error("code", _("That code is not right. Try the next one."))
        return render(
            request, "accounts/two_factor.html", {"form": form, "enabled": True}
        )
    device = totp.pending_device(request.user)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request, _("Two-factor sign-in is on. You will be asked for a code.")
            )
            return redirect("accounts:two_factor")
        form.add_error(
            "code",
            _("That code is not right. Check the app shows this site, then try again."),
        )
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "enabled": False,
            "qr_svg": totp.qr_svg(device),
            "manual_key": totp.manual_key(device),
        },
    )


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the same door, so two-factor and throttling apply.

    Someone signed in without the Admin role is told the admin is not theirs: sending
    them to sign in again would bring them straight back here, for ever.
    """
    target = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        if role_of(request.user) == Role.ADMIN:
            return redirect(reverse("admin:index"))
        return render(request, "accounts/admin_refused.html", status=403)
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
