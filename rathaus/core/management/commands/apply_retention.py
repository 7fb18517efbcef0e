from django.core.management.base import BaseCommand

from rathaus.core.retention import apply_retention


class Command(BaseCommand):
    help = "Delete personal data whose retention period has ended (run daily)."

    def handle(self, *args, **options):
        for name, count in apply_retention().items():
            self.stdout.write(f"{name}: {count} deleted")
