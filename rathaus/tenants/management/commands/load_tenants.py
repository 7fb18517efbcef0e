from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rathaus.tenants import services


class Command(BaseCommand):
    help = "Create the shipped tenants (rathaus/tenants/data/tenants.toml) that are missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update", action="store_true", help="Reset the shipped fields of existing tenants."
        )

    def handle(self, *args, update=False, **options):
        for tenant in services.load_shipped(update=update):
            self.stdout.write(
                _("Mandant %(name)s (%(slug)s)") % {"name": tenant, "slug": tenant.slug}
            )
