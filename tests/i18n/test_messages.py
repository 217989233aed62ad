"""Every interface string is translated in each language, and the catalogues compile."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

from bulletin.i18n.messages import LOCALE_DIR, catalogues, ensure_compiled

PACKAGE_DIR = LOCALE_DIR.parent
SOURCE_LANGUAGE = "en"
TRANSLATED = [
    to_locale(code) for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def problems(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
        else:
            names = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
            strings = (
                entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            )
            for text in strings:
                if not set(PLACEHOLDER.findall(text)) <= names:
                    found.append(f"unknown placeholder: {entry.msgid!r} → {text!r}")
            if (
                not entry.msgid_plural
                and set(PLACEHOLDER.findall(entry.msgstr)) != names
            ):
                found.append(f"placeholder lost: {entry.msgid!r} → {entry.msgstr!r}")
    return found


def test_every_offered_language_but_the_source_has_a_catalogue():
    assert TRANSLATED == ["fr", "es", "ar", "zh_Hans", "ru", "ko"]
    for locale in TRANSLATED:
        assert (LOCALE_DIR / locale / "LC_MESSAGES" / "django.po").exists(), locale


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_catalogue_has_no_untranslated_fuzzy_or_broken_message(locale):
    po = polib.pofile(str(LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"))
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == locale
    assert problems(po) == []
    assert len(po.translated_entries()) > 100


def test_the_check_catches_what_it_must(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Done"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "Vieux"\n\n'
        'msgid "%(n)s left"\nmsgstr "il reste %(m)s"\n'
    )
    found = problems(polib.pofile(str(path)))
    assert found == [
        "untranslated: 'Done'",
        "fuzzy: 'Old'",
        "unknown placeholder: '%(n)s left' → 'il reste %(m)s'",
        "placeholder lost: '%(n)s left' → 'il reste %(m)s'",
    ]


@pytest.fixture(scope="module")
def catalogues_from_source(tmp_path_factory) -> Path:
    """Re-extract the messages from today's source into copies of the catalogues.

    A string added to a template or a module without running makemessages shows up
    here as untranslated, so the check cannot be passed by forgetting the extraction.
    """
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.skip("GNU gettext is needed to extract messages")
    work = tmp_path_factory.mktemp("messages")
    shutil.copytree(
        PACKAGE_DIR,
        work / "bulletin",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "migrations"),
    )
    locale_dir = work / "bulletin" / "locale"
    with override_settings(LOCALE_PATHS=[locale_dir]), contextlib.chdir(work):
        call_command("makemessages", locale=TRANSLATED, no_obsolete=True, verbosity=0)
    return locale_dir


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_interface_string_in_the_source_is_translated(
    catalogues_from_source, locale
):
    po = polib.pofile(
        str(catalogues_from_source / locale / "LC_MESSAGES" / "django.po")
    )
    assert problems(po) == [], "run makemessages (see docs/i18n.md) and translate"


def test_stale_and_missing_catalogues_are_compiled(tmp_path):
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po", target / "django.po")
    assert [p.name for p in ensure_compiled(tmp_path)] == ["django.mo"]
    assert ensure_compiled(tmp_path) == []  # up to date: nothing to do
    mo = polib.mofile(str(target / "django.mo"))
    assert mo.find("All posts").msgstr == "Toutes les publications"
    assert [p.parent.parent.name for p in catalogues(tmp_path)] == ["fr"]


@pytest.mark.django_db
def test_the_interface_speaks_the_language_of_the_url(client):
    expected = {
        "fr": "Toutes les publications",
        "es": "Todas las publicaciones",
        "ar": "كل المنشورات",
        "zh-hans": "全部文章",
        "ru": "Все публикации",
        "ko": "전체 게시물",
    }
    for code, text in expected.items():
        response = client.get(f"/{code}/")
        assert text in response.content.decode(), code
