"""A select box written in Python, the same HTML as Django's templates write it.

Django renders each `<option>` through two template includes; the all-posts list's
filter form has six selects (the languages, the topics, everyone with a role) and
drew them in about 5 ms of a 25 ms page. `QuickSelect` takes the same context
(`get_context`: the options, their `selected`, the bound field's aria attributes) and
joins the same markup; `tests/editorial/test_widgets.py` compares both outputs.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    """`django/forms/widgets/attrs.html`: ` name="value"`, a bare name for True."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(
                f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
            )
    return "".join(out)


class QuickSelect(forms.Select):
    """`forms.Select`, its template written out in Python."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"']
        parts.append(_attrs(widget["attrs"]) + ">")
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}"
                    "</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
