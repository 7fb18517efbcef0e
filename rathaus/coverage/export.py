"""CSV export of the coverage report: one row per Gemeinde, one column per service.

German spreadsheet conventions (``core.csvexport``: ``;``, UTF-8 with BOM, formula
injection guarded) and a decimal comma.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rathaus.core.csvexport import to_csv
from rathaus.coverage.services import CoverageReport, MunicipalityCoverage

__all__ = ["coverage_csv"]


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _header(report: CoverageReport) -> list[str]:
    columns = [
        _("AGS"),
        _("Gemeinde"),
        _("Kreis"),
        _("Einwohner"),
        _("Leistungen online"),
        _("Leistungen gesamt"),
        _("Abdeckung in %"),
        _("Rang"),
    ]
    return columns + [service.name for service in report.services]


def _row(row: MunicipalityCoverage) -> list[object]:
    place = row.municipality
    cells: list[object] = [
        place.key,
        place.name,
        row.kreis.name if row.kreis else "",
        place.population if place.population is not None else "",
        row.online,
        row.total,
        _decimal(row.percent),
        row.rank,
    ]
    return cells + [_("online") if s.online else _("nicht online") for s in row.statuses]


def coverage_csv(report: CoverageReport, rows: list[MunicipalityCoverage]) -> str:
    """The CSV text (with the byte order mark) for ``rows`` of ``report``."""
    return to_csv(_header(report), (_row(row) for row in rows))
