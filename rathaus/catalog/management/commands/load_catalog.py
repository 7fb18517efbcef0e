"""Load the service catalogue and publish the shipped service definitions."""

from django.core.management.base import BaseCommand, CommandError

from rathaus.catalog.loading import load_catalog
from rathaus.definitions.services import DefinitionInvalid, load_shipped


class Command(BaseCommand):
    help = "Load life situations and services, import and publish the shipped definitions."

    def handle(self, *args, **options):
        try:
            versions = load_shipped()
        except DefinitionInvalid as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"A shipped definition is invalid:\n{lines}") from error
        situations, services = load_catalog()
        self.stdout.write(
            f"Catalogue: {situations} life situations, {services} services; "
            f"{len(versions)} definitions published."
        )
