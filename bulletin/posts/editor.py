"""The rich-text editor staff write bodies with: what it offers matches `sanitize.py`."""

from __future__ import annotations

from django import forms
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget

BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    # Lists and tables are built from these nodes; without them the editor
    # cannot start (django-prose-editor no longer adds them by itself).
    "ListItem": True,
    "BulletList": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Image": True,
    # Figure gives images their only menu button and dialog (address, alt text,
    # caption); Image alone can be pasted but not inserted.
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


class LabelledProseEditorWidget(ProseEditorWidget):
    """The editor, with its editable area named by the field's label (see the script)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["posts/editor-label.js"])


def body_form_field(extensions: dict | None = None, **kwargs) -> ProseEditorFormField:
    """The body field; `extensions` adds to or (with False) removes from the defaults."""
    return ProseEditorFormField(
        config={"extensions": {**BODY_EDITOR_EXTENSIONS, **(extensions or {})}},
        preset="configurable",
        widget=LabelledProseEditorWidget,
        **kwargs,
    )
