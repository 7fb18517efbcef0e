"""Hourly: cancel seat offers not confirmed in time; offer each seat to the next person."""

from typing import Any

from django.core.management.base import BaseCommand

from rathaus.events.services import expire_offers


class Command(BaseCommand):
    help = "Cancel expired seat offers and offer the seats to the next on the waiting lists."

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_offers()
        self.stdout.write(f"{count} expired offer(s) cancelled.")
