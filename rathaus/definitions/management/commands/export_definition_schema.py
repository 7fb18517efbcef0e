"""Write the JSON Schema of service definitions to docs/schema/ (or check it is current)."""

from django.core.management.base import BaseCommand, CommandError

from rathaus.definitions.services import SCHEMA_FILE, schema_json


class Command(BaseCommand):
    help = "Export the service definition JSON Schema to docs/schema/."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail when the file is stale")

    def handle(self, *args, check, **options):
        current = schema_json()
        if check:
            if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != current:
                raise CommandError(f"{SCHEMA_FILE} is stale: run export_definition_schema")
            return
        SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_FILE.write_text(current)
        self.stdout.write(f"Wrote {SCHEMA_FILE}")
