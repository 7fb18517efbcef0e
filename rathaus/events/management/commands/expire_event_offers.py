"""Hourly: cancel seat offers not confirmed in time; offer each seat to the next person.

Runs for each active tenant in its scope (its events, its portal's name in the mails,
its audit chain), or with ``--tenant`` for one.
"""

from typing import Any

from django.core.management.base import BaseCommand

from rathaus.events.services import expire_offers
from rathaus.tenants.commands import add_tenant_argument, chosen_tenants
from rathaus.tenants.scope import activate


class Command(BaseCommand):
    help = "Cancel expired seat offers and offer the seats to the next on the waiting lists."

    def add_arguments(self, parser) -> None:
        add_tenant_argument(parser, every=True)

    def handle(self, *args: Any, tenant: str | None = None, **options: Any) -> None:
        count = 0
        for chosen in chosen_tenants(tenant):
            with activate(chosen):
                count += expire_offers()
        self.stdout.write(f"{count} expired offer(s) cancelled.")
