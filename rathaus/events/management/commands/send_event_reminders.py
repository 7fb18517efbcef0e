"""Daily: remind confirmed participants of tomorrow's events (each person once)."""

from typing import Any

from rathaus.events.management.base import LinkCommand
from rathaus.events.services import send_reminders


class Command(LinkCommand):
    help = "Send the reminder mail to everyone confirmed for an event that starts tomorrow."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders(base_url=self.base_url(options))
        self.stdout.write(f"{count} reminder(s) queued.")
