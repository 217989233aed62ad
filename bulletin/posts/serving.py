"""Stored files as responses, for every view that hands one out.

A file can be gone from storage while its row stays (a restore without the media
folder, a disk cleaned by hand): the reader gets a 404, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def file_response(file: FieldFile, **options: Any) -> FileResponse:
    """`FileResponse(file, **options)`, or a 404 when the row has no file or the
    storage no longer holds it."""
    if not file:
        raise Http404("No file")
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing") from missing
    return FileResponse(handle, **options)
