"""Daily: remind confirmed participants of tomorrow's events (each person once).

Runs for each active tenant in its scope (its events, its portal's name in the mails,
its audit chain), or with ``--tenant`` for one.
"""

from rathaus.events.services import send_reminders
from rathaus.tenants.commands import EachTenantCommand


class Command(EachTenantCommand):
    help = "Send the reminder mail to everyone confirmed for an event that starts tomorrow."
    job = staticmethod(send_reminders)
    done = "{count} reminder(s) queued."
