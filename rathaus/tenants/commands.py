"""The ``--tenant`` option of management commands, and the tenants a command works for.

A command whose work belongs to one tenant (load the catalogue, import a definition) runs
in that tenant's scope: ``--tenant <slug>``, by default the default tenant
(``RATHAUS_TENANT``). A command that does the same work for every tenant (send tomorrow's
reminders) runs once per tenant, each time in its scope, or for the one ``--tenant``
names. A shipped tenant missing from the database is created (``services.ensure``).
"""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rathaus.tenants import services
from rathaus.tenants.models import Tenant
from rathaus.tenants.scope import activate

__all__ = ["EachTenantCommand", "add_tenant_argument", "chosen_tenant", "chosen_tenants"]


def add_tenant_argument(parser: ArgumentParser, *, every: bool = False) -> None:
    """Add ``--tenant <slug>``: by default the default tenant, or (``every``) all tenants."""
    default = "every active tenant" if every else f"the default tenant, {settings.RATHAUS_TENANT}"
    parser.add_argument(
        "--tenant", metavar="SLUG", help=f"Only this tenant (its slug); default: {default}."
    )


def chosen_tenant(slug: str | None) -> Tenant:
    """The tenant ``--tenant`` names, else the default tenant."""
    try:
        return services.ensure(slug or settings.RATHAUS_TENANT)
    except Tenant.DoesNotExist:
        known = ", ".join(Tenant.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(f"No tenant {slug!r} (known: {known or 'none'}).") from None


def chosen_tenants(slug: str | None) -> list[Tenant]:
    """The tenant ``--tenant`` names, else every active tenant (by slug)."""
    if slug:
        return [chosen_tenant(slug)]
    return list(Tenant.objects.filter(active=True).order_by("slug"))


class EachTenantCommand(BaseCommand):
    """A command that does one job for each active tenant in turn, each in its scope (or
    for the one ``--tenant`` names): set ``job`` (returns a count) and ``done`` (the
    message, with ``{count}``)."""

    job: Callable[[], int]
    done: str

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_tenant_argument(parser, every=True)

    def handle(self, *args: Any, tenant: str | None = None, **options: Any) -> None:
        count = 0
        for chosen in chosen_tenants(tenant):
            with activate(chosen):
                count += type(self).job()
        self.stdout.write(self.done.format(count=count))
