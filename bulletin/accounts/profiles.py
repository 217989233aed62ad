"""How staff are named to one another, and the language each reads their e-mail in.

The mail language (workflow notifications) is chosen on the person's own
notifications page or by the admin who invites them. Anyone who never chose gets the
site's language (`BULLETIN_LANGUAGE`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from bulletin.accounts.models import StaffProfile


def display_name(user) -> str:
    """The name staff read in history lines, lists and mails: the full name when
    there is one (people know each other by name, not by sign-in name)."""
    return user.get_full_name() or user.get_username()


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, each named in itself."""
    return list(settings.LANGUAGES)


def _offered(language: str | None) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_language(user) -> str:
    return mail_languages([user]).get(user.pk, settings.LANGUAGE_CODE)


def mail_languages(users: Iterable) -> dict[int, str]:
    """Each person's language, in one query (a notification may go to every editor)."""
    pks = [user.pk for user in users if user is not None]
    chosen = dict(
        StaffProfile.objects.filter(user_id__in=pks).values_list("user_id", "language")
    )
    return {pk: _offered(chosen.get(pk)) for pk in pks}


def set_mail_language(user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"not a language of this site: {language!r}")
    StaffProfile.objects.update_or_create(user=user, defaults={"language": language})
