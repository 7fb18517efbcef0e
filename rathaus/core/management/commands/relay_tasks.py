"""Every minute: enqueue again the background tasks that no worker has taken in time
(the process that should have enqueued them died after its commit; see core.outbox)."""

from django.core.management.base import BaseCommand

from rathaus.core.models import OutboxTask
from rathaus.core.outbox import MAX_ATTEMPTS, relay


class Command(BaseCommand):
    help = "Enqueue again the background tasks no worker has taken in time (run every minute)."

    def handle(self, *args, **options):
        count = relay()
        failed = OutboxTask.objects.filter(attempts__gte=MAX_ATTEMPTS).count()
        self.stdout.write(f"{count} relayed, {failed} failed {MAX_ATTEMPTS} times")
