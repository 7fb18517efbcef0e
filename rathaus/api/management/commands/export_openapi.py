"""Write the API's OpenAPI document to docs/api/openapi.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from rathaus.api.urls import api

OPENAPI_FILE = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.json"


class Command(BaseCommand):
    help = "Export the OpenAPI document of the REST API to docs/api/openapi.json."

    def handle(self, *args, **options):
        OPENAPI_FILE.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True)
        OPENAPI_FILE.write_text(text + "\n")
        self.stdout.write(f"Wrote {OPENAPI_FILE}")
