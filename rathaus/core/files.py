"""Stored files go with the transaction that deletes their rows."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.fields.files import FieldFile


def delete_after_commit(files: Iterable[FieldFile]) -> None:
    """Remove the files from storage once the current transaction commits (never before:
    a rolled-back deletion keeps its files)."""
    stored = [(f.storage, f.name) for f in files if f and f.name]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


def file_response(field: FieldFile, *, attachment: bool = False):
    """Stream a stored file after the caller checked who may see it (``MEDIA_ROOT`` is never
    served as a whole: uploads of every app live there). Browsers must not guess the type."""
    from django.http import FileResponse

    filename = (field.name or "datei").rsplit("/", 1)[-1]
    response = FileResponse(field.open("rb"), as_attachment=attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
