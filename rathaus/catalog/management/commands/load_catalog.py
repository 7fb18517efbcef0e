"""Load the service catalogue and publish the shipped service definitions.

The catalogue (life situations, services) is shared by every tenant; the shipped
definitions belong to one tenant, ``--tenant`` (by default the default tenant), and
their published versions serve every tenant's offers.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from rathaus.catalog.loading import load_catalog
from rathaus.definitions.services import DefinitionInvalid, load_shipped
from rathaus.tenants.commands import add_tenant_argument, chosen_tenant
from rathaus.tenants.scope import activate


class Command(BaseCommand):
    help = "Load life situations and services, import and publish the shipped definitions."

    def add_arguments(self, parser):
        add_tenant_argument(parser)

    def handle(self, *args, tenant=None, **options):
        with activate(chosen_tenant(tenant)):
            try:
                versions = load_shipped()
            except DefinitionInvalid as error:
                lines = "\n".join(f"  {problem}" for problem in error.problems)
                raise CommandError(f"A shipped definition is invalid:\n{lines}") from error
            except IntegrityError as error:
                raise CommandError(
                    f"A shipped definition belongs to another tenant: {error}"
                ) from error
            situations, services = load_catalog()
        self.stdout.write(
            f"Catalogue: {situations} life situations, {services} services; "
            f"{len(versions)} definitions published."
        )
