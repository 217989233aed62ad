"""The editor's words in the page's language.

django-prose-editor names its buttons and dialogs in English; editor-toolbar.js
swaps these in, keyed by the library's own English text.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def editor_words() -> dict:
    return {
        "toolbar": _("Formatting"),
        "dialog": _("Dialog"),
        "buttons": {
            "bold": _("Bold"),
            "italic": _("Italic"),
            "underline": _("Underline"),
            "strike": _("Strikethrough"),
            "subscript": _("Subscript"),
            "superscript": _("Superscript"),
            "heading 2": _("Heading 2"),
            "heading 3": _("Heading 3"),
            "heading 4": _("Heading 4"),
            "paragraph": _("Paragraph"),
            "unordered list": _("Bulleted list"),
            "ordered list": _("Numbered list"),
            "blockquote": _("Quotation"),
            "horizontal rule": _("Dividing line"),
            "figure": _("Image"),
            "insert link": _("Link (Ctrl+K)"),
            "remove link": _("Remove link"),
            "undo": _("Undo"),
            "redo": _("Redo"),
            "Insert table": _("Table"),
            "Merge cells": _("Merge cells"),
            "Split cell": _("Split cell"),
            "question_mark": _("Text style"),
        },
        "texts": {
            "Edit Link": _("Link"),
            "URL": _("Web address"),
            "Title": _("Title (optional)"),
            "Update": _("Apply"),
            "Cancel": _("Cancel"),
            "Insert Table": _("Insert a table"),
            "Table Properties": _("Table"),
            "Rows": _("Rows"),
            "Columns": _("Columns"),
            "Include header row": _("Include a header row"),
        },
    }
