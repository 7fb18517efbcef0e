"""Daily: remind confirmed participants of tomorrow's events (each person once).

Runs for each active tenant in its scope (its events, its portal's name in the mails,
its audit chain), or with ``--tenant`` for one.
"""

from typing import Any

from django.core.management.base import BaseCommand

from rathaus.events.services import send_reminders
from rathaus.tenants.commands import add_tenant_argument, chosen_tenants
from rathaus.tenants.scope import activate


class Command(BaseCommand):
    help = "Send the reminder mail to everyone confirmed for an event that starts tomorrow."

    def add_arguments(self, parser) -> None:
        add_tenant_argument(parser, every=True)

    def handle(self, *args: Any, tenant: str | None = None, **options: Any) -> None:
        count = 0
        for chosen in chosen_tenants(tenant):
            with activate(chosen):
                count += send_reminders()
        self.stdout.write(f"{count} reminder(s) queued.")
