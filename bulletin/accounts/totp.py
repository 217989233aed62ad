"""Time-based one-time codes (TOTP) with django-otp: devices, QR codes, manual keys."""

from __future__ import annotations

import base64

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice:
    """The device being set up: unconfirmed until the person types a code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=_("Authenticator app"), confirmed=False
        )
    return device


def manual_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, drawn on the server.

    qrcode is imported here, not at the top: it is 2 MB of objects in every server
    process, for a page a person opens once (docs/performance.md, "Memory").
    """
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=2,
    )
    return image.to_string(encoding="unicode")
