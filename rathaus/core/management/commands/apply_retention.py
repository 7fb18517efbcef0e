"""Daily: delete personal data whose retention period has ended, in every tenant.

The purges run once, in the operator's view across all tenants (``every_tenant``): some
of what they delete belongs to no tenant (login failures, test runs), and each runs
exactly once over everything. An audit entry about one tenant's row goes to that
tenant's chain, a summary entry (a count, a list of references) to the platform's.
"""

from django.core.management.base import BaseCommand

from rathaus.core.retention import apply_retention
from rathaus.tenants.scope import every_tenant


class Command(BaseCommand):
    help = "Delete personal data whose retention period has ended (run daily, every tenant)."

    def handle(self, *args, **options):
        with every_tenant():
            counts = apply_retention()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} deleted")
