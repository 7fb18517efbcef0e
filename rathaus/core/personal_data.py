"""GDPR rights across apps: every app that keeps personal data registers how to export it
(Art. 15/20 GDPR) and what to erase at once when a person deletes their account (Art. 17).

Data that must be kept for a legal retention period (a submitted application) is not
erased here; its app's retention purge deletes it when the period ends.

Exporters and erasers see what the scope shows. A user is shared by every tenant, so
the account's export and erasure (``accounts.privacy``) run them in ``every_tenant()``:
they cover the person's rows in every tenant, whichever portal she asks from.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from rathaus.core.registry import Registry

__all__ = ["ExportFile", "Keeper", "KEEPERS", "register", "export_zip", "erase"]


@dataclass(frozen=True)
class ExportFile:
    path: str
    content: bytes

    @classmethod
    def json(cls, path: str, data: Any) -> ExportFile:
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        return cls(path, text.encode())


Exporter = Callable[[Any], Iterable[ExportFile]]
Eraser = Callable[[Any], int]


@dataclass(frozen=True)
class Keeper:
    """What one app does with the personal data it keeps: export it, and (if anything is
    to go at once) erase it."""

    export: Exporter
    erase: Eraser | None = None


KEEPERS: Registry[Keeper] = Registry("personal data")


def register(name: str, exporter: Exporter, eraser: Eraser | None = None) -> None:
    """Register an app's exporter and eraser; registering ``name`` again replaces both."""
    KEEPERS.register(name, Keeper(exporter, eraser))


def export_zip(user: Any) -> bytes:
    """Everything the platform keeps about ``user``, as one ZIP (JSON files and documents);
    the apps write in name order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for keeper in KEEPERS.values():
            for item in keeper.export(user):
                archive.writestr(item.path, item.content)
    return buffer.getvalue()


def erase(user: Any) -> dict[str, int]:
    """Run every app's eraser in name order (in the caller's transaction); counts per app."""
    return {
        name: keeper.erase(user) for name, keeper in KEEPERS.items() if keeper.erase is not None
    }
