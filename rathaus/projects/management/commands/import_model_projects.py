from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rathaus.projects.reference import SHIPPED_CSV, import_model_projects


class Command(BaseCommand):
    help = "Import the Modellprojekte Smart Cities 2019–2021 list (shipped CSV by default)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(SHIPPED_CSV))

    def handle(self, *args, path: str, **options) -> None:
        try:
            count = import_model_projects(Path(path))
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Import failed: {error}") from error
        self.stdout.write(f"{count} Modellprojekte Smart Cities imported.")
