"""``manage.py load_territory``: import Länder, Regierungsbezirke, Kreise and Gemeinden.

Without ``--file`` it loads the extracts shipped in ``rathaus/core/data`` with their
coordinates: Hessen, Hamburg and Schleswig-Holstein (``--land`` chooses among them), in one
import. ``--file`` imports any Destatis GV100AD file (the whole of Germany too).
Idempotent: running it again with the same data changes nothing.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from rathaus.core import importers
from rathaus.core.models import Territory

SKIPPED_LABELS = {
    importers.SKIPPED_REGION: _("Regionen (Satzart 30)"),
    importers.SKIPPED_ASSOCIATION: _("Gemeindeverbände (Satzart 50)"),
    importers.SKIPPED_UNINCORPORATED: _("gemeindefreie Gebiete"),
    importers.SKIPPED_OTHER_LAND: _("Datensätze anderer Länder"),
}
STALE_SHOWN = 10


class Command(BaseCommand):
    help = _(  # type: ignore[assignment]
        "Lädt das Gemeindeverzeichnis (Destatis GV100AD). Ohne Angaben: die mitgelieferten "
        "Auszüge für Hessen, Hamburg und Schleswig-Holstein mit Koordinaten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            help=_(
                "GV100AD-Datei (Festformat); Vorgabe: die mitgelieferten Auszüge für Hessen, "
                "Hamburg und Schleswig-Holstein."
            ),
        )
        parser.add_argument(
            "--coordinates",
            help=_(
                "CSV mit Koordinaten (ags,latitude,longitude oder Destatis-Auszug GV); "
                "Vorgabe ohne --file: die mitgelieferten Koordinaten."
            ),
        )
        parser.add_argument(
            "--land",
            nargs="+",
            action="extend",
            metavar="KEY",
            help=_("Nur diese Länder importieren, z. B. --land 06 oder --land 01 06."),
        )
        parser.add_argument(
            "--encoding",
            default="utf-8",
            help=_("Zeichensatz der GV100AD-Datei (ältere Ausgaben: iso-8859-1)."),
        )

    def handle(self, *args, file=None, coordinates=None, land=None, encoding="utf-8", **options):
        started = time.perf_counter()
        try:
            if not file:
                result = importers.import_shipped_extracts(land, coordinates)
            else:
                result = importers.import_territory(file, coordinates, land, encoding=encoding)
        except importers.TerritoryImportError as error:
            raise CommandError(
                _("Import abgebrochen, nichts geändert. %(error)s") % {"error": error}
            ) from error
        except (OSError, LookupError) as error:
            raise CommandError(str(error)) from error
        self._report(result, time.perf_counter() - started)

    def _report(self, result: importers.ImportResult, seconds: float) -> None:
        levels = dict(Territory.Level.choices)
        for level, count in result.counts.items():
            self.stdout.write(
                _(
                    "%(level)s: %(total)d (neu %(created)d, geändert %(updated)d, "
                    "unverändert %(unchanged)d)"
                )
                % {
                    "level": levels[level],
                    "total": count.total,
                    "created": count.created,
                    "updated": count.updated,
                    "unchanged": count.unchanged,
                }
            )
        for reason, number in sorted(result.skipped.items()):
            if number:
                label = SKIPPED_LABELS.get(reason, reason)
                self.stdout.write(
                    _("Übersprungen: %(number)d %(label)s") % {"number": number, "label": label}
                )
        self.stdout.write(
            _("Mit Koordinaten: %(number)d Gemeinden") % {"number": result.with_coordinates}
        )
        if result.stale_keys:
            shown = ", ".join(result.stale_keys[:STALE_SHOWN])
            more = "…" if len(result.stale_keys) > STALE_SHOWN else ""
            self.stdout.write(
                self.style.WARNING(
                    _("Nicht mehr in der Datei, aber in der Datenbank (behalten): %(keys)s%(more)s")
                    % {"keys": shown, "more": more}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Gebietsstand %(date)s importiert in %(seconds).1f s.")
                % {
                    "date": result.valid_on.strftime("%d.%m.%Y") if result.valid_on else "-",
                    "seconds": seconds,
                }
            )
        )
