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
