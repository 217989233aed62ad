"""`QuickSelect` writes what Django's select templates write, for every select of the
all-posts filter form, any value chosen, with errors and help text, in any language."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from bulletin.accounts.roles import Role
from bulletin.editorial.finding import FindForm
from bulletin.editorial.widgets import QuickSelect

pytestmark = pytest.mark.django_db


def django_select(bound) -> str:
    """The bound field drawn by Django's own `forms.Select`."""
    field = bound.field
    quick = field.widget
    plain = forms.Select(attrs=quick.attrs, choices=quick.choices)
    field.widget = plain
    try:
        return str(bound.form[bound.name])
    finally:
        field.widget = quick


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"status": "scheduled", "kind": "notice", "language": "ar", "dates": "updated"},
        {"status": "nonsense", "topic": "nowhere", "author": "0", "kind": "<b>"},
    ],
)
def test_every_select_of_the_filter_form_is_drawn_as_django_draws_it(
    make_user, make_topic, data, language
):
    editor = make_user("ed", Role.EDITOR, first_name="Ed <&>")
    make_user("al", Role.AUTHOR, last_name='O\'Neil "Al"')
    make_topic("Water & <sewers>", slug="water")
    with translation.override(language):
        form = FindForm({**data, "topic": data.get("topic", "water")}, editor)
        form.is_valid()
        selects = [
            name
            for name, field in form.fields.items()
            if isinstance(field.widget, forms.Select) and name != "sort"  # not shown
        ]
        assert {"status", "kind", "language", "topic", "author", "dates"} <= set(
            selects
        )
        for name in selects:
            bound = form[name]
            assert isinstance(bound.field.widget, QuickSelect)
            assert str(bound) == django_select(bound)
