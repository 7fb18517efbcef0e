"""Rebuild the full-text index of published projects: every tenant's (each entry keeps its
project's tenant), or with ``--tenant`` one tenant's only."""

from django.core.management.base import BaseCommand

from rathaus.projects.indexing import reindex_all
from rathaus.tenants.commands import add_tenant_argument, chosen_tenant
from rathaus.tenants.scope import activate, every_tenant


class Command(BaseCommand):
    help = "Rebuild the full-text index of published projects (after a restore or a move)."

    def add_arguments(self, parser) -> None:
        add_tenant_argument(parser, every=True)

    def handle(self, *args, tenant: str | None = None, **options) -> None:
        with activate(chosen_tenant(tenant)) if tenant else every_tenant():
            count = reindex_all()
        self.stdout.write(f"{count} published projects indexed.")
