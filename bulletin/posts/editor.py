"""The rich-text editor staff write bodies with: what it offers matches `sanitize.py`."""

from __future__ import annotations

from django import forms
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import ProseEditorWidget
from js_asset.js import InlineStyle
from js_asset.media import Media

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


# Tiptap injects its base CSS into the first `<style data-tiptap-style>` it finds, or
# makes one; an empty one rendered with the page's CSP nonce keeps it from making an
# inline style the policy would block. The rules themselves are in editor-base.css.
TIPTAP_STYLE_PLACEHOLDER = InlineStyle("", **{"data-tiptap-style": ""})


class LabelledProseEditorWidget(ProseEditorWidget):
    """The editor, with its editable area named by the field's label (see the script).

    Render its media through `with_csp_nonce` (bulletin/editorial/templatetags): the
    import map and the style placeholder are inline and need the response's nonce.
    """

    @property
    def media(self):
        return (
            Media(css={"all": [TIPTAP_STYLE_PLACEHOLDER, "posts/editor-base.css"]})
            + super().media
            + forms.Media(js=["posts/editor-label.js"])
        )


def body_form_field(extensions: dict | None = None, **kwargs) -> ProseEditorFormField:
    """The body field; `extensions` adds to or (with False) removes from the defaults."""
    return ProseEditorFormField(
        config={"extensions": {**BODY_EDITOR_EXTENSIONS, **(extensions or {})}},
        preset="configurable",
        widget=LabelledProseEditorWidget,
        **kwargs,
    )
