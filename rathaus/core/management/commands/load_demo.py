from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rathaus.core.demo import load_demo
from rathaus.core.models import Territory


class Command(BaseCommand):
    help = "Create or update demo authorities and one demo login per role (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a real installation: passwords are public).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development only (DEBUG is off).")
        if not Territory.objects.filter(key="06").exists():
            raise CommandError("Load the territory first: manage.py load_territory")
        translation.activate("de")
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if not settings.DEBUG:
            self.stdout.write("Demo logins are printed only when DEBUG is on.")
            return
        self.stdout.write("\nDemo logins (development only):")
        for login in logins:
            self.stdout.write(f"  {login.role:<32} {login.email:<40} {login.password}")
        self.stdout.write(
            "\nStaff logins must set up a second factor (TOTP app) at their first login."
        )
