"""Import and publish the service definitions shipped in the repository (or given files),
as definitions of one tenant (``--tenant``, by default the default tenant)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from rathaus.definitions.services import DefinitionInvalid, load_shipped
from rathaus.tenants.commands import add_tenant_argument, chosen_tenant
from rathaus.tenants.scope import activate


class Command(BaseCommand):
    help = "Import service definition files (default: the shipped ones) and publish them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="YAML or JSON files")
        parser.add_argument("--draft", action="store_true", help="store as drafts, do not publish")
        add_tenant_argument(parser)

    def handle(self, *args, paths, draft, tenant=None, **options):
        with activate(chosen_tenant(tenant)):
            try:
                versions = load_shipped(paths or None, publish_new=not draft)
            except DefinitionInvalid as error:
                lines = "\n".join(f"  {problem}" for problem in error.problems)
                raise CommandError(f"Invalid definition:\n{lines}") from error
            except IntegrityError as error:
                raise CommandError(f"A definition belongs to another tenant: {error}") from error
            except OSError as error:
                raise CommandError(str(error)) from error
            for version in versions:
                self.stdout.write(
                    f"{version.definition.slug}: version {version.number} ({version.status})"
                )
