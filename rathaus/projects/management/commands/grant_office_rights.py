from django.core.management.base import BaseCommand, CommandError

from rathaus.accounts.models import User
from rathaus.projects.office import grant_office_rights


class Command(BaseCommand):
    help = "Give a Smart Region office member admin access to the lists the office keeps."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {email}.")
        grant_office_rights(user)
        self.stdout.write(f"{user.email} may now edit the Smart Region lists in the admin.")
