from django.core.management.base import BaseCommand, CommandError

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; name the first edited or removed entry."

    def handle(self, *args, **options):
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"Audit chain broken at entry #{broken.sequence}: {broken.reason}.")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} entries verified."))
