"""``manage.py load_demo``: the demo of every shipped Land (Hessen, Hamburg,
Schleswig-Holstein), each in its tenant's scope, or with ``--tenant`` of one.

Needs the tenants' territory (``load_territory``); refuses to run with DEBUG off unless
forced, because the demo passwords are public.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rathaus.core.demo import LANDS, DemoLogin, load_demos
from rathaus.core.models import Territory
from rathaus.tenants import services as tenants
from rathaus.tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Create or update the demo authorities, content and one demo login per role of "
        "each shipped Land (development only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a real installation: passwords are public).",
        )
        parser.add_argument(
            "--tenant",
            metavar="SLUG",
            choices=sorted(LANDS),
            help=f"Only this tenant's demo; default: all of {', '.join(LANDS)}.",
        )

    def handle(self, *args, force=False, tenant=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development only (DEBUG is off).")
        if tenant and tenant not in LANDS:
            raise CommandError(f"No demo for {tenant!r} (demos: {', '.join(LANDS)}).")
        slugs = [tenant] if tenant else list(LANDS)
        self._check_territory(slugs)
        translation.activate("de")
        loaded = load_demos(slugs)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if not settings.DEBUG:
            self.stdout.write("Demo logins are printed only when DEBUG is on.")
            return
        self._logins(loaded)

    def _logins(self, loaded: dict[Tenant, list[DemoLogin]]) -> None:
        self.stdout.write("\nDemo logins (development only):")
        platform: dict[str, DemoLogin] = {}
        for chosen, logins in loaded.items():
            self.stdout.write(f"\n{chosen.portal_name} ({tenants.site_url(chosen)}/):")
            for login in logins:
                if login.last:  # the platform admin: one for all tenants, listed once
                    platform[login.email] = login
                else:
                    self._login(login)
        if platform:
            self.stdout.write("\nAll tenants:")
            for login in platform.values():
                self._login(login)
        self.stdout.write(
            "\nStaff logins must set up a second factor (TOTP app) at their first login."
        )

    def _login(self, login: DemoLogin) -> None:
        self.stdout.write(f"  {login.role:<32} {login.email:<46} {login.password}")

    def _check_territory(self, slugs: list[str]) -> None:
        keys = {slug: tenants.ensure(slug).land_key for slug in slugs}
        loaded = set(Territory.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        missing = [slug for slug, key in keys.items() if key not in loaded]
        if missing:
            raise CommandError(
                f"Load the territory first (missing: {', '.join(missing)}): "
                "manage.py load_territory"
            )
