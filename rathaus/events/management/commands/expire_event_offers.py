"""Hourly: cancel seat offers not confirmed in time; offer each seat to the next person.

Runs for each active tenant in its scope (its events, its portal's name in the mails,
its audit chain), or with ``--tenant`` for one.
"""

from rathaus.events.services import expire_offers
from rathaus.tenants.commands import EachTenantCommand


class Command(EachTenantCommand):
    help = "Cancel expired seat offers and offer the seats to the next on the waiting lists."
    job = staticmethod(expire_offers)
    done = "{count} expired offer(s) cancelled."
