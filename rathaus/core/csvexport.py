"""CSV for spreadsheets: UTF-8 with BOM, semicolons (German Excel), formula injection guarded.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return would run as a
formula in a spreadsheet; such cells get a leading apostrophe (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

__all__ = ["safe_cell", "to_csv", "csv_response", "download"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_TRIGGERS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def download(body: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """A file to save (CSV, JSON, ...) under ``filename``."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    return download(to_csv(header, rows), filename, "text/csv; charset=utf-8")
