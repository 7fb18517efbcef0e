"""Daily: remind confirmed participants of tomorrow's events (each person once)."""

from typing import Any

from django.core.management.base import BaseCommand

from rathaus.events.services import send_reminders


class Command(BaseCommand):
    help = "Send the reminder mail to everyone confirmed for an event that starts tomorrow."

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_reminders()
        self.stdout.write(f"{count} reminder(s) queued.")
